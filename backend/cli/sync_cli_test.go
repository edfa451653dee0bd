package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// TestSyncProgressBarOnATerminal runs sync with stderr on a "terminal": the
// bar is redrawn in place, only ever moves forward, and ends full.
func TestSyncProgressBarOnATerminal(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"--demo", "--data-dir", t.TempDir(), "sync"}, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv:     func(string) string { return "" },
		IsTerminal: func(f any) bool { return f == &errOut },
		Secrets:    secrets.NewMemory(),
	})
	if code != 0 {
		t.Fatalf("sync: %d %q", code, errOut.String())
	}
	if strings.Contains(errOut.String(), "synced ") {
		t.Errorf("on a terminal the bar replaces the per-account lines: %q", errOut.String())
	}
	frames := strings.Split(strings.TrimSuffix(errOut.String(), "\n"), "\r")[1:]
	bar := regexp.MustCompile(`^\[([#.]{24})\] (\d+)/(\d+) `)
	prevDone, prevFilled, perAccount := 0, 0, 0
	for i, f := range frames {
		m := bar.FindStringSubmatch(f)
		if m == nil {
			t.Fatalf("frame %d is not a bar: %q", i, f)
		}
		done, _ := strconv.Atoi(m[2])
		filled := strings.Count(m[1], "#")
		if done < prevDone || filled < prevFilled {
			t.Fatalf("the bar went back at frame %d: %q after %d/%d filled", i, f, prevDone, prevFilled)
		}
		if strings.Contains(f, "Rainy Day Fund 20") {
			perAccount++ // a window of the second account is shown
		}
		prevDone, prevFilled = done, filled
	}
	last := frames[len(frames)-1]
	if !strings.HasPrefix(last, "[########################] 4/4 ") {
		t.Errorf("the bar does not end full: %q", last)
	}
	if perAccount == 0 {
		t.Errorf("no frame shows an account's date window: %q", frames)
	}
	if !strings.HasSuffix(errOut.String(), "\n") || !strings.Contains(out.String(), "Synced 4 account(s)") {
		t.Errorf("stdout %q, stderr ends %q", out.String(), errOut.String()[max(0, errOut.Len()-40):])
	}
}

// TestSyncProgressLinesWithoutATerminal: one plain line per account.
func TestSyncProgressLinesWithoutATerminal(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	r := c.run(t, "--demo", "--data-dir", t.TempDir(), "sync")
	if r.code != 0 {
		t.Fatalf("sync: %d %q", r.code, r.stderr)
	}
	want := "synced Thandi's Everyday (1/4)\nsynced Rainy Day Fund (2/4)\nsynced Tax & Travel (3/4)\nsynced Studio Operating (4/4)\n"
	if r.stderr != want || strings.Contains(r.stderr, "\r") {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
}

// TestSyncWithCredentialsFromTheEnvironment covers automation: the four
// INVESTEC_* variables, no stored connection; a refused secret or an
// unreachable bank is one line and exit 1, and the cache still reads.
func TestSyncWithCredentialsFromTheEnvironment(t *testing.T) {
	t.Parallel()
	base, stop := startStoppableCLISandbox(t)
	dir := t.TempDir()
	vars := map[string]string{"INVESTEC_CLIENT_ID": sandbox.PBClientID, "INVESTEC_CLIENT_SECRET": sandbox.PBSecret,
		"INVESTEC_API_KEY": sandbox.PBAPIKey, "INVESTEC_BASE_URL": base}
	c := cliEnv{vars: vars, secrets: secrets.NewMemory()}

	r := c.run(t, "sync", "--data-dir", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "Synced 4 account(s)") {
		t.Fatalf("sync from the environment: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = c.run(t, "accounts", "--json", "--data-dir", dir)
	var accounts []accountJSON
	if err := json.Unmarshal([]byte(r.stdout), &accounts); err != nil || len(accounts) != 4 {
		t.Fatalf("accounts: %v %q", err, r.stdout)
	}

	wrong := map[string]string{}
	for k, v := range vars {
		wrong[k] = v
	}
	wrong["INVESTEC_CLIENT_SECRET"] = "not-the-secret-4711"
	r = cliEnv{vars: wrong, secrets: secrets.NewMemory()}.run(t, "--data-dir", dir, "sync")
	assertOneLineFailure(t, "refused secret", r, "refused the credentials")
	if strings.Contains(r.stderr+r.stdout, "not-the-secret-4711") || strings.Contains(r.stderr, sandbox.PBAPIKey) {
		t.Errorf("a secret reached the output: %q", r.stderr)
	}

	stop() // the bank goes away: sync fails, reads still work
	r = c.run(t, "--data-dir", dir, "sync")
	assertOneLineFailure(t, "unreachable bank", r, "cannot be reached")
	r = c.run(t, "--data-dir", dir, "transactions", "--status", "posted", "--json")
	var rows []transactionJSON
	if err := json.Unmarshal([]byte(r.stdout), &rows); r.code != 0 || err != nil || len(rows) == 0 {
		t.Fatalf("offline transactions: %d %v %q", r.code, err, r.stderr)
	}
	if !strings.Contains(r.stderr, "Data from the cache, last synced") {
		t.Errorf("offline read does not say when it was last synced: %q", r.stderr)
	}
}

func assertOneLineFailure(t *testing.T, what string, r result, want string) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("%s: exit %d, want 1", what, r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "investec-desk: ") || !strings.Contains(last, want) {
		t.Errorf("%s: last stderr line %q, want an %q error", what, last, want)
	}
	for _, l := range lines[:len(lines)-1] {
		if strings.HasPrefix(l, "investec-desk: ") || strings.Contains(l, "goroutine ") || strings.Contains(l, ".go:") {
			t.Errorf("%s: more than one error line or a trace: %q", what, r.stderr)
		}
	}
}

// TestDemoBankStatePersistsAcrossCommandsUntilReset: a transfer made in one
// command is still at the demo bank in the next (a new process would open
// the same state file), and resetting the demo restores the seed.
func TestDemoBankStatePersistsAcrossCommandsUntilReset(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	before := demoAccounts(t, c, dir)
	r := c.run(t, "--demo", "--data-dir", dir, "transfer", "--from", before[0].AccountNumber, "--to", before[1].AccountNumber,
		"--amount", "25.01", "--my-ref", "Keep", "--their-ref", "Keep", "--yes", "--no-sync")
	if r.code != 0 {
		t.Fatalf("transfer: %d %q", r.code, r.stderr)
	}
	// A later command starts a fresh demo bank: it must still have the transfer.
	after := demoAccounts(t, c, dir)
	if delta(t, before[0].CurrentBalance, after[0].CurrentBalance) != -2501 || delta(t, before[1].CurrentBalance, after[1].CurrentBalance) != 2501 {
		t.Fatalf("the next command's bank lost the transfer: %s→%s, %s→%s",
			before[0].CurrentBalance, after[0].CurrentBalance, before[1].CurrentBalance, after[1].CurrentBalance)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "transactions", "--search", "Keep", "--status", "posted", "--json")
	var rows []transactionJSON
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("the transfer's two legs in the cache: %v %q", err, r.stdout)
	}

	svc, err := core.Open(core.Config{DataDir: dir, Demo: true, Secrets: c.secrets})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.ResetDemo(t.Context()); err != nil {
		t.Fatalf("reset: %v", err)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "accounts")
	if !strings.Contains(r.stdout, "No accounts are cached yet") {
		t.Errorf("reset left the demo cache: %q", r.stdout)
	}
	reset := demoAccounts(t, c, dir)
	for i := range before {
		if reset[i].CurrentBalance != before[i].CurrentBalance {
			t.Errorf("account %s after reset: %s, seed %s", before[i].AccountNumber, reset[i].CurrentBalance, before[i].CurrentBalance)
		}
	}
	r = c.run(t, "--demo", "--data-dir", dir, "transactions", "--search", "Keep", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 0 {
		t.Errorf("the transfer survived the reset: %v %q", err, r.stdout)
	}
}

// syncBuffer is a bytes.Buffer safe to read while a command writes to it.
type syncBuffer struct {
	mu  gosync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestSandboxCommandServesAScaledHistory runs `sandbox --addr
// 127.0.0.1:0 --transactions N` and syncs from it with the published
// credentials: exactly N Private Banking transactions arrive. Cancelling
// the command's ctx stops it cleanly.
func TestSandboxCommandServesAScaledHistory(t *testing.T) {
	t.Parallel()
	const n = 6000
	ctx, cancel := context.WithCancel(t.Context())
	var out syncBuffer
	exited := make(chan int, 1)
	go func() {
		exited <- Main(ctx, []string{"--data-dir", t.TempDir(), "sandbox", "--addr", "127.0.0.1:0", "--transactions", strconv.Itoa(n)},
			Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }, Secrets: secrets.NewMemory()})
	}()
	listening := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	var base string
	for base == "" {
		select {
		case code := <-exited:
			t.Fatalf("sandbox exited early with %d: %q", code, out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
	}
	c := cliEnv{vars: map[string]string{"INVESTEC_CLIENT_ID": sandbox.PBClientID, "INVESTEC_CLIENT_SECRET": sandbox.PBSecret,
		"INVESTEC_API_KEY": sandbox.PBAPIKey, "INVESTEC_BASE_URL": base}, secrets: secrets.NewMemory()}
	r := c.run(t, "--data-dir", t.TempDir(), "sync")
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf(": %d transaction(s) fetched, %d added", n, n)) {
		t.Fatalf("sync from the standalone sandbox: %d %q %q", r.code, r.stdout, r.stderr)
	}
	cancel()
	if code := <-exited; code != 0 {
		t.Errorf("sandbox exit status %d after cancel: %q", code, out.String())
	}

	bad := cliEnv{secrets: secrets.NewMemory()}.run(t, "--data-dir", t.TempDir(), "sandbox", "--transactions", "-1")
	if bad.code != 2 || !strings.Contains(bad.stderr, "--transactions") {
		t.Errorf("negative --transactions: %d %q", bad.code, bad.stderr)
	}
}

// TestTransactionsDateAndStatusFilters checks --from, --to and --status on
// the cached demo history, against the unfiltered list.
func TestTransactionsDateAndStatusFilters(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	accounts := demoAccounts(t, c, dir)
	list := func(args ...string) []transactionJSON {
		t.Helper()
		r := c.run(t, append([]string{"--data-dir", dir, "transactions", "--account", accounts[0].AccountID, "--json"}, args...)...)
		var rows []transactionJSON
		if err := json.Unmarshal([]byte(r.stdout), &rows); r.code != 0 || err != nil {
			t.Fatalf("%v: %d %v %q", args, r.code, err, r.stderr)
		}
		return rows
	}
	all := list()
	pending, posted := list("--status", "pending"), list("--status", "posted")
	if len(pending) == 0 || len(posted) == 0 || len(pending)+len(posted) != len(all) {
		t.Fatalf("pending %d + posted %d != all %d", len(pending), len(posted), len(all))
	}
	for _, r := range pending {
		if r.Status != "PENDING" || r.RunningBalance != nil || r.UUID != "" {
			t.Errorf("pending row %+v", r)
		}
	}
	const from, to = "2025-03-01", "2025-03-31"
	inMarch := 0
	for _, r := range posted {
		if r.Status != "POSTED" {
			t.Errorf("posted row %+v", r)
		}
		if r.PostingDate >= from && r.PostingDate <= to {
			inMarch++
		}
	}
	march := list("--status", "posted", "--from", from, "--to", to)
	if len(march) == 0 || len(march) != inMarch {
		t.Fatalf("--from %s --to %s: %d rows, %d posted rows fall in it", from, to, len(march), inMarch)
	}
	for _, r := range march {
		if r.PostingDate < from || r.PostingDate > to {
			t.Errorf("row outside the range: %+v", r)
		}
	}
}
