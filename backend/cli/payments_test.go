package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// payRun runs a command with stdin and whether stdin is a terminal.
func payRun(t *testing.T, sec secrets.Store, stdin string, tty bool, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv:     func(string) string { return "" },
		IsTerminal: func(any) bool { return tty },
		Secrets:    sec,
	})
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// demoAccounts syncs the demo into dir and returns its cached accounts.
func demoAccounts(t *testing.T, c cliEnv, dir string) []accountJSON {
	t.Helper()
	if r := c.run(t, "--demo", "--data-dir", dir, "sync"); r.code != 0 {
		t.Fatalf("sync: %d %q", r.code, r.stderr)
	}
	r := c.run(t, "--demo", "--data-dir", dir, "accounts", "--json")
	var accounts []accountJSON
	if err := json.Unmarshal([]byte(r.stdout), &accounts); err != nil || len(accounts) != 4 {
		t.Fatalf("accounts: %v %q", err, r.stdout)
	}
	return accounts
}

func journal(t *testing.T, c cliEnv, dir string) []paymentJSON {
	t.Helper()
	r := c.run(t, "--demo", "--data-dir", dir, "payments", "--json")
	var list []paymentJSON
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &list) != nil {
		t.Fatalf("payments --json: %d %q %q", r.code, r.stdout, r.stderr)
	}
	return list
}

func TestTransferRefusesWithoutATerminalOrYes(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	accounts := demoAccounts(t, c, dir)
	r := c.run(t, "--demo", "--data-dir", dir, "transfer", "--from", accounts[0].AccountNumber, "--to", accounts[1].AccountNumber,
		"--amount", "10.12", "--my-ref", "Savings", "--their-ref", "Savings")
	if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "refusing to move money without a terminal") || r.stdout != "" {
		t.Fatalf("no tty, no --yes: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if list := journal(t, c, dir); len(list) != 0 {
		t.Fatalf("journal: %+v", list)
	}
	// Missing flags are usage errors too.
	r = c.run(t, "--demo", "--data-dir", dir, "transfer", "--from", accounts[0].AccountNumber, "--amount", "1", "--yes")
	if r.code != 2 || !strings.Contains(r.stderr, "--to is required") {
		t.Fatalf("missing --to: %d %q", r.code, r.stderr)
	}
}

func TestTransferWithYesSendsPrintsAndJournals(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	accounts := demoAccounts(t, c, dir)
	from, to := accounts[0], accounts[1]
	r := c.run(t, "--demo", "--data-dir", dir, "transfer", "--from", from.AccountNumber, "--to", to.AccountID,
		"--amount", "10.12", "--my-ref", "Savings", "--their-ref", "From everyday", "--yes")
	if r.code != 0 {
		t.Fatalf("transfer --yes: %d %q %q", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"Review — nothing has been sent yet.", "Transfer  R10.12", "From  Thandi's Everyday · " + from.AccountNumber,
		"To    Rainy Day Fund · " + to.AccountNumber, "My reference     Savings", "Their reference  From everyday",
		"Transfer: Sent", "Reference UBP", "Payment/Transfer effective date"} {
		if !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	list := journal(t, c, dir)
	if len(list) != 1 || list[0].Status != "succeeded" || list[0].Total != "10.12" || list[0].Lines[0].Amount != "10.12" ||
		list[0].Lines[0].MyReference != "Savings" || !strings.HasPrefix(list[0].Lines[0].PaymentReference, "UBP") || list[0].FromNumber != from.AccountNumber {
		t.Fatalf("journal = %+v", list)
	}
	// It synced afterwards: the new balances are cached.
	after := c.run(t, "--demo", "--data-dir", dir, "accounts", "--json")
	var now []accountJSON
	if err := json.Unmarshal([]byte(after.stdout), &now); err != nil {
		t.Fatal(err)
	}
	if delta(t, from.CurrentBalance, now[0].CurrentBalance) != -1012 || delta(t, to.CurrentBalance, now[1].CurrentBalance) != 1012 {
		t.Fatalf("balances %s→%s and %s→%s", from.CurrentBalance, now[0].CurrentBalance, to.CurrentBalance, now[1].CurrentBalance)
	}

	// The same transfer again within ten minutes needs --allow-duplicate.
	r = c.run(t, "--demo", "--data-dir", dir, "transfer", "--from", from.AccountNumber, "--to", to.AccountID,
		"--amount", "10.12", "--my-ref", "Savings", "--their-ref", "From everyday", "--yes", "--no-sync")
	if r.code != 2 || !strings.Contains(r.stderr, "--allow-duplicate") || !strings.Contains(r.stdout, "You sent the same transfer") {
		t.Fatalf("duplicate: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "transfer", "--from", from.AccountNumber, "--to", to.AccountID,
		"--amount", "10.12", "--my-ref", "Savings", "--their-ref", "From everyday", "--yes", "--no-sync", "--allow-duplicate")
	if r.code != 0 || len(journal(t, c, dir)) != 2 {
		t.Fatalf("duplicate allowed: %d %q", r.code, r.stderr)
	}

	// The table lists both.
	r = c.run(t, "--demo", "--data-dir", dir, "payments")
	if r.code != 0 || strings.Count(r.stdout, "Rainy Day Fund") != 2 || !strings.Contains(r.stdout, "SENT") {
		t.Fatalf("payments: %q", r.stdout)
	}
}

func delta(t *testing.T, before, after string) int64 {
	t.Helper()
	b, err1 := domain.ParseMoney(before)
	a, err2 := domain.ParseMoney(after)
	if err1 != nil || err2 != nil {
		t.Fatalf("balances %q %q", before, after)
	}
	return int64(a - b)
}

func TestTransferOnATerminalAsksForTheAmount(t *testing.T) {
	t.Parallel()
	sec := secrets.NewMemory()
	c := cliEnv{secrets: sec}
	dir := t.TempDir()
	accounts := demoAccounts(t, c, dir)
	args := []string{"--demo", "--data-dir", dir, "transfer", "--from", accounts[0].AccountNumber, "--to", accounts[2].AccountNumber,
		"--amount", "20", "--my-ref", "Tax", "--their-ref", "Tax", "--no-sync"}

	r := payRun(t, sec, "19.99\n", true, args...)
	if r.code != 1 || !strings.Contains(r.stderr, "Type the amount again (20.00) or CONFIRM") || !strings.Contains(r.stderr, "cancelled: nothing was sent") {
		t.Fatalf("wrong amount: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = payRun(t, sec, "", true, args...) // end of input
	if r.code != 1 || !strings.Contains(r.stderr, "cancelled") {
		t.Fatalf("no answer: %d %q", r.code, r.stderr)
	}
	if list := journal(t, c, dir); len(list) != 0 {
		t.Fatalf("cancelled transfers were sent: %+v", list)
	}
	r = payRun(t, sec, "20.00\n", true, args...)
	if r.code != 0 || !strings.Contains(r.stdout, "Transfer: Sent") {
		t.Fatalf("typed the amount: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// Identical within ten minutes: the amount, then CONFIRM a second time.
	r = payRun(t, sec, "20\nno\n", true, args...)
	if r.code != 1 || !strings.Contains(r.stderr, "This is the second time") {
		t.Fatalf("second time refused: %d %q", r.code, r.stderr)
	}
	r = payRun(t, sec, "confirm\nCONFIRM\n", true, args...)
	if r.code != 0 || len(journal(t, c, dir)) != 2 {
		t.Fatalf("second time confirmed: %d %q", r.code, r.stderr)
	}
}

func TestPayAndValidationErrorsNameTheFlags(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	accounts := demoAccounts(t, c, dir)
	pba, studio := accounts[0].AccountNumber, accounts[3].AccountNumber

	r := c.run(t, "--demo", "--data-dir", dir, "transfer", "--from", pba, "--to", pba, "--amount", "1,5",
		"--my-ref", "ok", "--their-ref", strings.Repeat("x", 21), "--yes")
	if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "--to: Choose another account") ||
		!strings.Contains(r.stderr, "--amount: Use a point for the cents") || !strings.Contains(r.stderr, "--their-ref: Keep their reference to 20 characters") {
		t.Fatalf("bad transfer: %d %q", r.code, r.stderr)
	}

	r = c.run(t, "--demo", "--data-dir", dir, "pay", "--from", pba, "--beneficiary", "Sipho Dlamini", "--amount", "99.95",
		"--my-ref", "Book club", "--their-ref", "Thandi", "--faster", "--yes")
	if r.code != 2 || !strings.Contains(r.stderr, "--faster: This beneficiary does not allow faster payment") {
		t.Fatalf("faster not allowed: %d %q", r.code, r.stderr)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "pay", "--from", pba, "--beneficiary", "Nobody", "--amount", "1",
		"--my-ref", "x", "--their-ref", "y", "--yes")
	if r.code != 2 || !strings.Contains(r.stderr, `no beneficiary of this account has the ID or name "Nobody"`) {
		t.Fatalf("unknown beneficiary: %d %q", r.code, r.stderr)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "pay", "--from", pba, "--beneficiary", "Sipho Dlamini", "--amount", "99.95",
		"--my-ref", "Book club", "--their-ref", "Thandi", "--yes", "--no-sync")
	if r.code != 0 || !strings.Contains(r.stdout, "Payment: Sent") || !strings.Contains(r.stdout, "Faster payment   no") ||
		!strings.Contains(r.stdout, "ABSA BANK") {
		t.Fatalf("pay: %d %q %q", r.code, r.stdout, r.stderr)
	}

	// Dual authorisation: the missing choices are listed on the one line.
	r = c.run(t, "--demo", "--data-dir", dir, "pay", "--from", studio, "--beneficiary", "Office rent", "--amount", "1000",
		"--my-ref", "Rent", "--their-ref", "Suite 3", "--yes")
	if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "--authoriser-a: This account needs dual authorisation") ||
		!strings.Contains(r.stderr, "(Ms T Mokoena)") || !strings.Contains(r.stderr, "(1 Working day)") {
		t.Fatalf("dual authorisation: %d %q", r.code, r.stderr)
	}
	list := journal(t, c, dir)
	if len(list) != 1 || list[0].Kind != "payment" || list[0].Lines[0].ToName != "Sipho Dlamini" || list[0].Total != "99.95" {
		t.Fatalf("journal = %+v", list)
	}
}
