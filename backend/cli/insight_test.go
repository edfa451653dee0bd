package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

func TestCategoriesRulesAndBeneficiariesCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := cliEnv{secrets: secrets.NewMemory()}
	run := func(args ...string) result {
		t.Helper()
		return c.run(t, append([]string{"--demo", "--data-dir", dir}, args...)...)
	}
	if r := run("sync"); r.code != 0 {
		t.Fatalf("sync: %d %q", r.code, r.stderr)
	}

	r := run("categories", "--json")
	var cats []domain.Category
	if err := json.Unmarshal([]byte(r.stdout), &cats); err != nil || r.code != 0 {
		t.Fatalf("categories --json: %v %q", err, r.stdout)
	}
	uses := map[string]int64{}
	for _, cat := range cats {
		uses[cat.Name] = cat.Uses
	}
	if uses["Groceries"] == 0 || uses["Salary"] == 0 {
		t.Fatalf("the first sync should have categorised groceries and salary by the seeded rules: %v", uses)
	}

	if r := run("categories", "add", "Family"); r.code != 0 || !strings.Contains(r.stdout, `Added "Family"`) {
		t.Fatalf("add: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := run("categories", "add", "family"); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("add twice: %d %q", r.code, r.stderr)
	}

	// The transactions the new rule will match, counted independently.
	var mama []map[string]any
	r = run("transactions", "--json", "--search", "fasterpay mama")
	if err := json.Unmarshal([]byte(r.stdout), &mama); err != nil || len(mama) == 0 {
		t.Fatalf("transactions: %v %q", err, r.stdout)
	}
	r = run("rules", "add", "--contains", "fasterpay mama", "--category", "family", "--direction", "out", "--apply")
	if r.code != 0 || !strings.Contains(r.stdout, "-> Family") {
		t.Fatalf("rules add: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if want := "Applied: " + itoa(len(mama)) + " transaction(s) categorised"; !strings.Contains(r.stdout, want) {
		t.Errorf("rules add --apply: %q, want %q", r.stdout, want)
	}
	r = run("transactions", "--json", "--search", "fasterpay mama")
	mama = nil
	if err := json.Unmarshal([]byte(r.stdout), &mama); err != nil {
		t.Fatal(err)
	}
	for _, m := range mama {
		if m["category"] != "Family" {
			t.Errorf("after apply: %v", m)
		}
	}
	if r := run("rules", "add", "--contains", "x", "--category", "Family", "--direction", "sideways"); r.code != 2 {
		t.Errorf("bad direction: exit %d, want 2", r.code)
	}
	if r := run("rules", "add", "--contains", "", "--category", "Nope"); r.code != 1 || !strings.Contains(r.stderr, "contains") {
		t.Errorf("invalid rule: %d %q", r.code, r.stderr)
	}
	var rules []domain.CategoryRule
	if err := json.Unmarshal([]byte(run("rules", "--json").stdout), &rules); err != nil || rules[0].Contains != "fasterpay mama" {
		t.Fatalf("rules --json: %v %+v", err, rules[:1])
	}
	if r := run("rules", "delete", "abc"); r.code != 2 {
		t.Errorf("delete abc: exit %d", r.code)
	}
	if r := run("rules", "apply"); r.code != 0 || !strings.Contains(r.stdout, "categorised") {
		t.Errorf("apply: %d %q %q", r.code, r.stdout, r.stderr)
	}

	if r := run("categories", "delete", "Family"); r.code != 2 {
		t.Errorf("delete without saying what happens: exit %d", r.code)
	}
	r = run("categories", "delete", "Family", "--move-to", "Donations")
	if r.code != 0 || !strings.Contains(r.stdout, `moved to "Donations"`) {
		t.Fatalf("delete --move-to: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if err := json.Unmarshal([]byte(run("rules", "--json").stdout), &rules); err != nil || rules[0].Category != "Donations" {
		t.Errorf("rule after its category moved: %+v", rules[:1])
	}
	if r := run("categories", "rename", "Donations", "Giving"); r.code != 0 || !strings.Contains(r.stdout, `"Giving"`) {
		t.Errorf("rename: %d %q %q", r.code, r.stdout, r.stderr)
	}

	r = run("beneficiaries", "--json")
	var bens []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &bens); err != nil || len(bens) == 0 {
		t.Fatalf("beneficiaries --json: %v %q", err, r.stdout)
	}
	paid := 0
	for _, b := range bens {
		if s, ok := b["lastPaymentAmount"].(string); ok {
			if _, err := domain.ParseMoney(s); err != nil {
				t.Errorf("lastPaymentAmount %q is not an exact decimal string", s)
			}
			paid++
		}
	}
	if paid == 0 {
		t.Errorf("no last payment amounts: %v", bens)
	}
	if r := run("beneficiaries"); r.code != 0 || !strings.Contains(r.stdout, "FASTER PAY") {
		t.Errorf("beneficiaries: %d %q", r.code, r.stdout)
	}

	r = run("insight", "--json")
	var in domain.Insight
	if err := json.Unmarshal([]byte(r.stdout), &in); err != nil || len(in.InOut) != 12 || len(in.Balances) != 4 {
		t.Fatalf("insight --json: %v months=%d series=%d", err, len(in.InOut), len(in.Balances))
	}
	for args, want := range map[[3]string]string{
		{"insight", "--from", "2026-02-30"}: `--from must be a date like 2026-03-01, not "2026-02-30"`,
		{"insight", "--to", "tomorrow"}:     `--to must be a date like 2026-03-01, not "tomorrow"`,
		{"insight", "--to", "2020-01-31"}:   "--to (2020-01-31) is before --from (",
	} {
		if r := run(args[:]...); r.code != 2 || !strings.HasPrefix(r.stderr, "investec-desk: "+want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d stderr %q; want 2 and %q", args, r.code, r.stderr, want)
		}
	}
	if r := run("insight"); r.code != 0 || !strings.Contains(r.stdout, "Groceries") || !strings.Contains(r.stdout, "MONTH") {
		t.Errorf("insight: %d %q", r.code, r.stdout)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
