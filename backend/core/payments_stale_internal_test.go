package core

import (
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// TestAttemptLeftSendingIsNeverResent is the app stopping between claiming
// an attempt and recording the bank's answer: after a restart the attempt
// is "sending", then, once nothing could still be on its way, unknown; it
// is never sent again, whatever the person clicks.
func TestAttemptLeftSendingIsNeverResent(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 3, 16, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	dir, sec := t.TempDir(), secrets.NewMemory()
	open := func() *Service {
		svc, err := Open(Config{DataDir: dir, Demo: true, Secrets: sec, Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = svc.Close() })
		return svc
	}
	ctx := t.Context()

	svc := open()
	if _, err := svc.Sync(ctx, TriggerManual); err != nil {
		t.Fatal(err)
	}
	accounts, err := svc.Accounts(ctx)
	if err != nil || len(accounts) < 2 {
		t.Fatalf("accounts: %v %v", accounts, err)
	}
	r, err := svc.ReviewTransfer(ctx, domain.TransferForm{FromAccountID: accounts[0].ID, ToAccountID: accounts[1].ID,
		Amount: "77.00", MyReference: "Crash", TheirReference: "Crash"})
	if err != nil {
		t.Fatal(err)
	}
	id := r.Batches[0].AttemptID
	// What ConfirmPay does first; then the app stops before the answer is
	// recorded.
	sess, err := svc.current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := sess.store.ClaimPayAttempt(ctx, id, clock(), false); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}

	svc = open()
	if _, err := svc.Sync(ctx, TriggerManual); err != nil {
		t.Fatal(err)
	}
	a, err := svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: id, Typed: "77.00"})
	if err != nil || a.Status != domain.PaySending || a.StatusText != "Sending — waiting for Investec" {
		t.Fatalf("confirm after the restart: %+v, %v", a, err)
	}

	advance(staleSending + time.Minute)
	list, err := svc.PayJournal(ctx, 0)
	if err != nil || len(list) != 1 || list[0].ID != id || list[0].Status != domain.PayUnknown || list[0].ErrorMessage != staleMessage {
		t.Fatalf("journal = %+v, %v", list, err)
	}
	a, err = svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: id, Typed: "CONFIRM", AcknowledgeDuplicate: true})
	if err != nil || a.Status != domain.PayUnknown {
		t.Fatalf("confirm when unknown: %+v, %v", a, err)
	}
	// Nothing reached the bank: no transaction with the reference, and the
	// attempt stays unknown after a sync (it is not matched to anything).
	if _, err := svc.Sync(ctx, TriggerManual); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Transactions(ctx, domain.TransactionFilter{AccountIDs: []string{accounts[0].ID}, Search: "Crash", Limit: 10})
	if err != nil || len(page.Rows) != 0 {
		t.Fatalf("transactions with the reference: %+v, %v", page.Rows, err)
	}
	if a, err := svc.PayAttempt(ctx, id); err != nil || a.Status != domain.PayUnknown {
		t.Fatalf("after sync: %+v, %v", a, err)
	}
}
