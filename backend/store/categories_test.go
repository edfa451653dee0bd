package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

// categoryOf returns the category of the cached row with the description on
// the posting date (the first such row).
func categoryOf(t *testing.T, st *store.Store, desc, postingDate string) string {
	t.Helper()
	return find(t, st, desc, postingDate, 1).Category
}

func originOf(t *testing.T, st *store.Store, desc, postingDate string) domain.CategorySource {
	t.Helper()
	src, _, err := st.CategoryOrigin(t.Context(), find(t, st, desc, postingDate, 1).ID)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// rulesOnly deletes the seeded rules so a test controls every rule.
func rulesOnly(t *testing.T, st *store.Store) {
	t.Helper()
	rules, err := st.ListRules(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if err := st.DeleteRule(t.Context(), r.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func addRule(t *testing.T, st *store.Store, in domain.RuleInput) domain.CategoryRule {
	t.Helper()
	r, err := st.CreateRule(t.Context(), in)
	if err != nil {
		t.Fatalf("create rule %+v: %v", in, err)
	}
	return r
}

func applyNew(t *testing.T, st *store.Store) domain.RuleApplication {
	t.Helper()
	res, err := st.ApplyRulesToNew(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func replace(t *testing.T, st *store.Store, acct, from, to string, rows ...domain.Transaction) {
	t.Helper()
	if _, err := st.ReplaceWindow(t.Context(), store.Window{AccountID: acct, From: from, To: to, Rows: rows}); err != nil {
		t.Fatal(err)
	}
}

func TestSeededCategoriesAndRules(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := storetest.Open(t)
	cats, err := st.ListCategories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cats {
		if !c.Listed || c.ID == 0 || c.Uses != 0 {
			t.Errorf("seeded category %+v: want listed, with an ID, unused", c)
		}
		names = append(names, c.Name)
	}
	for _, want := range []string{"Groceries", "Eating out", "Transport & fuel", "Utilities", "Medical", "Insurance",
		"Home & bond", "Entertainment", "Shopping", "Travel", "Fees & interest", "Salary", "Transfers", "Cash",
		"Donations", "Education", "Subscriptions"} {
		if !slices.Contains(names, want) {
			t.Errorf("default category %q missing from %q", want, names)
		}
	}
	for i := 1; i < len(cats); i++ {
		if cats[i].Position <= cats[i-1].Position {
			t.Errorf("categories out of order: %+v before %+v", cats[i-1], cats[i])
		}
	}
	rules, err := st.ListRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The seeded rules categorise the usual South African merchants, and
	// the more specific rule is tried first.
	rs := func(desc string, dir domain.Direction) string {
		for _, r := range rules {
			if r.Matches("any", dir, desc) {
				return r.Category
			}
		}
		return ""
	}
	for _, c := range []struct {
		desc string
		dir  domain.Direction
		want string
	}{
		{"WOOLWORTHS SANDTON CITY JOHANNESBURG ZA", domain.Debit, "Groceries"},
		{"UBER EATS JOHANNESBURG ZA", domain.Debit, "Eating out"},
		{"UBER *TRIP HELP.UBER.COM ZA", domain.Debit, "Transport & fuel"},
		{"KHANYISA ENGINEERING SALARY", domain.Credit, "Salary"},
		{"KAGISO MOLEFE SALARY", domain.Debit, ""}, // paying a salary is not income
		{"NETFLIX.COM LOS GATOS US", domain.Debit, "Subscriptions"},
		{"ATM WITHDRAWAL INVESTEC SANDTON", domain.Debit, "Cash"},
		{"SOMETHING UNKNOWN", domain.Debit, ""},
	} {
		if got := rs(c.desc, c.dir); got != c.want {
			t.Errorf("%s %s: seeded rules say %q, want %q", c.dir, c.desc, got, c.want)
		}
	}
}

func TestCategoryCRUD(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	rulesOnly(t, st)

	pets, err := st.CreateCategory(ctx, "  Pets  ")
	if err != nil || pets.Name != "Pets" || pets.ID == 0 || !pets.Listed {
		t.Fatalf("create = %+v, %v", pets, err)
	}
	for _, bad := range []struct{ name, want string }{
		{"", "Enter a name."},
		{"pets", `A category named "pets" already exists.`},
		{strings.Repeat("x", store.MaxCategoryLen+1), "at most"},
		{"a\x00b", "letters"},
	} {
		_, err := st.CreateCategory(ctx, bad.name)
		if domain.ErrorCode(err) != domain.CodeInvalid || domain.ErrorField(err) != "name" ||
			!strings.Contains(domain.ErrorMessage(err), bad.want) {
			t.Errorf("create %q: %v (field %q), want invalid name %q", bad.name, err, domain.ErrorField(err), bad.want)
		}
	}

	replace(t, st, a, "2026-01-01", "2026-01-31",
		posted(a, "2026-01-02", 1, domain.Debit, 5000, "VET CLINIC", "2026-01-02"),
		posted(a, "2026-01-03", 1, domain.Debit, 7000, "PET SHOP", "2026-01-03"),
		posted(a, "2026-01-04", 1, domain.Debit, 9000, "PET FOOD", "2026-01-04"))
	annotate(t, st, find(t, st, "VET CLINIC", "2026-01-02", 1).ID, "Pets", "")
	annotate(t, st, find(t, st, "PET FOOD", "2026-01-04", 1).ID, "Pets", "for Rex")
	addRule(t, st, domain.RuleInput{Contains: "pet shop", Category: "Pets"})
	if _, err := st.ApplyRules(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := originOf(t, st, "PET SHOP", "2026-01-03"); got != domain.CategoryByRule {
		t.Fatalf("PET SHOP origin = %q", got)
	}

	// Rename: transactions and rules follow; who set each stays the same.
	animals, err := st.RenameCategory(ctx, pets.ID, "Animals")
	if err != nil || animals.Name != "Animals" || animals.Uses != 3 || animals.Rules != 1 {
		t.Fatalf("rename = %+v, %v", animals, err)
	}
	for _, d := range []struct{ desc, date string }{{"VET CLINIC", "2026-01-02"}, {"PET SHOP", "2026-01-03"}, {"PET FOOD", "2026-01-04"}} {
		if got := categoryOf(t, st, d.desc, d.date); got != "Animals" {
			t.Errorf("%s after rename: %q", d.desc, got)
		}
	}
	if got := originOf(t, st, "PET SHOP", "2026-01-03"); got != domain.CategoryByRule {
		t.Errorf("rule-set category became %q after a rename", got)
	}
	if got := originOf(t, st, "VET CLINIC", "2026-01-02"); got != domain.CategoryByHand {
		t.Errorf("hand-set category became %q after a rename", got)
	}
	if _, err := st.RenameCategory(ctx, pets.ID, "GROCERIES"); domain.ErrorField(err) != "name" {
		t.Errorf("rename onto an existing name: %v", err)
	}

	// Delete, moving everything to another category.
	if err := st.DeleteCategory(ctx, pets.ID, "Nowhere"); domain.ErrorField(err) != "moveTo" {
		t.Errorf("delete moving to an unknown category: %v", err)
	}
	if err := st.DeleteCategory(ctx, pets.ID, "Animals"); domain.ErrorField(err) != "moveTo" {
		t.Errorf("delete moving to itself: %v", err)
	}
	if err := st.DeleteCategory(ctx, pets.ID, "Shopping"); err != nil {
		t.Fatal(err)
	}
	if got := categoryOf(t, st, "PET FOOD", "2026-01-04"); got != "Shopping" {
		t.Errorf("moved category = %q", got)
	}
	if r := find(t, st, "PET FOOD", "2026-01-04", 1); r.Note != "for Rex" {
		t.Errorf("note lost in the move: %+v", r)
	}
	rules, _ := st.ListRules(ctx)
	if len(rules) != 1 || rules[0].Category != "Shopping" {
		t.Errorf("rules after move: %+v", rules)
	}

	// Delete, leaving transactions uncategorised: notes stay, empty
	// annotations go, rules go.
	if err := st.DeleteCategory(ctx, categoryID(t, st, "Shopping"), ""); err != nil {
		t.Fatal(err)
	}
	if r := find(t, st, "PET FOOD", "2026-01-04", 1); r.Category != "" || r.Note != "for Rex" {
		t.Errorf("after delete: %+v", r)
	}
	if got := categoryOf(t, st, "VET CLINIC", "2026-01-02"); got != "" {
		t.Errorf("after delete: %q", got)
	}
	if rules, _ := st.ListRules(ctx); len(rules) != 0 {
		t.Errorf("rules of a deleted category remain: %+v", rules)
	}
	cats, _ := st.ListCategories(ctx)
	for _, c := range cats {
		if c.Name == "Shopping" || c.Name == "Animals" {
			t.Errorf("deleted category still listed: %+v", c)
		}
	}
	if err := st.DeleteCategory(ctx, pets.ID, ""); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("delete twice: %v", err)
	}
}

func categoryID(t *testing.T, st *store.Store, name string) int64 {
	t.Helper()
	cats, err := st.ListCategories(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		if c.Name == name {
			return c.ID
		}
	}
	t.Fatalf("no category %q", name)
	return 0
}

func TestUnlistedCategoriesAreReported(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	replace(t, st, a, "2026-01-01", "2026-01-31", posted(a, "2026-01-02", 1, domain.Debit, 5000, "X", "2026-01-02"))
	annotate(t, st, find(t, st, "X", "2026-01-02", 1).ID, "Hobbies", "")
	cats, err := st.ListCategories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last := cats[len(cats)-1]
	if last.Name != "Hobbies" || last.Listed || last.ID != 0 || last.Uses != 1 {
		t.Fatalf("unlisted category = %+v", last)
	}
	// Adding it to the list picks up its uses.
	c, err := st.CreateCategory(ctx, "Hobbies")
	if err != nil || c.Uses != 1 {
		t.Fatalf("create = %+v, %v", c, err)
	}
}

func TestRuleValidation(t *testing.T) {
	t.Parallel()
	st, _ := setup(t)
	_, err := st.CreateRule(t.Context(), domain.RuleInput{Contains: "  ", Category: "Nope", AccountID: "nope", Direction: "SIDEWAYS"})
	got := domain.Payload(err)
	var fields []string
	for _, f := range got.Fields {
		fields = append(fields, f.Field)
	}
	if got.Code != domain.CodeInvalid || !slices.Equal(fields, []string{"contains", "category", "accountId", "direction"}) {
		t.Fatalf("payload = %+v", got)
	}
	_, err = st.CreateRule(t.Context(), domain.RuleInput{Contains: strings.Repeat("y", store.MaxRuleTextLen+1), Category: "Cash"})
	if domain.ErrorField(err) != "contains" {
		t.Fatalf("long text: %v", err)
	}
	if _, err := st.UpdateRule(t.Context(), 99999, domain.RuleInput{Contains: "x", Category: "Cash"}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("update missing rule: %v", err)
	}
}

func TestRulesApplyToNewRowsOnly(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	b := storetest.AccountID(1)
	rulesOnly(t, st)
	addRule(t, st, domain.RuleInput{Contains: "woolworths", Category: "Groceries"})
	addRule(t, st, domain.RuleInput{Contains: "salary", Category: "Salary", Direction: domain.Credit})
	addRule(t, st, domain.RuleInput{Contains: "fee", Category: "Fees & interest", AccountID: b})

	jan := []domain.Transaction{
		posted(a, "2026-01-02", 1, domain.Debit, 45000, "WOOLWORTHS  SANDTON", "2026-01-01"), // two spaces
		posted(a, "2026-01-02", 2, domain.Debit, 5000, "COFFEE", "2026-01-02"),
		posted(a, "2026-01-25", 1, domain.Credit, 4500000, "ACME SALARY", "2026-01-25"),
		posted(a, "2026-01-26", 1, domain.Debit, 3000000, "STAFF SALARY", "2026-01-26"), // out: not income
		posted(a, "2026-01-31", 1, domain.Debit, 53500, "SERVICE FEE", "2026-01-31"),    // other account only
	}
	replace(t, st, a, "2026-01-01", "2026-01-31", jan...)
	replace(t, st, b, "2026-01-01", "2026-01-31", posted(b, "2026-01-31", 1, domain.Debit, 53500, "SERVICE FEE", "2026-01-31"))
	res := applyNew(t, st)
	if res.Categorised != 3 {
		t.Fatalf("first pass = %+v, want 3 categorised", res)
	}
	want := map[string]string{"WOOLWORTHS  SANDTON": "Groceries", "COFFEE": "", "ACME SALARY": "Salary", "STAFF SALARY": "", "SERVICE FEE": ""}
	for _, r := range all(t, st, domain.StatusAll) {
		w := want[r.Description]
		if r.AccountID == b {
			w = "Fees & interest"
		}
		if r.Category != w {
			t.Errorf("%s %s: category %q, want %q", r.AccountID[len(r.AccountID)-2:], r.Description, r.Category, w)
		}
	}

	// The person re-categorises the groceries by hand; a new rule for
	// coffee arrives. A re-sync re-fetches January: nothing in it is new,
	// so the coffee rule does not touch the existing coffee, the hand-set
	// category stays, the rule-set one survives like any annotation.
	annotate(t, st, find(t, st, "WOOLWORTHS  SANDTON", "2026-01-02", 1).ID, "Gifts", "")
	addRule(t, st, domain.RuleInput{Contains: "coffee", Category: "Eating out"})
	addRule(t, st, domain.RuleInput{Contains: "woolworths", Category: "Shopping"}) // first now
	replace(t, st, a, "2026-01-01", "2026-01-31", jan...)
	res = applyNew(t, st)
	if res.Categorised != 0 || res.Recategorised != 0 {
		t.Fatalf("re-sync pass changed %+v, want nothing", res)
	}
	if got := categoryOf(t, st, "COFFEE", "2026-01-02"); got != "" {
		t.Errorf("existing coffee categorised by a new rule after a re-sync: %q", got)
	}
	if got := categoryOf(t, st, "WOOLWORTHS  SANDTON", "2026-01-02"); got != "Gifts" {
		t.Errorf("hand-set category = %q", got)
	}
	if got := categoryOf(t, st, "ACME SALARY", "2026-01-25"); got != "Salary" {
		t.Errorf("rule-set category lost in a re-sync: %q", got)
	}
	if got := originOf(t, st, "ACME SALARY", "2026-01-25"); got != domain.CategoryByRule {
		t.Errorf("origin after re-sync = %q", got)
	}

	// February brings new rows, a late January posting and a pending row:
	// all new, so the rules apply; the newest rule wins.
	replace(t, st, a, "2026-01-01", "2026-02-28", append(slices.Clone(jan),
		posted(a, "2026-01-20", 1, domain.Debit, 3500, "COFFEE", "2026-01-20"),
		posted(a, "2026-02-03", 1, domain.Debit, 30000, "WOOLWORTHS ROSEBANK", "2026-02-02"),
		posted(a, "2026-02-03", 2, domain.Debit, 4000, "COFFEE", "2026-02-03"))...)
	if _, err := st.ReplacePending(ctx, a, []domain.Transaction{pending(a, domain.Debit, 2000, "COFFEE", "2026-02-04")}); err != nil {
		t.Fatal(err)
	}
	res = applyNew(t, st)
	if res.Categorised != 4 {
		t.Fatalf("new rows pass = %+v, want 4", res)
	}
	for _, c := range []struct{ desc, date, want string }{
		{"COFFEE", "2026-01-20", "Eating out"},
		{"WOOLWORTHS ROSEBANK", "2026-02-03", "Shopping"},
		{"COFFEE", "2026-02-03", "Eating out"},
		{"COFFEE", "2026-01-02", ""},
	} {
		if got := categoryOf(t, st, c.desc, c.date); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.desc, c.date, got, c.want)
		}
	}
	if p := all(t, st, domain.StatusPending); len(p) != 1 || p[0].Category != "Eating out" {
		t.Errorf("pending = %+v", p)
	}
	// The pending coffee posts: its rule-set category follows it.
	replace(t, st, a, "2026-02-01", "2026-02-28",
		posted(a, "2026-02-03", 1, domain.Debit, 30000, "WOOLWORTHS ROSEBANK", "2026-02-02"),
		posted(a, "2026-02-03", 2, domain.Debit, 4000, "COFFEE", "2026-02-03"),
		posted(a, "2026-02-05", 1, domain.Debit, 2000, "COFFEE", "2026-02-04"))
	if _, err := st.ReplacePending(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	applyNew(t, st)
	if got := categoryOf(t, st, "COFFEE", "2026-02-05"); got != "Eating out" {
		t.Errorf("posted coffee = %q", got)
	}

	// An older history arrives (backfill): new too.
	replace(t, st, a, "2025-12-01", "2025-12-31", posted(a, "2025-12-15", 1, domain.Debit, 900, "COFFEE", "2025-12-15"))
	if res := applyNew(t, st); res.Categorised != 1 {
		t.Errorf("backfill pass = %+v", res)
	}

	// Apply to existing: categorises the old coffee and re-categorises the
	// rule-set groceries of February? No: that one already carries the
	// winning rule's category. The hand-set "Gifts" is never touched.
	res, err := st.ApplyRules(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Categorised != 1 || res.Recategorised != 0 {
		t.Fatalf("apply to existing = %+v, want 1 categorised", res)
	}
	if got := categoryOf(t, st, "COFFEE", "2026-01-02"); got != "Eating out" {
		t.Errorf("existing coffee after apply = %q", got)
	}
	if got := categoryOf(t, st, "WOOLWORTHS  SANDTON", "2026-01-02"); got != "Gifts" {
		t.Errorf("hand-set category overwritten: %q", got)
	}
}

func TestApplyRulesRecategorisesOnlyRuleSetCategories(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	rulesOnly(t, st)
	taxi := addRule(t, st, domain.RuleInput{Contains: "uber", Category: "Transport & fuel"})
	replace(t, st, a, "2026-01-01", "2026-01-31",
		posted(a, "2026-01-02", 1, domain.Debit, 9000, "UBER TRIP", "2026-01-02"),
		posted(a, "2026-01-03", 1, domain.Debit, 9500, "UBER EATS", "2026-01-03"),
		posted(a, "2026-01-04", 1, domain.Debit, 8000, "UBER TRIP", "2026-01-04"),
		posted(a, "2026-01-05", 1, domain.Debit, 7000, "UBER TRIP", "2026-01-05"))
	applyNew(t, st)
	// By hand: one trip is "Business travel"; a note on another does not
	// make its category the person's.
	annotate(t, st, find(t, st, "UBER TRIP", "2026-01-04", 1).ID, "Business travel", "")
	annotate(t, st, find(t, st, "UBER TRIP", "2026-01-05", 1).ID, "Transport & fuel", "client visit")
	if got := originOf(t, st, "UBER TRIP", "2026-01-05"); got != domain.CategoryByRule {
		t.Errorf("note-only edit changed the origin to %q", got)
	}
	if got := originOf(t, st, "UBER TRIP", "2026-01-04"); got != domain.CategoryByHand {
		t.Errorf("hand edit origin = %q", got)
	}

	eats := addRule(t, st, domain.RuleInput{Contains: "uber eats", Category: "Eating out"})
	p, err := st.PreviewRule(ctx, domain.RuleInput{Contains: "UBER", Category: "Eating out"})
	if err != nil || p.Matching != 4 || p.WouldChange != 3 {
		t.Errorf("preview = %+v, %v; want 4 matching, 3 changeable (the hand-set one is not)", p, err)
	}
	res, err := st.ApplyRules(ctx, []int64{eats.ID})
	if err != nil || res.Recategorised != 1 || res.Categorised != 0 {
		t.Fatalf("apply eats = %+v, %v", res, err)
	}
	if got := categoryOf(t, st, "UBER EATS", "2026-01-03"); got != "Eating out" {
		t.Errorf("uber eats = %q", got)
	}
	_, rule, _ := st.CategoryOrigin(ctx, find(t, st, "UBER EATS", "2026-01-03", 1).ID)
	if rule == nil || rule.ID != eats.ID {
		t.Errorf("origin rule = %+v, want %d", rule, eats.ID)
	}
	// Moving the broad rule first and applying everything turns the eats
	// back into transport, except what the person set.
	if err := st.MoveRule(ctx, taxi.ID, 0); err != nil {
		t.Fatal(err)
	}
	rules, _ := st.ListRules(ctx)
	if rules[0].ID != taxi.ID || rules[1].ID != eats.ID || rules[0].Position != 1 || rules[1].Position != 2 {
		t.Fatalf("order after move = %+v", rules)
	}
	res, err = st.ApplyRules(ctx, nil)
	if err != nil || res.Recategorised != 1 {
		t.Fatalf("apply all = %+v, %v", res, err)
	}
	if got := categoryOf(t, st, "UBER TRIP", "2026-01-04"); got != "Business travel" {
		t.Errorf("hand-set = %q", got)
	}
	if r := find(t, st, "UBER TRIP", "2026-01-05", 1); r.Category != "Transport & fuel" || r.Note != "client visit" {
		t.Errorf("noted row = %+v", r)
	}
	if _, err := st.ApplyRules(ctx, []int64{424242}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("apply unknown rule: %v", err)
	}

	// Deleting a rule keeps what it set (still counted as set by a rule).
	if err := st.DeleteRule(ctx, taxi.ID); err != nil {
		t.Fatal(err)
	}
	src, rule, err := st.CategoryOrigin(ctx, find(t, st, "UBER TRIP", "2026-01-02", 1).ID)
	if err != nil || src != domain.CategoryByRule || rule != nil || categoryOf(t, st, "UBER TRIP", "2026-01-02") != "Transport & fuel" {
		t.Errorf("after deleting the rule: %q %+v %v", src, rule, err)
	}
}

func TestOrphanedRuleAnnotationsAreForgotten(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	rulesOnly(t, st)
	addRule(t, st, domain.RuleInput{Contains: "coffee", Category: "Eating out"})
	if _, err := st.ReplacePending(ctx, a, []domain.Transaction{
		pending(a, domain.Debit, 2000, "COFFEE", "2026-02-04"),
		pending(a, domain.Debit, 3000, "COFFEE BEANS", "2026-02-04"),
	}); err != nil {
		t.Fatal(err)
	}
	applyNew(t, st)
	annotate(t, st, find(t, st, "COFFEE BEANS", "", 1).ID, "Eating out", "a gift")
	// Both authorisations are cancelled.
	if _, err := st.ReplacePending(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	applyNew(t, st)
	orphans, err := st.ListOrphanedAnnotations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(orphans) != 1 || orphans[0].Note != "a gift" {
		t.Fatalf("orphans = %+v: want only the one with the person's note", orphans)
	}
}

func TestCategoryOriginAndTypes(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	replace(t, st, a, "2026-01-01", "2026-01-31",
		posted(a, "2026-01-02", 1, domain.Debit, 5000, "NOTHING", "2026-01-02"))
	src, rule, err := st.CategoryOrigin(ctx, find(t, st, "NOTHING", "2026-01-02", 1).ID)
	if err != nil || src != domain.CategoryNone || rule != nil {
		t.Fatalf("origin = %q %+v %v", src, rule, err)
	}
	if _, _, err := st.CategoryOrigin(ctx, 987654); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("missing: %v", err)
	}
	types, err := st.TransactionTypes(ctx)
	if err != nil || !slices.Equal(types, []string{"CardPurchases"}) {
		t.Fatalf("types = %q, %v", types, err)
	}
}

// TestRulesOnAFilledCache runs the first pass over many rows in several
// chunks, then proves a second pass finds nothing new.
func TestRulesOnAFilledCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	n, _, err := storetest.Fill(ctx, st, 20000, storetest.FillOptions{Accounts: 2, PerDay: 20, To: "2026-03-31"})
	if err != nil || n != 20000 {
		t.Fatalf("fill: %d %v", n, err)
	}
	res := applyNew(t, st)
	if res.Examined != 20000 || res.Categorised == 0 {
		t.Fatalf("first pass = %+v", res)
	}
	// Independently: every WOOLWORTHS row is Groceries (the seeded rule).
	page, err := st.ListTransactions(ctx, domain.TransactionFilter{Search: "woolworths", Limit: store.MaxPageSize})
	if err != nil || page.Totals.Count == 0 {
		t.Fatalf("search: %+v %v", page.Totals, err)
	}
	for _, r := range page.Rows {
		if r.Category != "Groceries" {
			t.Fatalf("%s: %q", r.Description, r.Category)
		}
	}
	cats, _ := st.ListCategories(ctx)
	var uses int64
	for _, c := range cats {
		uses += c.Uses
	}
	if uses != res.Categorised {
		t.Errorf("category uses %d != categorised %d", uses, res.Categorised)
	}
	if again := applyNew(t, st); again.Examined != 0 {
		t.Errorf("second pass examined %d rows, want 0", again.Examined)
	}
	// Re-fetch the last 30 days of one account as a sync would.
	var last []domain.Transaction
	for r, err := range st.AllTransactions(ctx, domain.TransactionFilter{AccountIDs: []string{storetest.AccountID(0)},
		FromDate: "2026-03-02"}) {
		if err != nil {
			t.Fatal(err)
		}
		last = append(last, r)
	}
	if len(last) == 0 {
		t.Fatal("no rows in March")
	}
	replace(t, st, storetest.AccountID(0), "2026-03-02", "2026-03-31", bankFields(last)...)
	if again := applyNew(t, st); again.Categorised != 0 {
		t.Errorf("re-fetch pass = %+v, want nothing new", again)
	}
}
