package sync

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
)

// runner is one Run in progress.
type runner struct {
	s    *Syncer
	opts Options
	run  domain.SyncRun

	acct      domain.Account
	acctIndex int
	acctCount int
}

func (r *runner) emit(p domain.SyncProgress) {
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
	switch {
	case skippable(err):
	case err != nil:
		return bankError(err, "the balance")
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
	first := st.OldestDate == ""
	for wf := from; wf <= today; wf = addDays(wf, r.opts.WindowDays) {
		wt := min(addDays(wf, r.opts.WindowDays-1), today)
		next := st
		if next.NewestDate == "" || wt > next.NewestDate {
			next.NewestDate = wt
		}
		if next.OldestDate == "" || wf < next.OldestDate {
			next.OldestDate = wf
		}
		rows, err := r.fetch(ctx, a, wf, wt)
		if err != nil {
			return err
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
		rows, err := r.fetch(ctx, a, wf, wt)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			next.EmptyWindows++
		} else {
			next.EmptyWindows = 0
		}
		next.BackfillComplete = next.EmptyWindows >= r.opts.EmptyWindowsToStop
		if err := r.apply(ctx, a, wf, wt, rows, &next); err != nil {
			return err
		}
		st = next
	}

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
		return bankError(err, "the document list")
	default:
		if err := r.s.st.SaveDocuments(ctx, a.ID, docs); err != nil {
			return err
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

func (r *runner) fetch(ctx context.Context, a domain.Account, from, to string) ([]domain.Transaction, error) {
	r.emit(domain.SyncProgress{Phase: domain.PhaseTransactions, WindowFrom: from, WindowTo: to})
	rows, err := call(ctx, r, func() ([]domain.Transaction, error) { return r.s.bank.Transactions(ctx, a.ID, from, to) })
	if err != nil {
		return nil, bankError(err, "transactions")
	}
	return rows, nil
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
