package sync

import (
	"context"
	"errors"
	"fmt"
	gosync "sync"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
)

// runner is one Run in progress.
type runner struct {
	s    *Syncer
	opts Options
	run  domain.SyncRun

	mu        gosync.Mutex // guards run's counters and acct against the fetcher goroutine
	acct      domain.Account
	acctIndex int
	acctCount int
}

func (r *runner) emit(p domain.SyncProgress) {
	// The window fetcher's goroutine may emit (rate-limit waits) while the
	// writer counts.
	r.mu.Lock()
	defer r.mu.Unlock()
	p.RunID = r.run.ID
	if p.AccountID == "" && r.acct.ID != "" && p.Phase != domain.PhaseFinished {
		p.AccountID, p.AccountName = r.acct.ID, accountName(r.acct)
	}
	if p.AccountIndex == 0 && p.Phase != domain.PhaseFinished && p.Phase != domain.PhaseStarted {
		p.AccountIndex, p.AccountCount = r.acctIndex, r.acctCount
	}
	p.Fetched, p.Inserted = r.run.Fetched, r.run.Added-r.run.Removed
	r.opts.Progress(p)
}

func accountName(a domain.Account) string {
	if a.ReferenceName != "" {
		return a.ReferenceName
	}
	return a.Name
}

// do runs the sync; it returns an error only when the whole run failed.
func (r *runner) do(ctx context.Context) error {
	r.emit(domain.SyncProgress{Phase: domain.PhaseStarted})
	r.emit(domain.SyncProgress{Phase: domain.PhaseAccounts})
	accounts, err := call(ctx, r, func() ([]domain.Account, error) { return r.s.bank.Accounts(ctx) })
	if err != nil {
		return bankError(err, "the account list")
	}
	if err := r.s.st.SaveAccounts(ctx, accounts); err != nil {
		return err
	}
	r.run.Accounts = len(accounts)
	r.acctCount = len(accounts)
	earliest, err := r.earliestDate(ctx)
	if err != nil {
		return err
	}
	for i, a := range accounts {
		r.acct, r.acctIndex = a, i+1
		err := r.account(ctx, a, earliest)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			r.fail(ctx, a, err)
		}
	}
	r.acct, r.acctIndex = domain.Account{}, 0
	r.emit(domain.SyncProgress{Phase: domain.PhaseBeneficiaries})
	bens, err := call(ctx, r, func() ([]domain.Beneficiary, error) { return r.s.bank.Beneficiaries(ctx) })
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case skippable(err):
	case err != nil:
		r.partial(bankError(err, "the beneficiaries"))
	default:
		if err := r.s.st.ReplaceBeneficiaries(ctx, bens); err != nil {
			return err
		}
	}
	return nil
}

// partial records a failure that does not stop the run: the run's error
// is the first one.
func (r *runner) partial(err error) {
	if r.run.ErrorCode == "" {
		r.run.ErrorCode, r.run.ErrorMessage = domain.ErrorCode(err), domain.ErrorMessage(err)
	}
	r.opts.Logger.Warn("sync: part failed", "run", r.run.ID, "account", r.acct.ID, "err", err)
}

// fail records an account's failure in its sync state and the run.
func (r *runner) fail(ctx context.Context, a domain.Account, err error) {
	r.run.Failed++
	r.partial(err)
	r.emit(domain.SyncProgress{Phase: domain.PhaseAccountError, Message: domain.ErrorMessage(err)})
	st, serr := r.s.st.SyncState(ctx, a.ID)
	if serr == nil {
		st.LastAttemptAt = r.nowString()
		st.LastErrorCode, st.LastErrorMessage = domain.ErrorCode(err), domain.ErrorMessage(err)
		serr = r.s.st.SaveSyncState(ctx, st)
	}
	if serr != nil {
		r.opts.Logger.Warn("sync: record account failure", "account", a.ID, "err", serr)
	}
}

// skippable reports errors that mean "this part is not available to this
// connection" rather than a failure: a permission the API key lacks, or
// something the account kind does not have.
func skippable(err error) bool {
	return err != nil && (errors.Is(err, ErrNotSupported) || domain.ErrorCode(err) == domain.CodeForbidden)
}

func (r *runner) now() time.Time { return r.opts.Now().In(r.opts.Location) }

func (r *runner) nowString() string { return r.opts.Now().UTC().Format(time.RFC3339) }

func (r *runner) today() string { return r.now().Format(time.DateOnly) }

func (r *runner) earliestDate(ctx context.Context) (string, error) {
	e := r.opts.EarliestDate
	if e == "" {
		v, ok, err := r.s.st.Setting(ctx, SettingEarliestDate)
		if err != nil {
			return "", err
		}
		if ok {
			e = v
		}
	}
	if e == "" || !validDate(e) || e < r.opts.MinDate {
		e = r.opts.MinDate
	}
	return e, nil
}

// account syncs one account: balance, posted windows (incremental, then
// backfill), pending transactions, documents.
func (r *runner) account(ctx context.Context, a domain.Account, earliest string) error {
	st, err := r.s.st.SyncState(ctx, a.ID)
	if err != nil {
		return err
	}
	today := r.today()

	r.emit(domain.SyncProgress{Phase: domain.PhaseBalances})
	bal, err := call(ctx, r, func() (domain.Balance, error) { return r.s.bank.Balance(ctx, a.ID) })
	// The balance and the document list are extras: if they fail, the run
	// reports it, but the account's transactions still sync.
	switch {
	case skippable(err):
	case err != nil:
		if ctx.Err() != nil {
			return err
		}
		r.partial(bankError(err, "the balance"))
	default:
		bal.AccountID = a.ID
		bal.FetchedAt = r.nowString()
		if err := r.s.st.AddBalance(ctx, bal); err != nil {
			return err
		}
	}

	// Incremental part, oldest window first, so that NewestDate only ever
	// claims days whose every earlier overlap day is fresh.
	var from string
	if st.NewestDate != "" {
		from = addDays(min(st.NewestDate, today), -r.opts.OverlapDays)
		oldestPending, err := r.s.st.OldestPendingDate(ctx, a.ID)
		if err != nil {
			return err
		}
		if oldestPending != "" && oldestPending < from {
			from = oldestPending
		}
	} else {
		from = addDays(today, -(r.opts.WindowDays - 1))
		st.EmptyWindows = 0
	}
	if from < earliest {
		from = earliest
	}
	f := newFetcher(ctx, r, a)
	defer f.close()
	var windows [][2]string
	for wf := from; wf <= today; wf = addDays(wf, r.opts.WindowDays) {
		windows = append(windows, [2]string{wf, min(addDays(wf, r.opts.WindowDays-1), today)})
	}
	first := st.OldestDate == ""
	for i, w := range windows {
		wf, wt := w[0], w[1]
		next := st
		if next.NewestDate == "" || wt > next.NewestDate {
			next.NewestDate = wt
		}
		if next.OldestDate == "" || wf < next.OldestDate {
			next.OldestDate = wf
		}
		rows, err := f.get(wf, wt)
		if err != nil {
			return err
		}
		if i+1 < len(windows) {
			f.start(windows[i+1][0], windows[i+1][1])
		}
		if first && len(rows) == 0 {
			// The first window of a new account counts towards the
			// backfill's run of empty windows.
			next.EmptyWindows = 1
		}
		if err := r.apply(ctx, a, wf, wt, rows, &next); err != nil {
			return err
		}
		st = next
	}

	// Backfill: walk backwards until the start of the history.
	for !st.BackfillComplete && st.OldestDate > earliest {
		wt := addDays(st.OldestDate, -1)
		wf := max(addDays(wt, -(r.opts.WindowDays-1)), earliest)
		next := st
		next.OldestDate = wf
		rows, err := f.get(wf, wt)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			next.EmptyWindows++
		} else {
			next.EmptyWindows = 0
		}
		next.BackfillComplete = next.EmptyWindows >= r.opts.EmptyWindowsToStop
		if !next.BackfillComplete && wf > earliest {
			// Fetch the next (older) window while this one is written.
			nt := addDays(wf, -1)
			f.start(max(addDays(nt, -(r.opts.WindowDays-1)), earliest), nt)
		}
		if err := r.apply(ctx, a, wf, wt, rows, &next); err != nil {
			return err
		}
		st = next
	}
	f.close()

	r.emit(domain.SyncProgress{Phase: domain.PhasePending})
	pend, err := call(ctx, r, func() ([]domain.Transaction, error) { return r.s.bank.Pending(ctx, a.ID) })
	switch {
	case errors.Is(err, ErrNotSupported):
	case err != nil:
		return bankError(err, "the pending transactions")
	default:
		res, err := r.s.st.ReplacePending(ctx, a.ID, pend)
		if err != nil {
			return err
		}
		r.count(res)
	}

	r.emit(domain.SyncProgress{Phase: domain.PhaseDocuments})
	docFrom := max(addDays(today, -366*r.opts.DocumentYears), st.OldestDate)
	docs, err := call(ctx, r, func() ([]domain.Document, error) { return r.s.bank.Documents(ctx, a.ID, docFrom, today) })
	switch {
	case skippable(err):
	case err != nil:
		if ctx.Err() != nil {
			return err
		}
		r.partial(bankError(err, "the document list"))
	default:
		if err := r.s.st.SaveDocuments(ctx, a.ID, docs); err != nil {
			if ctx.Err() != nil {
				return err
			}
			r.partial(err)
		}
	}

	st.LastSuccessAt = r.nowString()
	st.LastAttemptAt = st.LastSuccessAt
	st.LastErrorCode, st.LastErrorMessage = "", ""
	if err := r.s.st.SaveSyncState(ctx, st); err != nil {
		return err
	}
	r.emit(domain.SyncProgress{Phase: domain.PhaseAccountDone})
	return nil
}

// fetcher fetches an account's windows one ahead of the writer: while
// window i is written to the cache, window i+1 is already being fetched
// and decoded, so the network, the JSON decoding and SQLite overlap. The
// windows are still applied one by one, in order, each in its own
// transaction; at most one bank call is in flight. A speculative fetch
// that turns out not to be needed is a wasted read, nothing more.
type fetcher struct {
	r      *runner
	a      domain.Account
	ctx    context.Context
	cancel context.CancelFunc

	pending [2]string // the window being prefetched, if ch != nil
	ch      chan fetchResult
}

type fetchResult struct {
	rows []domain.Transaction
	err  error
}

func newFetcher(ctx context.Context, r *runner, a domain.Account) *fetcher {
	ctx, cancel := context.WithCancel(ctx)
	return &fetcher{r: r, a: a, ctx: ctx, cancel: cancel}
}

func (f *fetcher) fetch(from, to string) ([]domain.Transaction, error) {
	rows, err := call(f.ctx, f.r, func() ([]domain.Transaction, error) { return f.r.s.bank.Transactions(f.ctx, f.a.ID, from, to) })
	if err != nil {
		return nil, bankError(err, "transactions")
	}
	return rows, nil
}

// start begins fetching [from, to] in the background.
func (f *fetcher) start(from, to string) {
	f.drain()
	f.pending = [2]string{from, to}
	f.ch = make(chan fetchResult, 1)
	ch := f.ch
	go func() {
		rows, err := f.fetch(from, to)
		ch <- fetchResult{rows, err}
	}()
}

// get returns window [from, to]: the prefetched answer if that is the
// window being fetched, else a fresh fetch.
func (f *fetcher) get(from, to string) ([]domain.Transaction, error) {
	f.r.emit(domain.SyncProgress{Phase: domain.PhaseTransactions, WindowFrom: from, WindowTo: to})
	if f.ch != nil && f.pending == [2]string{from, to} {
		res := <-f.ch
		f.ch = nil
		return res.rows, res.err
	}
	f.drain()
	return f.fetch(from, to)
}

// drain waits for (and discards) a prefetch in flight.
func (f *fetcher) drain() {
	if f.ch != nil {
		<-f.ch
		f.ch = nil
	}
}

// close stops a prefetch in flight and waits for it.
func (f *fetcher) close() {
	if f.ch != nil {
		f.cancel()
		f.drain()
	}
	f.cancel()
}

// apply writes one window and the state that goes with it in one
// transaction.
func (r *runner) apply(ctx context.Context, a domain.Account, from, to string, rows []domain.Transaction, next *domain.AccountSyncState) error {
	res, err := r.s.st.ReplaceWindow(ctx, store.Window{AccountID: a.ID, From: from, To: to, Rows: rows, State: next})
	if err != nil {
		return err
	}
	r.count(res)
	return nil
}

func (r *runner) count(res store.ReplaceResult) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.run.Fetched += res.Fetched
	r.run.Added += res.Added
	r.run.Removed += res.Removed
}

// call runs fn, and when the bank answers "too many requests" waits as it
// asked (cancellable) and asks again, up to MaxRateLimitWaits times. Only
// reads go through here: sync never writes to the bank.
func call[T any](ctx context.Context, r *runner, fn func() (T, error)) (T, error) {
	for attempt := 0; ; attempt++ {
		v, err := fn()
		var ra RetryAfterError
		if err == nil || !errors.As(err, &ra) || attempt >= r.opts.MaxRateLimitWaits || ctx.Err() != nil {
			return v, err
		}
		d := min(max(ra.RetryAfter(), 0), r.opts.MaxWait)
		r.emit(domain.SyncProgress{Phase: domain.PhaseWaiting,
			Message: fmt.Sprintf("Investec asked us to slow down; waiting %s.", d.Round(time.Second))})
		if err := r.opts.Sleep(ctx, d); err != nil {
			return v, err
		}
	}
}

func addDays(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && len(s) == 10
}
