package sync_test

import (
	"context"
	"errors"
	"log/slog"
	gosync "sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
	dsync "github.com/investec-desk/investec-desk/backend/sync"
)

var day0 = time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)

func newTest(t *testing.T, bank *modelBank, o dsync.Options) (*dsync.Syncer, *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	if o.Now == nil {
		o.Now = func() time.Time { return bank.today.Add(10 * time.Hour) }
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Sleep == nil {
		o.Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	}
	return dsync.New(st, bank, o), st
}

func TestFirstSyncBackfillsWholeHistory(t *testing.T) {
	t.Parallel()
	bank := newModelBank(3, 2, 400, day0)
	var events []domain.SyncProgress
	s, st := newTest(t, bank, dsync.Options{WindowDays: 30, EmptyWindowsToStop: 3,
		Progress: func(p domain.SyncProgress) { events = append(events, p) }})
	run, err := s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 0 {
		t.Fatalf("run = %+v, %v", run, err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
	total := 0
	for _, a := range bank.accounts {
		p, q, _, _ := bank.history(a.ID)
		total += len(p) + len(q)
		state, err := st.SyncState(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		first := p[0].PostingDate
		// Backfill went past the first transaction by exactly the empty
		// windows it needed to stop.
		if !state.BackfillComplete || state.OldestDate > first || state.OldestDate < addDays(first, -4*30) ||
			state.NewestDate != "2026-03-10" || state.LastSuccessAt == "" || state.EmptyWindows != 3 {
			t.Errorf("state = %+v (first posting %s)", state, first)
		}
	}
	if run.Fetched != total || run.Added != total || run.Removed != 0 || run.Accounts != 2 || run.Trigger != "manual" {
		t.Errorf("run counts = %+v, bank has %d rows", run, total)
	}
	// Progress: started first, finished last, windows and accounts in
	// between, counts never decreasing.
	if events[0].Phase != domain.PhaseStarted || events[len(events)-1].Phase != domain.PhaseFinished {
		t.Errorf("events from %s to %s", events[0].Phase, events[len(events)-1].Phase)
	}
	windows, done, last := 0, 0, 0
	for _, e := range events {
		if e.RunID != run.ID || e.Fetched < last {
			t.Fatalf("bad event %+v", e)
		}
		last = e.Fetched
		switch e.Phase {
		case domain.PhaseTransactions:
			if e.WindowFrom == "" || e.WindowTo < e.WindowFrom || e.AccountID == "" || e.AccountCount != 2 {
				t.Fatalf("window event %+v", e)
			}
			windows++
		case domain.PhaseAccountDone:
			done++
		}
	}
	if windows < 2*(400/2/30) || done != 2 {
		t.Errorf("%d window events, %d accounts done", windows, done)
	}
	accts, _ := st.ListAccounts(t.Context())
	if len(accts) != 2 || accts[0].Balance == nil || accts[0].LastSyncedAt == "" {
		t.Fatalf("accounts = %+v", accts)
	}
	if bens, _ := st.ListBeneficiaries(t.Context()); len(bens) != 1 {
		t.Fatalf("beneficiaries = %+v", bens)
	}
	if docs, _ := st.ListDocuments(t.Context(), bank.accounts[0].ID); len(docs) < 12 {
		t.Fatalf("%d documents listed", len(docs))
	}
}

func TestIncrementalSyncFetchesOnlyTheOverlap(t *testing.T) {
	t.Parallel()
	bank := newModelBank(4, 1, 300, day0)
	var windows [][2]string
	s, st := newTest(t, bank, dsync.Options{WindowDays: 30, OverlapDays: 10,
		Progress: func(p domain.SyncProgress) {
			if p.Phase == domain.PhaseTransactions {
				windows = append(windows, [2]string{p.WindowFrom, p.WindowTo})
			}
		}})
	if _, err := s.Run(t.Context(), "manual"); err != nil {
		t.Fatal(err)
	}
	bank.advance(3)
	windows = nil
	if _, err := s.Run(t.Context(), "background"); err != nil {
		t.Fatal(err)
	}
	if len(windows) != 1 || windows[0] != [2]string{"2026-02-28", "2026-03-13"} {
		t.Fatalf("incremental windows = %v", windows)
	}
	// A pending transaction older than the overlap pulls the start back.
	bank.mu.Lock()
	bank.txs = append(bank.txs, &mtx{lid: 9999, acct: bank.accounts[0].ID, status: domain.Pending, typ: domain.Debit,
		desc: "OLD HOLD", txDate: "2026-02-20", amount: 100})
	bank.mu.Unlock()
	if _, err := s.Run(t.Context(), "background"); err != nil {
		t.Fatal(err)
	}
	windows = nil
	if _, err := s.Run(t.Context(), "background"); err != nil {
		t.Fatal(err)
	}
	if len(windows) != 1 || windows[0][0] != "2026-02-20" {
		t.Fatalf("windows with an old pending row = %v", windows)
	}
	checkCacheEqualsBank(t, st, bank, nil)
}

func TestEarliestDateStopsBackfillAndCanBeLowered(t *testing.T) {
	t.Parallel()
	bank := newModelBank(5, 1, 400, day0)
	s, st := newTest(t, bank, dsync.Options{WindowDays: 30})
	if err := st.SetSetting(t.Context(), dsync.SettingEarliestDate, "2026-01-01"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(t.Context(), "manual"); err != nil {
		t.Fatal(err)
	}
	page, _ := st.ListTransactions(t.Context(), domain.TransactionFilter{Limit: 1, Status: domain.StatusPosted})
	first, _ := st.ListTransactions(t.Context(), domain.TransactionFilter{Limit: 1, Status: domain.StatusPosted, Sort: domain.SortDate})
	if page.Totals.Count == 0 || first.Rows[0].PostingDate < "2026-01-01" {
		t.Fatalf("cache reaches before the earliest date: %+v", first.Rows)
	}
	state, _ := st.SyncState(t.Context(), bank.accounts[0].ID)
	if state.OldestDate != "2026-01-01" || state.BackfillComplete {
		t.Fatalf("state = %+v", state)
	}
	// Lowering it lets the next sync go further, down to the start.
	if err := st.DeleteSetting(t.Context(), dsync.SettingEarliestDate); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(t.Context(), "manual"); err != nil {
		t.Fatal(err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
}

func TestOneFailingAccountDoesNotStopTheOthers(t *testing.T) {
	t.Parallel()
	bank := newModelBank(6, 3, 100, day0)
	bad := bank.accounts[1].ID
	bank.hook = func(ctx context.Context, method, acct string) error {
		if acct == bad && method == "transactions" {
			return domain.Errorf(domain.CodeBankError, "Investec answered with an error.")
		}
		return nil
	}
	s, st := newTest(t, bank, dsync.Options{})
	run, err := s.Run(t.Context(), "manual")
	if err != nil {
		t.Fatalf("partial failure returned an error: %v", err)
	}
	if run.Failed != 1 || run.ErrorCode != domain.CodeBankError || run.Accounts != 3 || run.FinishedAt == "" {
		t.Fatalf("run = %+v", run)
	}
	for _, a := range bank.accounts {
		state, _ := st.SyncState(t.Context(), a.ID)
		page, _ := st.ListTransactions(t.Context(), domain.TransactionFilter{AccountIDs: []string{a.ID}})
		if a.ID == bad {
			if state.LastErrorCode != domain.CodeBankError || state.LastSuccessAt != "" || page.Totals.Count != 0 {
				t.Errorf("failing account: state %+v, %d rows", state, page.Totals.Count)
			}
		} else if state.LastErrorCode != "" || state.LastSuccessAt == "" || page.Totals.Count == 0 {
			t.Errorf("healthy account %s: state %+v, %d rows", a.ID, state, page.Totals.Count)
		}
	}
	runs, _ := st.ListSyncRuns(t.Context(), 5)
	if len(runs) != 1 || runs[0].Failed != 1 || runs[0].ErrorMessage != "Investec answered with an error." {
		t.Fatalf("recorded runs = %+v", runs)
	}
	// It recovers on the next run.
	bank.hook = nil
	if run, err := s.Run(t.Context(), "manual"); err != nil || run.Failed != 0 || run.ErrorCode != "" {
		t.Fatalf("recovery run = %+v, %v", run, err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
}

func TestAccountListFailureFailsTheRun(t *testing.T) {
	t.Parallel()
	bank := newModelBank(7, 1, 50, day0)
	bank.hook = func(ctx context.Context, method, acct string) error {
		if method == "accounts" {
			return errBankDown
		}
		return nil
	}
	s, st := newTest(t, bank, dsync.Options{})
	run, err := s.Run(t.Context(), "manual")
	if domain.ErrorCode(err) != domain.CodeBankError {
		t.Fatalf("err = %v", err)
	}
	// The raw transport error never becomes the message.
	if run.ErrorMessage != "Could not fetch the account list from Investec." || run.FinishedAt == "" {
		t.Fatalf("run = %+v", run)
	}
	if runs, _ := st.ListSyncRuns(t.Context(), 5); len(runs) != 1 || runs[0].ErrorCode != domain.CodeBankError {
		t.Fatalf("runs = %+v", runs)
	}
}

func TestForbiddenOptionalPartsAreSkipped(t *testing.T) {
	t.Parallel()
	bank := newModelBank(8, 1, 50, day0)
	bank.hook = func(ctx context.Context, method, acct string) error {
		switch method {
		case "balance", "documents", "beneficiaries":
			return domain.Errorf(domain.CodeForbidden, "The API key lacks this permission.")
		}
		return nil
	}
	s, st := newTest(t, bank, dsync.Options{})
	run, err := s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 0 || run.ErrorCode != "" {
		t.Fatalf("run = %+v, %v", run, err)
	}
	page, _ := st.ListTransactions(t.Context(), domain.TransactionFilter{})
	if page.Totals.Count == 0 {
		t.Fatal("transactions not synced")
	}
}

func TestFailingExtrasDoNotFailTheAccount(t *testing.T) {
	t.Parallel()
	bank := newModelBank(12, 2, 60, day0)
	bank.hook = func(ctx context.Context, method, acct string) error {
		if method == "documents" || method == "balance" {
			return errBankDown
		}
		return nil
	}
	s, st := newTest(t, bank, dsync.Options{})
	run, err := s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 0 || run.ErrorCode != domain.CodeBankError {
		t.Fatalf("run = %+v, %v", run, err)
	}
	for _, a := range bank.accounts {
		if state, _ := st.SyncState(t.Context(), a.ID); state.LastSuccessAt == "" {
			t.Fatalf("account %s not synced: %+v", a.ID, state)
		}
	}
	page, _ := st.ListTransactions(t.Context(), domain.TransactionFilter{})
	if page.Totals.Count == 0 {
		t.Fatal("no transactions synced")
	}
	bank.hook = nil
	if _, err := s.Run(t.Context(), "manual"); err != nil {
		t.Fatal(err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
}

func TestRateLimitWaitsAsToldAndIsCancellable(t *testing.T) {
	t.Parallel()
	bank := newModelBank(9, 1, 50, day0)
	limited := 0
	bank.hook = func(ctx context.Context, method, acct string) error {
		if method == "transactions" && limited < 2 {
			limited++
			return rateLimited{d: 7 * time.Second}
		}
		return nil
	}
	var waits []time.Duration
	var waiting []domain.SyncProgress
	s, st := newTest(t, bank, dsync.Options{
		Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil },
		Progress: func(p domain.SyncProgress) {
			if p.Phase == domain.PhaseWaiting {
				waiting = append(waiting, p)
			}
		},
	})
	run, err := s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 0 {
		t.Fatalf("run = %+v, %v", run, err)
	}
	if len(waits) != 2 || waits[0] != 7*time.Second || len(waiting) != 2 {
		t.Fatalf("waits = %v, events %v", waits, waiting)
	}
	checkCacheEqualsBank(t, st, bank, nil)

	// A real wait (the default Sleep) ends when ctx is cancelled.
	bank.hook = func(ctx context.Context, method, acct string) error {
		if method == "transactions" {
			return rateLimited{d: time.Hour}
		}
		return nil
	}
	s2 := dsync.New(st, bank, dsync.Options{Now: func() time.Time { return bank.today }})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	run, err = s2.Run(ctx, "manual")
	if domain.ErrorCode(err) != domain.CodeCancelled || time.Since(start) > 5*time.Second {
		t.Fatalf("cancelled wait: %v after %v", err, time.Since(start))
	}
	if run.ErrorCode != domain.CodeCancelled {
		t.Fatalf("run = %+v", run)
	}
	// Giving up after MaxRateLimitWaits.
	s3 := dsync.New(st, bank, dsync.Options{Now: func() time.Time { return bank.today }, MaxRateLimitWaits: 2,
		Sleep: func(ctx context.Context, d time.Duration) error { return nil }})
	run, err = s3.Run(t.Context(), "manual")
	if err != nil || run.Failed != 1 {
		t.Fatalf("endless rate limit: %+v, %v", run, err)
	}
}

func TestRunRefusesWhileRunning(t *testing.T) {
	t.Parallel()
	bank := newModelBank(10, 1, 50, day0)
	entered := make(chan struct{})
	release := make(chan struct{})
	var once gosync.Once
	bank.hook = func(ctx context.Context, method, acct string) error {
		if method == "accounts" {
			once.Do(func() { close(entered) })
			bank.mu.Unlock()
			<-release
			bank.mu.Lock()
		}
		return nil
	}
	s, st := newTest(t, bank, dsync.Options{})
	done := make(chan error)
	go func() { _, err := s.Run(context.Background(), "manual"); done <- err }()
	<-entered
	if !s.Running() {
		t.Error("Running() is false during a run")
	}
	if _, err := s.Run(t.Context(), "manual"); domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("second run: %v, want conflict", err)
	}
	// Another Syncer (another process, say) on the same cache is refused
	// by the cache's lock.
	other := dsync.New(st, bank, dsync.Options{})
	if _, err := other.Run(t.Context(), "cli"); domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("other syncer: %v, want conflict", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s.Running() {
		t.Error("Running() still true")
	}
	if runs, _ := st.ListSyncRuns(t.Context(), 5); len(runs) != 1 {
		t.Fatalf("refused runs were recorded: %+v", runs)
	}
}

func TestCancelledSyncLeavesConsistentCacheAndResumes(t *testing.T) {
	t.Parallel()
	bank := newModelBank(11, 2, 300, day0)
	ctx, cancel := context.WithCancel(t.Context())
	n := 0
	bank.hook = func(c context.Context, method, acct string) error {
		if method == "transactions" {
			if n++; n == 6 {
				cancel()
				return c.Err()
			}
		}
		return nil
	}
	s, st := newTest(t, bank, dsync.Options{WindowDays: 20})
	run, err := s.Run(ctx, "manual")
	if domain.ErrorCode(err) != domain.CodeCancelled || run.ErrorCode != domain.CodeCancelled || run.Fetched == 0 {
		t.Fatalf("cancelled run = %+v, %v", run, err)
	}
	if err := st.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	bank.hook = nil
	if _, err := s.Run(t.Context(), "manual"); err != nil {
		t.Fatal(err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
}

func addDays(d string, n int) string {
	t, _ := time.Parse(time.DateOnly, d)
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

var _ = errors.New
