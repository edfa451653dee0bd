package store_test

import (
	"context"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

func posted(acct, postingDate string, order int64, dir domain.Direction, amount domain.Money, desc, txDate string) domain.Transaction {
	rb := domain.Money(1000000 + order)
	return domain.Transaction{AccountID: acct, Type: dir, TransactionType: "CardPurchases", Status: domain.Posted,
		Description: desc, PostedOrder: order, PostingDate: postingDate, ValueDate: postingDate, ActionDate: postingDate,
		TransactionDate: txDate, Amount: amount, SignedAmount: domain.Signed(dir, amount), RunningBalance: &rb,
		UUID: storetest.UUID(acct, postingDate, order)}
}

func pending(acct string, dir domain.Direction, amount domain.Money, desc, txDate string) domain.Transaction {
	return domain.Transaction{AccountID: acct, Type: dir, Status: domain.Pending, Description: desc,
		TransactionDate: txDate, Amount: amount, SignedAmount: domain.Signed(dir, amount)}
}

// all returns every cached row of the account (posted then pending, in bank
// order).
func all(t *testing.T, st *store.Store, status domain.StatusFilter) []domain.Transaction {
	t.Helper()
	page, err := st.ListTransactions(context.Background(), domain.TransactionFilter{Status: status, Limit: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	return page.Rows
}

func setup(t *testing.T) (*store.Store, string) {
	t.Helper()
	st := storetest.Open(t)
	if err := st.SaveAccounts(t.Context(), storetest.Accounts(2)); err != nil {
		t.Fatal(err)
	}
	return st, storetest.AccountID(0)
}

func TestReplaceWindowMakesCacheEqualToBank(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	other := storetest.AccountID(1)
	w1 := []domain.Transaction{
		posted(a, "2026-01-02", 1, domain.Debit, 5000, "COFFEE", "2026-01-02"),
		posted(a, "2026-01-02", 2, domain.Debit, 5000, "COFFEE", "2026-01-02"), // twin
		posted(a, "2026-01-05", 1, domain.Credit, 100000, "SALARY", "2026-01-05"),
	}
	res, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10", Rows: w1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 3 || res.Added != 3 || res.Removed != 0 {
		t.Fatalf("first replace = %+v", res)
	}
	// Another account's rows and a later window are untouched by replacing.
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: other, From: "2026-01-01", To: "2026-01-10",
		Rows: []domain.Transaction{posted(other, "2026-01-03", 1, domain.Debit, 700, "X", "2026-01-03")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-11", To: "2026-01-20",
		Rows: []domain.Transaction{posted(a, "2026-01-12", 1, domain.Debit, 900, "LATER", "2026-01-12")}}); err != nil {
		t.Fatal(err)
	}
	// The bank now says: one coffee reversed away, a new row, orders shifted.
	w1b := []domain.Transaction{
		posted(a, "2026-01-02", 1, domain.Debit, 5000, "COFFEE", "2026-01-02"),
		posted(a, "2026-01-05", 1, domain.Debit, 2500, "BAKERY", "2026-01-05"),
		posted(a, "2026-01-05", 2, domain.Credit, 100000, "SALARY", "2026-01-05"),
	}
	res, err = st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10", Rows: w1b})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Removed != 1 {
		t.Fatalf("second replace = %+v, want 1 added (bakery) 1 removed (twin)", res)
	}
	page, err := st.ListTransactions(ctx, domain.TransactionFilter{AccountIDs: []string{a}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]domain.Transaction{}, w1b...), posted(a, "2026-01-12", 1, domain.Debit, 900, "LATER", "2026-01-12"))
	if diff := cmpTx(want, bankFields(page.Rows)); diff != "" {
		t.Fatalf("cache differs from bank (-want +got):\n%s", diff)
	}
	if page.Totals.Count != 4 || page.Totals.In != 100000 || page.Totals.Out != 5000+2500+900 || page.Totals.Net != 100000-8400 {
		t.Fatalf("totals = %+v", page.Totals)
	}
	// Replaying the same answer changes nothing.
	res, err = st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10", Rows: w1b})
	if err != nil || res.Added != 0 || res.Removed != 0 {
		t.Fatalf("idempotent replace = %+v, %v", res, err)
	}
	if got := all(t, st, domain.StatusAll); len(got) != 5 {
		t.Fatalf("%d rows in cache, want 5", len(got))
	}
	// An empty answer empties the window.
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10"}); err != nil {
		t.Fatal(err)
	}
	if got := all(t, st, domain.StatusAll); len(got) != 2 {
		t.Fatalf("%d rows after empty window, want 2", len(got))
	}
}

func TestReplaceWindowRefusesBadAnswers(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	good := posted(a, "2026-01-02", 1, domain.Debit, 5000, "COFFEE", "2026-01-02")
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10", Rows: []domain.Transaction{good}}); err != nil {
		t.Fatal(err)
	}
	outside := posted(a, "2026-01-11", 1, domain.Debit, 5000, "COFFEE", "2026-01-11")
	wrongAcct := posted(storetest.AccountID(1), "2026-01-02", 2, domain.Debit, 5000, "COFFEE", "2026-01-02")
	noDir := good
	noDir.Type = ""
	negative := good
	negative.Amount = -1
	for name, rows := range map[string][]domain.Transaction{
		"outside window": {outside}, "other account": {wrongAcct}, "no direction": {noDir}, "negative": {negative},
		"pending": {pending(a, domain.Debit, 1, "P", "2026-01-02")},
	} {
		_, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10", Rows: []domain.Transaction{good, good, rows[0]}})
		if domain.ErrorCode(err) != domain.CodeBankError {
			t.Errorf("%s: err = %v, want bank_error", name, err)
		}
	}
	for _, w := range []store.Window{{AccountID: a, From: "2026-01-10", To: "2026-01-01"}, {AccountID: a, From: "x", To: "2026-01-01"}, {From: "2026-01-01", To: "2026-01-02"}} {
		if _, err := st.ReplaceWindow(ctx, w); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("window %+v: err = %v, want invalid", w, err)
		}
	}
	// Nothing of the refused answers reached the cache.
	if got := all(t, st, domain.StatusAll); len(got) != 1 {
		t.Fatalf("%d rows after refused answers, want 1", len(got))
	}
}

func TestReplaceWindowSavesStateAtomically(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	state := domain.AccountSyncState{OldestDate: "2026-01-01", NewestDate: "2026-01-10", EmptyWindows: 2, LastSuccessAt: "2026-01-10T00:00:00Z"}
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10", State: &state}); err != nil {
		t.Fatal(err)
	}
	got, err := st.SyncState(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	state.AccountID = a
	if got != state {
		t.Fatalf("state = %+v, want %+v", got, state)
	}
	// A refused window leaves the state as it was.
	bad := domain.AccountSyncState{OldestDate: "1999-01-01"}
	_, err = st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10", State: &bad,
		Rows: []domain.Transaction{posted(a, "2026-02-01", 1, domain.Debit, 1, "x", "2026-02-01")}})
	if err == nil {
		t.Fatal("bad window accepted")
	}
	if got, _ := st.SyncState(ctx, a); got != state {
		t.Fatalf("state changed by a refused window: %+v", got)
	}
}

func TestReplacePending(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	p := []domain.Transaction{pending(a, domain.Debit, 5000, "COFFEE", "2026-01-09"), pending(a, domain.Debit, 5000, "COFFEE", "2026-01-09")}
	// A pending row as includePending merges it: with dates it must not keep.
	odd := pending(a, domain.Credit, 10, "REFUND", "2026-01-08")
	odd.PostingDate, odd.PostedOrder = "2026-01-08", 7
	p = append(p, odd)
	res, err := st.ReplacePending(ctx, a, p)
	if err != nil || res.Added != 3 {
		t.Fatalf("ReplacePending = %+v, %v", res, err)
	}
	got := all(t, st, domain.StatusPending)
	if len(got) != 3 {
		t.Fatalf("%d pending rows, want 3", len(got))
	}
	for _, r := range got {
		if r.Status != domain.Pending || r.PostingDate != "" || r.PostedOrder != 0 || r.RunningBalance != nil {
			t.Errorf("pending row kept posted fields: %+v", r)
		}
	}
	res, err = st.ReplacePending(ctx, a, p[:1])
	if err != nil || res.Added != 0 || res.Removed != 2 {
		t.Fatalf("ReplacePending shrink = %+v, %v", res, err)
	}
	if got := all(t, st, domain.StatusPending); len(got) != 1 {
		t.Fatalf("%d pending rows after replacement, want 1", len(got))
	}
	if d, err := st.OldestPendingDate(ctx, a); d != "2026-01-09" || err != nil {
		t.Fatalf("OldestPendingDate = %q, %v", d, err)
	}
	if d, _ := st.OldestPendingDate(ctx, storetest.AccountID(1)); d != "" {
		t.Fatalf("OldestPendingDate of account without pending = %q", d)
	}
}
