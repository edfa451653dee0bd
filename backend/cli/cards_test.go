package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// termRun runs a command as if typed on a terminal, answering prompts with
// input.
func termRun(t *testing.T, input string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	stdin := strings.NewReader(input)
	code := Main(context.Background(), args, Env{
		Stdin: stdin, Stdout: &out, Stderr: &errOut,
		Getenv:     func(string) string { return "" },
		IsTerminal: func(f any) bool { return f == stdin },
		Secrets:    secrets.NewMemory(),
	})
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// demoCards lists the demo's cards through the command line.
func demoCards(t *testing.T, c cliEnv, dir string) []domain.Card {
	t.Helper()
	r := c.run(t, "--demo", "--data-dir", dir, "cards", "--json")
	var cards []domain.Card
	if err := json.Unmarshal([]byte(r.stdout), &cards); err != nil || r.code != 0 || len(cards) != 2 {
		t.Fatalf("cards --json: %d %v %q %q", r.code, err, r.stdout, r.stderr)
	}
	return cards
}

func TestCardsWritesNeedConfirmation(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	cards := demoCards(t, c, dir)
	key := cards[0].Key
	code := filepath.Join(dir, "main.js")
	envFile := filepath.Join(dir, "env.json")
	if err := os.WriteFile(code, []byte("const beforeTransaction = async () => false;\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(envFile, []byte(`{"a":"1"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	before := c.run(t, "--demo", "--data-dir", dir, "cards", "code", "get", key)
	envBefore := c.run(t, "--demo", "--data-dir", dir, "cards", "env", "get", key)

	for _, args := range [][]string{
		{"cards", "code", "save", key, "--file", code},
		{"cards", "code", "publish", key},
		{"cards", "env", "set", key, "--file", envFile},
		{"cards", "toggle", key, "off"},
	} {
		r := c.run(t, append([]string{"--demo", "--data-dir", dir}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "--yes") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || r.stdout != "" {
			t.Errorf("%v without a terminal or --yes: exit %d %q %q", args, r.code, r.stdout, r.stderr)
		}
	}
	if after := c.run(t, "--demo", "--data-dir", dir, "cards", "code", "get", key); after.stdout != before.stdout {
		t.Error("a refused save changed the code")
	}
	if after := c.run(t, "--demo", "--data-dir", dir, "cards", "env", "get", key); after.stdout != envBefore.stdout {
		t.Error("a refused env set changed the variables")
	}
	if now := demoCards(t, c, dir); !now[0].Programmable {
		t.Error("a refused toggle switched the card off")
	}

	// On a terminal the question is asked; "n" sends nothing, "y" does.
	r := termRun(t, "n\n", "--demo", "--data-dir", dir, "cards", "toggle", cards[0].Last4, "off")
	if r.code != 1 || !strings.Contains(r.stderr, "[y/N]") || !strings.Contains(r.stderr, "nothing was sent") {
		t.Fatalf("declined: %d %q", r.code, r.stderr)
	}
	if now := demoCards(t, c, dir); !now[0].Programmable {
		t.Error("a declined toggle switched the card off")
	}
	r = termRun(t, "y\n", "--demo", "--data-dir", dir, "cards", "toggle", cards[0].Last4, "off")
	if r.code != 0 || !strings.Contains(r.stdout, "is off") {
		t.Fatalf("confirmed: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if now := demoCards(t, c, dir); now[0].Programmable {
		t.Error("a confirmed toggle did not switch the card off")
	}
	r = c.run(t, "--demo", "--data-dir", dir, "cards", "toggle", key, "on", "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, "is on") {
		t.Errorf("toggle on --yes: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := c.run(t, "--demo", "--data-dir", dir, "cards", "toggle", key, "maybe", "--yes"); r.code != 2 {
		t.Errorf("toggle maybe: %d", r.code)
	}
}

func TestCardsCodeRoundTrip(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	cards := demoCards(t, c, dir)
	card := cards[1]
	file := filepath.Join(dir, "main.js")
	run := func(args ...string) result {
		return c.run(t, append([]string{"--demo", "--data-dir", dir, "cards"}, args...)...)
	}

	r := run("code", "get", card.Key, "--file", file)
	if r.code != 0 || !strings.Contains(r.stderr, "Wrote the saved code") {
		t.Fatalf("get --file: %d %q", r.code, r.stderr)
	}
	orig, _ := os.ReadFile(file)
	printed := run("code", "get", card.Key)
	if printed.stdout != string(orig) {
		t.Error("get prints something other than what it writes")
	}
	if r := run("code", "get", card.Key, "--file", file); r.code != 2 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("get over an existing file: %d %q", r.code, r.stderr)
	}

	// A syntax error is caught before anything is sent.
	bad := filepath.Join(dir, "bad.js")
	_ = os.WriteFile(bad, []byte("const beforeTransaction = async (a) => {\n  return a.centsAmount < ;\n};\n"), 0o600)
	r = run("code", "save", card.Last4, "--file", bad, "--yes")
	if r.code != 1 || !strings.Contains(r.stderr, "Line 2") || !strings.Contains(r.stderr, "nothing was sent") {
		t.Fatalf("save with a syntax error: %d %q", r.code, r.stderr)
	}

	edited := strings.Replace(string(orig), "500000", "250000", 1)
	if edited == string(orig) {
		t.Fatalf("the studio's seeded code changed; cannot edit it:\n%s", orig)
	}
	edited += "// edited on the command line\n"
	if err := os.WriteFile(file, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	r = run("code", "save", card.Last4, "--file", file, "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, "Saved as version") {
		t.Fatalf("save: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if got := run("code", "get", card.Key); got.stdout != edited {
		t.Errorf("saved code read back:\n%s", got.stdout)
	}
	if got := run("code", "get", card.Key, "--published"); got.stdout != string(orig) {
		t.Error("saving changed the published code")
	}

	r = run("code", "publish", card.Key, "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, "Published version") {
		t.Fatalf("publish: %d %q %q", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"--- published (", "+++ saved (", "+// edited on the command line", "-  const cap = Number(process.env.maxCents || 500000);", "+  const cap = Number(process.env.maxCents || 250000);"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("publish did not show %q in its diff:\n%s", want, r.stdout)
		}
	}
	if strings.Index(r.stdout, "@@") > strings.Index(r.stdout, "Published version") {
		t.Error("the diff came after publishing")
	}
	if got := run("code", "get", card.Key, "--published"); got.stdout != edited {
		t.Errorf("published code read back:\n%s", got.stdout)
	}
	r = run("code", "publish", card.Key, "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, "nothing to publish") || strings.Contains(r.stdout, "Published version") {
		t.Errorf("publishing again: %d %q, want nothing published", r.code, r.stdout)
	}
}

func TestCardsEnvGetSet(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	key := demoCards(t, c, dir)[0].Key
	run := func(args ...string) result {
		return c.run(t, append([]string{"--demo", "--data-dir", dir, "cards", "env"}, args...)...)
	}
	r := run("get", key)
	var vars map[string]string
	if err := json.Unmarshal([]byte(r.stdout), &vars); err != nil || len(vars) == 0 {
		t.Fatalf("env get: %v %q", err, r.stdout)
	}
	file := filepath.Join(dir, "env.json")
	for input, want := range map[string]string{
		`{"2fast": "x"}`:  "not a JavaScript identifier",
		`{"maxCents": 5}`: "must be a string",
		`[1, 2]`:          "not a JSON object",
		`{"a": "1"} {}`:   "more after the object",
		// A name given twice is refused, not settled by the last value.
		`{"maxCents": "1", "maxCents": "2"}`: `"maxCents" is given twice`,
	} {
		_ = os.WriteFile(file, []byte(input), 0o600)
		r := run("set", key, "--file", file, "--yes")
		if r.code == 0 || !strings.Contains(r.stderr, want) {
			t.Errorf("env set %s: %d %q", input, r.code, r.stderr)
		}
	}
	_ = os.WriteFile(file, []byte(`{"blockedCategories": "7995", "note": "from the CLI"}`), 0o600)
	r = run("set", key, "--file", file, "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, `+ note = "from the CLI"`) || !strings.Contains(r.stdout, "- alertAboveCents") {
		t.Fatalf("env set: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = run("get", key)
	vars = nil
	if err := json.Unmarshal([]byte(r.stdout), &vars); err != nil || len(vars) != 2 || vars["note"] != "from the CLI" {
		t.Errorf("after set: %v %q", err, r.stdout)
	}
	if r := run("set", key, "--file", file, "--yes"); r.code != 0 || !strings.Contains(r.stdout, "nothing to do") {
		t.Errorf("same again: %d %q", r.code, r.stdout)
	}
}

func TestCardsSimulateLocalAndOnInvestec(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	key := demoCards(t, c, dir)[0].Key // Thandi's card: its saved code blocks gambling (7995)
	run := func(args ...string) result {
		return c.run(t, append([]string{"--demo", "--data-dir", dir, "cards"}, args...)...)
	}

	r := run("simulate", key, "--local", "--amount", "250.00", "--merchant", "Sun City Casino", "--mcc", "7995", "--city", "Rustenburg")
	if r.code != 0 {
		t.Fatalf("simulate --local: %d %q", r.code, r.stderr)
	}
	for _, want := range []string{"Ran LOCALLY", "nothing was sent to Investec", "Result: DECLINED", "before_transaction: declined",
		"info  Declined Sun City Casino: category 7995 is blocked", "after_decline", "Transaction: 25000 minor units", "the saved code (version "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("simulate --local output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "INVESTEC") {
		t.Error("a local run claims to have run on Investec")
	}

	r = run("simulate", key, "--amount", "99.90", "--merchant", "Pick n Pay", "--mcc", "5411")
	if r.code != 0 || !strings.Contains(r.stdout, "Ran ON INVESTEC") || !strings.Contains(r.stdout, "Result: APPROVED") ||
		!strings.Contains(r.stdout, "Approved Pick n Pay for R99.90") {
		t.Fatalf("simulate on Investec: %d %q %q", r.code, r.stdout, r.stderr)
	}

	// --file runs unsaved code.
	file := filepath.Join(dir, "main.js")
	_ = os.WriteFile(file, []byte("const beforeTransaction = async (a) => { console.warn('from the file'); return false; };\n"), 0o600)
	r = run("simulate", key, "--local", "--amount", "1", "--merchant", "X", "--file", file)
	if r.code != 0 || !strings.Contains(r.stdout, "warn  from the file") || !strings.Contains(r.stdout, "Code: "+file) {
		t.Fatalf("simulate --file: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// --country and --currency reach the code, locally and on Investec.
	_ = os.WriteFile(file, []byte("const beforeTransaction = async (a) => { console.log(a.merchant.country.code, a.currencyCode, a.merchant.city); return true; };\n"), 0o600)
	for _, where := range [][]string{{"--local"}, nil} {
		args := append([]string{"simulate", key, "--amount", "5", "--merchant", "X", "--country", "GB", "--currency", "usd", "--city", "London", "--file", file}, where...)
		if r := run(args...); r.code != 0 || !strings.Contains(r.stdout, "info  GB usd London") {
			t.Errorf("simulate %v: %d %q %q", where, r.code, r.stdout, r.stderr)
		}
	}
	if r := run("simulate", key, "--amount", "12.345", "--merchant", "X"); r.code != 2 || !strings.Contains(r.stderr, "--amount") {
		t.Errorf("bad amount: %d %q", r.code, r.stderr)
	}
	if r := run("simulate", key, "--merchant", "X"); r.code != 2 {
		t.Errorf("no amount: %d %q", r.code, r.stderr)
	}

	// The log has every run's executions, each marked with its source.
	r = run("logs", key, "--json")
	var log domain.CardExecutionLog
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || r.code != 0 {
		t.Fatalf("logs --json: %v %d %q", err, r.code, r.stderr)
	}
	count := map[domain.ExecutionSource]int{}
	for _, e := range log.Executions {
		count[e.Source]++
	}
	if count[domain.ExecutionLocal] != 4 || count[domain.ExecutionSimulated] < 2 || count[domain.ExecutionReal] == 0 {
		t.Errorf("log sources %v", count)
	}
	r = run("logs", key)
	if r.code != 0 || !strings.Contains(r.stdout, "local     before_transaction declined") || !strings.Contains(r.stdout, "warn  from the file") {
		t.Errorf("logs:\n%s", r.stdout)
	}
}

func TestCardsResolveByLast4(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	cards := demoCards(t, c, dir)
	r := c.run(t, "--demo", "--data-dir", dir, "cards", "env", "get", cards[1].Last4)
	if r.code != 0 || !strings.Contains(r.stdout, "maxCents") {
		t.Errorf("by last 4: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "cards", "env", "get", "0000")
	if r.code != 1 || !strings.Contains(r.stderr, "No card") {
		t.Errorf("unknown card: %d %q", r.code, r.stderr)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "cards")
	if r.code != 0 || !strings.Contains(r.stdout, cards[0].Number) || !strings.Contains(r.stdout, "PROGRAMMABLE") {
		t.Errorf("cards: %q", r.stdout)
	}
}

// TestUnifiedDiffApplies checks writeUnifiedDiff against GNU patch: for
// random edits, patching the old text with the diff gives the new text,
// and the diff is minimal (as many changed lines as the LCS allows).
func TestUnifiedDiffApplies(t *testing.T) {
	t.Parallel()
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Fatal("GNU patch is needed for this test (apt-get install patch)")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	for n := range 60 {
		var a []string
		for range rng.IntN(40) {
			a = append(a, fmt.Sprintf("line %d", rng.IntN(12)))
		}
		b := append([]string(nil), a...)
		for range rng.IntN(6) + 1 {
			switch k := rng.IntN(3); {
			case k == 0 && len(b) > 0:
				i := rng.IntN(len(b))
				b = append(b[:i], b[i+1:]...)
			case k == 1:
				i := rng.IntN(len(b) + 1)
				b = append(b[:i], append([]string{fmt.Sprintf("new %d", rng.IntN(5))}, b[i:]...)...)
			case len(b) > 0:
				b[rng.IntN(len(b))] = fmt.Sprintf("changed %d", rng.IntN(5))
			}
		}
		oldText, newText := joinLines(a), joinLines(b)
		var d bytes.Buffer
		changed, err := writeUnifiedDiff(&d, "old", "new", oldText, newText)
		if err != nil || changed != (oldText != newText) {
			t.Fatalf("case %d: changed=%v err=%v", n, changed, err)
		}
		if !changed {
			continue
		}
		f := filepath.Join(dir, fmt.Sprintf("f%d", n))
		_ = os.WriteFile(f, []byte(oldText), 0o600)
		cmd := exec.Command(patch, "-s", "-f", f)
		cmd.Stdin = &d
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("case %d: patch: %v %s\nold:\n%s\nnew:\n%s", n, err, out, oldText, newText)
		}
		got, _ := os.ReadFile(f)
		if string(got) != newText {
			t.Fatalf("case %d: patched\n%s\nwant\n%s", n, got, newText)
		}
		ops := lineDiff(a, b)
		edits := 0
		for _, o := range ops {
			if o.op != ' ' {
				edits++
			}
		}
		if want := len(a) + len(b) - 2*lcsLen(a, b); edits != want {
			t.Errorf("case %d: %d changed lines, minimal is %d", n, edits, want)
		}
	}
}

func joinLines(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return strings.Join(l, "\n") + "\n"
}

// lcsLen is a plain recursive-free LCS length, independent of lineDiff.
func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}
