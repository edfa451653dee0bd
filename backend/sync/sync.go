// Package sync keeps the local cache (backend/store) equal to the bank.
//
// It uses window replacement: each answer the bank gives for "the posted
// transactions of this account with a posting date in [from, to]" is
// authoritative for that range, and is written in one SQLite transaction
// that deletes the cached rows of the range, inserts the answer,
// re-attaches the user's annotations and records how far the cache
// reaches. A crash before the commit leaves the previous state, after it
// the new one; re-running is idempotent. Pending transactions are replaced
// wholesale on every sync.
//
// The first sync of an account walks backwards from today in windows until
// several consecutive windows are empty (or a user-set earliest date);
// later syncs re-fetch an overlap before the newest fetched day (and never
// after the oldest cached pending transaction) up to today, which catches
// late postings, reorderings and back-dated postings.
//
// The bank is a small interface (Bank); NewInvestecBank adapts the real
// client. Reads from the bank are retried only when the bank asks for it
// (rate limiting); sync never writes to the bank.
package sync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
)

// Bank is what sync needs from Investec. Every method only reads.
type Bank interface {
	// Accounts lists the accounts the connection can see.
	Accounts(ctx context.Context) ([]domain.Account, error)
	// Balance returns an account's current balance.
	Balance(ctx context.Context, accountID string) (domain.Balance, error)
	// Transactions returns every posted transaction of the account with a
	// posting date in [from, to] (YYYY-MM-DD, inclusive): the complete
	// window, every page of it, or an error.
	Transactions(ctx context.Context, accountID, from, to string) ([]domain.Transaction, error)
	// Pending returns the account's pending transactions.
	Pending(ctx context.Context, accountID string) ([]domain.Transaction, error)
	// Beneficiaries lists the connection's beneficiaries.
	Beneficiaries(ctx context.Context) ([]domain.Beneficiary, error)
	// Documents lists an account's documents dated in [from, to].
	Documents(ctx context.Context, accountID, from, to string) ([]domain.Document, error)
}

// RetryAfterError is implemented by the client's rate-limit error: the bank
// asked to wait that long before asking again.
type RetryAfterError interface {
	error
	RetryAfter() time.Duration
}

// ErrNotSupported may be returned (wrapped) by a Bank for something the
// account cannot have (pending transactions or documents of a business
// account, say); sync skips that part.
var ErrNotSupported = errors.New("not supported for this account")

// SettingEarliestDate is the store setting (YYYY-MM-DD) below which the
// backfill never goes, when Options.EarliestDate is empty.
const SettingEarliestDate = "sync.earliestDate"

// SAST is South African Standard Time (UTC+2, no daylight saving): the
// bank's dates are South African dates.
var SAST = time.FixedZone("SAST", 2*60*60)

// Options tune a Syncer. Zero values take the defaults in brackets.
type Options struct {
	// WindowDays is the size of one fetch window (90).
	WindowDays int
	// OverlapDays is how far before the newest fetched day an incremental
	// sync starts (10).
	OverlapDays int
	// EmptyWindowsToStop ends the backfill after that many consecutive
	// empty windows (4, a year of nothing at 90 days a window).
	EmptyWindowsToStop int
	// EarliestDate (YYYY-MM-DD) stops the backfill there; "" reads
	// SettingEarliestDate from the store, and failing that there is no
	// limit other than MinDate.
	EarliestDate string
	// MinDate is a hard floor for the backfill ("1990-01-01").
	MinDate string
	// DocumentYears is how many years of document listings to refresh (2).
	DocumentYears int
	// Now is the clock (time.Now); Location the bank's time zone (SAST).
	Now      func() time.Time
	Location *time.Location
	// Progress receives progress events; it must not block for long.
	Progress func(domain.SyncProgress)
	// Sleep waits d or until ctx ends (a real timer by default).
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxRateLimitWaits bounds how often one call is retried after the bank
	// asked to wait (5); MaxWait caps one wait (2 minutes).
	MaxRateLimitWaits int
	MaxWait           time.Duration
	// Logger gets diagnostics (slog.Default()). It never sees a secret:
	// sync handles none.
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.WindowDays <= 0 {
		o.WindowDays = 90
	}
	if o.OverlapDays <= 0 {
		o.OverlapDays = 10
	}
	if o.EmptyWindowsToStop <= 0 {
		o.EmptyWindowsToStop = 4
	}
	if o.MinDate == "" {
		o.MinDate = "1990-01-01"
	}
	if o.DocumentYears <= 0 {
		o.DocumentYears = 2
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = SAST
	}
	if o.Progress == nil {
		o.Progress = func(domain.SyncProgress) {}
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.MaxRateLimitWaits <= 0 {
		o.MaxRateLimitWaits = 5
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 2 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Syncer syncs one cache with one bank. It is safe for concurrent use; at
// most one Run is in progress at a time, in this process or any other
// using the same cache file.
type Syncer struct {
	st      *store.Store
	bank    Bank
	opts    Options
	running atomic.Bool
}

// New returns a Syncer writing to st from bank.
func New(st *store.Store, bank Bank, opts Options) *Syncer {
	return &Syncer{st: st, bank: bank, opts: opts.withDefaults()}
}

// Running reports whether a Run is in progress in this process.
func (s *Syncer) Running() bool { return s.running.Load() }

// Run syncs every account once and records the run in sync_runs.
//
// It returns a CodeConflict error at once if another run is in progress.
// One account's failure does not stop the others: the run then finishes
// with Failed > 0 and the first failure's code and message in the returned
// SyncRun, and a nil error. A failing balance, document list or
// beneficiary list sets the run's code and message without counting an
// account as failed; a permission the API key lacks is not a failure. The error is non-nil only when the run as a
// whole failed: the account list could not be fetched, the cache could not
// be written, or ctx was cancelled (CodeCancelled). Whatever is written is
// written window by window, so an interrupted run leaves a consistent cache
// that the next run completes.
func (s *Syncer) Run(ctx context.Context, trigger string) (domain.SyncRun, error) {
	if !s.running.CompareAndSwap(false, true) {
		return domain.SyncRun{}, domain.Errorf(domain.CodeConflict, "A sync is already running.")
	}
	defer s.running.Store(false)
	lock, err := s.st.TryLockSync()
	if err != nil {
		return domain.SyncRun{}, err
	}
	defer func() { _ = lock.Unlock() }()

	run, err := s.st.StartSyncRun(ctx, trigger)
	if err != nil {
		return run, fmt.Errorf("start sync: %w", err)
	}
	r := &runner{s: s, run: run, opts: s.opts}
	runErr := r.do(ctx)
	if runErr != nil {
		if ctx.Err() != nil || errors.Is(runErr, context.Canceled) {
			runErr = domain.Wrap(runErr, domain.CodeCancelled, "Sync cancelled.")
		}
		r.run.ErrorCode, r.run.ErrorMessage = domain.ErrorCode(runErr), domain.ErrorMessage(runErr)
		s.opts.Logger.Warn("sync failed", "run", r.run.ID, "code", r.run.ErrorCode, "err", runErr)
	}
	// The record is written even when ctx was cancelled.
	finished, err := s.st.FinishSyncRun(context.WithoutCancel(ctx), r.run)
	if err != nil && runErr == nil {
		runErr = fmt.Errorf("record sync: %w", err)
	}
	r.emit(domain.SyncProgress{Phase: domain.PhaseFinished, Message: finished.ErrorMessage})
	return finished, runErr
}

// bankError gives a failed bank call a safe message, so a raw transport
// error never reaches a person.
func bankError(err error, what string) error {
	var de *domain.Error
	if errors.As(err, &de) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return domain.Wrap(err, domain.CodeBankError, "Could not fetch "+what+" from Investec.")
}
