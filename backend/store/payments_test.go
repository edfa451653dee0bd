package store_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/payments"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

var payT0 = time.Date(2026, 3, 16, 8, 0, 0, 0, time.UTC) // 10:00 SAST

func transferAttempt(id string, amount domain.Money, myRef string) domain.PayAttempt {
	return domain.PayAttempt{
		ID: id, GroupID: "g-" + id, BatchIndex: 1, BatchCount: 1, Kind: domain.PayTransfer,
		From:      domain.PayAccountRef{ID: "ACC1", Number: "10012345678", Name: "Everyday", ProductName: "Private Bank Account"},
		ProfileID: "P1", Total: amount,
		Lines: []domain.PayLine{{TargetID: "ACC2", TargetName: "Saver", TargetNumber: "10087654321", Amount: amount,
			MyReference: myRef, TheirReference: "From everyday"}},
	}
}

func TestPayAttemptLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	a := transferAttempt("a1", 1012, "Savings")
	if err := st.CreatePayAttempts(ctx, payT0, []domain.PayAttempt{a}); err != nil {
		t.Fatal(err)
	}
	got, err := st.PayAttempt(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != domain.PayReviewed || got.SentAt != "" || got.ReviewedAt != "2026-03-16T08:00:00.000Z" ||
		got.Total != 1012 || len(got.Lines) != 1 || got.Lines[0].Amount != 1012 || got.Lines[0].TargetNumber != "10087654321" {
		t.Fatalf("reviewed attempt = %+v", got)
	}
	// A review is not part of the journal.
	if list, err := st.ListPayAttempts(ctx, 0); err != nil || len(list) != 0 {
		t.Fatalf("journal before confirming: %v %v", list, err)
	}

	sent := payT0.Add(time.Minute)
	if ok, err := st.ClaimPayAttempt(ctx, "a1", sent, true); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if ok, err := st.ClaimPayAttempt(ctx, "a1", sent.Add(time.Second), false); err != nil || ok {
		t.Fatalf("a second claim must fail: %v %v", ok, err)
	}
	out := store.PayOutcome{Status: domain.PaySucceeded, Lines: []domain.PayLine{{
		PaymentReference: "UBP0126806416", PaymentDate: "2026-03-16",
		BankStatus:      []string{"No authorisation necessary", "Payment/Transfer effective date 16/03/2026"},
		BeneficiaryName: "Rainy Day Fund",
	}}}
	if err := st.FinishPayAttempt(ctx, "a1", sent.Add(2*time.Second), out); err != nil {
		t.Fatal(err)
	}
	if err := st.FinishPayAttempt(ctx, "a1", sent.Add(3*time.Second), store.PayOutcome{Status: domain.PayFailed}); domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("an outcome is recorded once: %v", err)
	}
	list, err := st.ListPayAttempts(ctx, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("journal: %v %v", list, err)
	}
	j := list[0]
	l := j.Lines[0]
	if j.Status != domain.PaySucceeded || !j.DuplicateAcknowledged || j.SentAt != "2026-03-16T08:01:00.000Z" ||
		j.FinishedAt != "2026-03-16T08:01:02.000Z" || l.PaymentReference != "UBP0126806416" || l.PaymentDate != "2026-03-16" ||
		len(l.BankStatus) != 2 || l.BankStatus[1] != "Payment/Transfer effective date 16/03/2026" || l.MyReference != "Savings" {
		t.Fatalf("journal entry = %+v", j)
	}
}

func TestClaimPayAttemptOnlyOnceUnderContention(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cache.db")
	// Two stores on one file stand for the window and the CLI.
	var stores [2]*store.Store
	for i := range stores {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		stores[i] = st
	}
	if err := stores[0].CreatePayAttempts(ctx, payT0, []domain.PayAttempt{transferAttempt("race", 500, "Race")}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := stores[i%2].ClaimPayAttempt(ctx, "race", payT0, false)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d claims won, want exactly 1", wins)
	}
}

func TestPayMovedBetweenCountsWhatMayHaveMoved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	outcomes := map[string]domain.PayStatus{
		"ok": domain.PaySucceeded, "unk": domain.PayUnknown, "part": domain.PayPartial,
		"rej": domain.PayRejected, "fail": domain.PayFailed, "send": domain.PaySending,
	}
	amounts := map[string]domain.Money{"ok": 100, "unk": 200, "part": 400, "rej": 800, "fail": 1600, "send": 3200}
	for id, status := range outcomes {
		if err := st.CreatePayAttempts(ctx, payT0, []domain.PayAttempt{transferAttempt(id, amounts[id], id)}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ClaimPayAttempt(ctx, id, payT0, false); err != nil {
			t.Fatal(err)
		}
		if status != domain.PaySending {
			if err := st.FinishPayAttempt(ctx, id, payT0, store.PayOutcome{Status: status}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A review only, never confirmed: not counted.
	if err := st.CreatePayAttempts(ctx, payT0, []domain.PayAttempt{transferAttempt("draft", 6400, "d")}); err != nil {
		t.Fatal(err)
	}
	start, end := payments.DayBounds(payT0)
	got, err := st.PayMovedBetween(ctx, start, end)
	if err != nil || got != 100+200+400+3200 {
		t.Fatalf("moved today = %d, %v; want succeeded+unknown+partial+sending = 3900", got, err)
	}
	if got, _ := st.PayMovedBetween(ctx, end, end.AddDate(0, 0, 1)); got != 0 {
		t.Fatalf("tomorrow = %d", got)
	}
}

func TestRecentIdenticalAndStaleSending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	a := transferAttempt("first", 1012, "Savings")
	b := transferAttempt("second", 1012, "Savings")
	for _, x := range []domain.PayAttempt{a, b} {
		if err := st.CreatePayAttempts(ctx, payT0, []domain.PayAttempt{x}); err != nil {
			t.Fatal(err)
		}
	}
	fp := payments.Fingerprint(domain.PayTransfer, "ACC1", "ACC2", 1012, "Savings", "From everyday")
	// Reviews alone are not "sent".
	if hits, err := st.RecentIdentical(ctx, []string{fp}, payT0.Add(-time.Hour), "second"); err != nil || len(hits) != 0 {
		t.Fatalf("hits before sending: %v %v", hits, err)
	}
	if _, err := st.ClaimPayAttempt(ctx, "first", payT0.Add(time.Minute), false); err != nil {
		t.Fatal(err)
	}
	hits, err := st.RecentIdentical(ctx, []string{fp, "other"}, payT0, "second")
	if err != nil || len(hits) != 1 || hits[fp].AttemptID != "first" || !hits[fp].SentAt.Equal(payT0.Add(time.Minute)) {
		t.Fatalf("hits = %v, %v", hits, err)
	}
	if hits, _ := st.RecentIdentical(ctx, []string{fp}, payT0.Add(2*time.Minute), "second"); len(hits) != 0 {
		t.Fatalf("older than since: %v", hits)
	}
	if hits, _ := st.RecentIdentical(ctx, []string{fp}, payT0, "first"); len(hits) != 0 {
		t.Fatalf("an attempt is not a duplicate of itself: %v", hits)
	}

	// The app died while "first" was sending: later it becomes unknown.
	n, err := st.ExpireStalePaySending(ctx, payT0.Add(time.Minute), payT0.Add(time.Hour), "stopped")
	if err != nil || n != 0 {
		t.Fatalf("not stale yet: %d %v", n, err)
	}
	n, err = st.ExpireStalePaySending(ctx, payT0.Add(2*time.Minute), payT0.Add(time.Hour), "The app stopped while sending.")
	if err != nil || n != 1 {
		t.Fatalf("stale: %d %v", n, err)
	}
	got, _ := st.PayAttempt(ctx, "first")
	if got.Status != domain.PayUnknown || got.ErrorCode != domain.CodeUnknownOutcome || got.ErrorMessage != "The app stopped while sending." {
		t.Fatalf("stale attempt = %+v", got)
	}
	unknown, err := st.UnknownPayAttempts(ctx)
	if err != nil || len(unknown) != 1 || unknown[0].ID != "first" {
		t.Fatalf("unknown = %v %v", unknown, err)
	}

	// Stale reviews go; confirmed attempts stay.
	if err := st.DeleteStaleReviews(ctx, payT0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PayAttempt(ctx, "second"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("stale review kept: %v", err)
	}
	if _, err := st.PayAttempt(ctx, "first"); err != nil {
		t.Fatalf("confirmed attempt deleted: %v", err)
	}
}

func TestMatchPayItem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	two := transferAttempt("two", 300, "Split")
	two.Kind = domain.PayPayment
	two.Lines = append(two.Lines, domain.PayLine{TargetID: "BEN", Amount: 200, MyReference: "Split b", TheirReference: "x"})
	two.Lines[0].Amount, two.Total = 100, 300
	for _, a := range []domain.PayAttempt{two, transferAttempt("one", 100, "Split")} {
		if err := st.CreatePayAttempts(ctx, payT0, []domain.PayAttempt{a}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ClaimPayAttempt(ctx, a.ID, payT0, false); err != nil {
			t.Fatal(err)
		}
		if err := st.FinishPayAttempt(ctx, a.ID, payT0, store.PayOutcome{Status: domain.PayUnknown, ErrorCode: domain.CodeUnknownOutcome}); err != nil {
			t.Fatal(err)
		}
	}
	tx1 := domain.Transaction{ID: 7, AccountID: "ACC1", PostingDate: "2026-03-16", TransactionDate: "2026-03-16",
		Description: "Split", Amount: 100, PostedOrder: 11, Type: domain.Debit, Status: domain.Posted}
	tx2 := tx1
	tx2.ID, tx2.Amount, tx2.PostedOrder, tx2.Description = 8, 200, 12, "Split b"
	at := payT0.Add(time.Hour)
	if ok, err := st.MatchPayItem(ctx, "two", 0, payments.MatchKey(tx1), tx1, at); err != nil || !ok {
		t.Fatalf("match: %v %v", ok, err)
	}
	// One transaction never explains two attempts.
	if ok, err := st.MatchPayItem(ctx, "one", 0, payments.MatchKey(tx1), tx1, at); err != nil || ok {
		t.Fatalf("second match of one transaction: %v %v", ok, err)
	}
	got, _ := st.PayAttempt(ctx, "two")
	if got.Status != domain.PayUnknown || got.Lines[0].Match == nil || got.Lines[1].Match != nil {
		t.Fatalf("half matched = %+v", got)
	}
	if ok, err := st.MatchPayItem(ctx, "two", 1, payments.MatchKey(tx2), tx2, at); err != nil || !ok {
		t.Fatalf("match: %v %v", ok, err)
	}
	got, _ = st.PayAttempt(ctx, "two")
	m := got.Lines[1].Match
	if got.Status != domain.PayMatched || got.MatchedAt != "2026-03-16T09:00:00.000Z" || m == nil ||
		*m != (domain.PayMatch{TransactionID: 8, AccountID: "ACC1", PostingDate: "2026-03-16", TransactionDate: "2026-03-16",
			Description: "Split b", Amount: 200, PostedOrder: 12}) {
		t.Fatalf("matched = %+v (%+v)", got, m)
	}
	if ok, _ := st.MatchPayItem(ctx, "two", 1, "another", tx2, at); ok {
		t.Fatal("an item is matched once")
	}
}

func TestPayTemplates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t)
	rent, err := st.SavePayTemplate(ctx, domain.PayTemplate{Name: "Rent", Kind: domain.PayPayment, Payment: &domain.PaymentForm{
		FromAccountID: "ACC1", Lines: []domain.PaymentLineForm{{BeneficiaryID: "BEN", Amount: "8500.00", MyReference: "Rent", TheirReference: "Unit 14", FasterPayment: true}},
	}}, payT0)
	if err != nil || rent.ID == 0 || rent.Payment == nil || rent.Payment.Lines[0].Amount != "8500.00" || !rent.Payment.Lines[0].FasterPayment {
		t.Fatalf("save = %+v, %v", rent, err)
	}
	if _, err := st.SavePayTemplate(ctx, domain.PayTemplate{Name: "RENT", Kind: domain.PayTransfer, Transfer: &domain.TransferForm{}}, payT0); domain.ErrorField(err) != "name" {
		t.Fatalf("duplicate name (ignoring case): %v", err)
	}
	if _, err := st.SavePayTemplate(ctx, domain.PayTemplate{Name: "Empty", Kind: domain.PayTransfer}, payT0); domain.ErrorField(err) != "kind" {
		t.Fatalf("a template without a form: %v", err)
	}
	save, err := st.SavePayTemplate(ctx, domain.PayTemplate{Name: "Savings", Kind: domain.PayTransfer, Transfer: &domain.TransferForm{
		FromAccountID: "ACC1", ToAccountID: "ACC2", Amount: "500", MyReference: "Save", TheirReference: "Save"}}, payT0)
	if err != nil {
		t.Fatal(err)
	}
	save.Transfer.Amount = "600"
	if save, err = st.SavePayTemplate(ctx, save, payT0.Add(time.Hour)); err != nil || save.Transfer.Amount != "600" || save.UpdatedAt == save.CreatedAt {
		t.Fatalf("update = %+v, %v", save, err)
	}
	list, err := st.ListPayTemplates(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "Rent" || list[1].Name != "Savings" {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if err := st.DeletePayTemplate(ctx, rent.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.DeletePayTemplate(ctx, rent.ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("delete twice: %v", err)
	}
}
