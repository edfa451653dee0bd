package core

import (
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// insightDemo opens a Service on the demo bank in a fresh data directory
// and runs one sync.
func insightDemo(t *testing.T) *Service {
	t.Helper()
	svc, err := Open(Config{DataDir: t.TempDir(), Demo: true, Secrets: secrets.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := svc.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	if _, err := svc.Sync(t.Context(), TriggerCLI); err != nil {
		t.Fatal(err)
	}
	return svc
}

// insightRows returns every cached transaction f selects.
func insightRows(t *testing.T, svc *Service, f domain.TransactionFilter) []domain.Transaction {
	t.Helper()
	var out []domain.Transaction
	for tx, err := range svc.AllTransactions(t.Context(), f) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tx)
	}
	return out
}

func TestSyncCategorisesNewTransactionsByRule(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := insightDemo(t)

	woolies := insightRows(t, svc, domain.TransactionFilter{Search: "woolworths", Status: domain.StatusPosted})
	if len(woolies) < 10 {
		t.Fatalf("the demo has %d Woolworths purchases", len(woolies))
	}
	for _, w := range woolies {
		if w.Category != "Groceries" {
			t.Fatalf("%s %s: category %q after the first sync, want Groceries (seeded rule)", w.PostingDate, w.Description, w.Category)
		}
	}
	d, err := svc.TransactionDetail(ctx, woolies[0].ID)
	if err != nil || d.CategorySource != domain.CategoryByRule || d.Rule == nil || d.Rule.Contains != "WOOLWORTHS" {
		t.Fatalf("detail = %+v, %v", d, err)
	}

	// The person re-categorises one purchase and notes another; a rule
	// for an uncategorised merchant is added but not applied.
	hand, noted := woolies[len(woolies)-1], woolies[len(woolies)-2]
	if _, err := svc.Annotate(ctx, hand.ID, domain.Annotation{Category: "Entertainment", Note: "party"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Annotate(ctx, noted.ID, domain.Annotation{Category: noted.Category, Note: "milk"}); err != nil {
		t.Fatal(err)
	}
	mama := insightRows(t, svc, domain.TransactionFilter{Search: "fasterpay mama"})
	if len(mama) == 0 || mama[0].Category != "" {
		t.Fatalf("FASTERPAY MAMA rows: %+v", mama)
	}
	if _, err := svc.AddRule(ctx, domain.RuleInput{Contains: "FASTERPAY MAMA", Category: "Donations"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddRule(ctx, domain.RuleInput{Contains: "WOOLWORTHS", Category: "Shopping"}); err != nil {
		t.Fatal(err)
	}

	// A re-sync re-fetches the recent days: every category stays as it
	// was (the rules never take a re-fetched row for a new one).
	if _, err := svc.Sync(ctx, TriggerManual); err != nil {
		t.Fatal(err)
	}
	byUUID := map[string]domain.Transaction{}
	for _, r := range insightRows(t, svc, domain.TransactionFilter{Status: domain.StatusPosted}) {
		byUUID[r.UUID] = r
	}
	if got := byUUID[hand.UUID]; got.Category != "Entertainment" || got.Note != "party" {
		t.Errorf("hand-set annotation after re-sync: %+v", got)
	}
	if got := byUUID[noted.UUID]; got.Category != "Groceries" || got.Note != "milk" {
		t.Errorf("noted rule-set row after re-sync: %+v", got)
	}
	for _, w := range woolies[:len(woolies)-2] {
		if got := byUUID[w.UUID]; got.Category != "Groceries" {
			t.Errorf("rule-set category after re-sync: %s %q", w.PostingDate, got.Category)
		}
	}
	for _, m := range insightRows(t, svc, domain.TransactionFilter{Search: "fasterpay mama"}) {
		if m.Category != "" {
			t.Errorf("an existing row was categorised by a new rule in a re-sync: %+v", m)
		}
	}

	// Applying to existing: the new rules win where a rule set the
	// category; the hand-set one is untouched.
	res, err := svc.ApplyRules(ctx, nil)
	if err != nil || res.Categorised < int64(len(mama)) || res.Recategorised < int64(len(woolies)-2) {
		t.Fatalf("apply = %+v, %v", res, err)
	}
	for _, w := range insightRows(t, svc, domain.TransactionFilter{Search: "woolworths", Status: domain.StatusPosted}) {
		want := "Shopping"
		if w.UUID == hand.UUID {
			want = "Entertainment"
		}
		if w.Category != want {
			t.Errorf("%s after apply: %q, want %q", w.PostingDate, w.Category, want)
		}
	}
	d, err = svc.TransactionDetail(ctx, byUUID[hand.UUID].ID)
	if err != nil || d.CategorySource != domain.CategoryByHand || d.Rule != nil {
		t.Errorf("hand detail = %+v, %v", d, err)
	}
}

func TestInsightMatchesTheTransactions(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := insightDemo(t)
	accounts, err := svc.Accounts(ctx)
	if err != nil || len(accounts) != 4 {
		t.Fatalf("accounts: %d %v", len(accounts), err)
	}
	to := time.Now().Format(time.DateOnly)
	from := time.Now().AddDate(0, -11, 0).Format("2006-01") + "-01"
	in, err := svc.Insight(ctx, domain.InsightRequest{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.InOut) != 12 {
		t.Fatalf("%d months, want 12 (every month of the period): %+v", len(in.InOut), in.InOut)
	}
	// Independently: sum the posted rows of the period month by month.
	type sums struct{ in, out domain.Money }
	want := map[string]sums{}
	byCat := map[string]domain.Money{}
	byType := map[string]domain.Money{}
	posted := insightRows(t, svc, domain.TransactionFilter{FromDate: from, ToDate: to, Status: domain.StatusPosted})
	for _, r := range posted {
		s := want[r.PostingDate[:7]]
		if r.Type == domain.Credit {
			s.in += r.Amount
		} else {
			s.out += r.Amount
			byCat[r.PostingDate[:7]+"|"+r.Category] += r.Amount
			byType[r.PostingDate[:7]+"|"+r.TransactionType] += r.Amount
		}
		want[r.PostingDate[:7]] = s
	}
	for i, m := range in.InOut {
		if i > 0 && m.Month <= in.InOut[i-1].Month {
			t.Fatalf("months out of order: %+v", in.InOut)
		}
		if w := want[m.Month]; m.In != w.in || m.Out != w.out || m.Net != w.in-w.out {
			t.Errorf("%s: in %v out %v net %v, want in %v out %v", m.Month, m.In, m.Out, m.Net, w.in, w.out)
		}
	}
	for _, g := range in.ByCategory {
		if byCat[g.Month+"|"+g.Group] != g.Out {
			t.Errorf("category %s %q: out %v, want %v", g.Month, g.Group, g.Out, byCat[g.Month+"|"+g.Group])
		}
		delete(byCat, g.Month+"|"+g.Group)
	}
	for _, g := range in.ByType {
		if byType[g.Month+"|"+g.Group] != g.Out {
			t.Errorf("type %s %q: out %v, want %v", g.Month, g.Group, g.Out, byType[g.Month+"|"+g.Group])
		}
		delete(byType, g.Month+"|"+g.Group)
	}
	if len(byCat) != 0 || len(byType) != 0 {
		t.Errorf("groups missing from the insight: %v %v", byCat, byType)
	}
	// One balance series per account, in the accounts' order; each day's
	// point is the running balance of that day's last posted row.
	if len(in.Balances) != 4 {
		t.Fatalf("%d balance series", len(in.Balances))
	}
	for i, series := range in.Balances {
		if series.AccountID != accounts[i].ID || len(series.Points) == 0 {
			t.Fatalf("series %d: %s with %d points", i, series.AccountID, len(series.Points))
		}
		last := map[string]domain.Money{}
		for _, r := range insightRows(t, svc, domain.TransactionFilter{AccountIDs: []string{series.AccountID}, FromDate: from,
			ToDate: to, Status: domain.StatusPosted}) {
			last[r.PostingDate] = *r.RunningBalance
		}
		if len(last) != len(series.Points) {
			t.Errorf("%s: %d points for %d days", series.AccountID, len(series.Points), len(last))
		}
		for _, p := range series.Points {
			if last[p.Date] != p.Balance {
				t.Errorf("%s %s: %v, want %v", series.AccountID, p.Date, p.Balance, last[p.Date])
			}
		}
	}

	// One account only.
	one, err := svc.Insight(ctx, domain.InsightRequest{AccountIDs: []string{accounts[1].ID}, From: from, To: to})
	if err != nil || len(one.Balances) != 1 || one.Balances[0].AccountID != accounts[1].ID {
		t.Fatalf("one account: %+v %v", one.Balances, err)
	}
}

func TestInsightValidatesItsRequest(t *testing.T) {
	t.Parallel()
	svc := insightDemo(t)
	for _, c := range []struct {
		req   domain.InsightRequest
		field string
	}{
		{domain.InsightRequest{From: "2026-13-01"}, "from"},
		{domain.InsightRequest{To: "yesterday"}, "to"},
		{domain.InsightRequest{From: "2026-03-01", To: "2026-02-01"}, "to"},
		{domain.InsightRequest{AccountIDs: []string{"nope"}}, "accountIds"},
	} {
		_, err := svc.Insight(t.Context(), c.req)
		if domain.ErrorCode(err) != domain.CodeInvalid || domain.ErrorField(err) != c.field {
			t.Errorf("%+v: %v (field %q), want invalid %s", c.req, err, domain.ErrorField(err), c.field)
		}
	}
}

func TestMonthlyTotalsFillsEveryMonth(t *testing.T) {
	t.Parallel()
	got := monthlyTotals([]domain.MonthlyFlow{
		{AccountID: "a", Month: "2025-11", In: 100, Out: 40, Net: 60, Count: 2},
		{AccountID: "b", Month: "2025-11", In: 1, Out: 2, Net: -1, Count: 2},
		{AccountID: "a", Month: "2026-02", In: 5, Out: 0, Net: 5, Count: 1},
	}, "2025-10-15", "2026-03-02")
	want := []domain.MonthlyFlow{
		{Month: "2025-10"},
		{Month: "2025-11", In: 101, Out: 42, Net: 59, Count: 4},
		{Month: "2025-12"},
		{Month: "2026-01"},
		{Month: "2026-02", In: 5, Net: 5, Count: 1},
		{Month: "2026-03"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("month %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if open := monthlyTotals([]domain.MonthlyFlow{{Month: "2026-01"}, {Month: "2025-12"}}, "", ""); len(open) != 2 ||
		open[0].Month != "2025-12" {
		t.Errorf("open period: %+v", open)
	}
	if none := monthlyTotals(nil, "", ""); len(none) != 0 {
		t.Errorf("no data: %+v", none)
	}
}

func TestCachedBeneficiaries(t *testing.T) {
	t.Parallel()
	svc := insightDemo(t)
	list, err := svc.CachedBeneficiaries(t.Context())
	if err != nil || len(list) == 0 {
		t.Fatalf("beneficiaries: %d %v", len(list), err)
	}
	paid := 0
	for _, b := range list {
		if b.ID == "" || b.Name == "" {
			t.Errorf("incomplete beneficiary %+v", b)
		}
		if b.LastPaymentAmount != nil && b.LastPaymentDate != "" {
			paid++
		}
	}
	if paid == 0 {
		t.Errorf("no beneficiary has a last payment: %+v", list)
	}
}
