package export

import (
	"context"
	"io"
	"iter"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Source is where an export reads the cached data. The core implements it
// over the store.
type Source interface {
	// Accounts returns the accounts with the given IDs in that order, or
	// every account when ids is empty. An unknown ID is an error.
	Accounts(ctx context.Context, ids []string) ([]domain.Account, error)
	// Posted yields one account's posted transactions whose posting date
	// lies in [from, to] (YYYY-MM-DD, inclusive), in the bank's order:
	// posting date, then posted order.
	Posted(ctx context.Context, accountID, from, to string) iter.Seq2[domain.Transaction, error]
	// Pending yields the account's pending transactions.
	Pending(ctx context.Context, accountID string) iter.Seq2[domain.Transaction, error]
	// BroughtForward returns the account's balance at the start of the day
	// from: the running balance of the last posted transaction before it.
	// ok is false when the cache holds no earlier transaction with a
	// running balance.
	BroughtForward(ctx context.Context, accountID, from string) (balance domain.Money, ok bool, err error)
}

// Counter is optionally implemented by a Source that can count an account's
// posted transactions cheaply, so progress can report a total.
type Counter interface {
	CountPosted(ctx context.Context, accountID, from, to string) (int64, error)
}

// DocumentSource gives the bank's documents (statements, tax certificates)
// for the accountant pack. The core implements it over the local archive,
// downloading what is missing.
type DocumentSource interface {
	// Documents lists the documents of the given accounts dated within
	// [from, to].
	Documents(ctx context.Context, accountIDs []string, from, to string) ([]domain.Document, error)
	// Open returns the document's content. The caller closes it.
	Open(ctx context.Context, doc domain.Document) (io.ReadCloser, error)
}

// ProgressFunc receives progress events. It is called on the exporting
// goroutine and must return quickly; nil means no progress is reported.
type ProgressFunc func(domain.ExportProgress)

// Request says what to export.
type Request struct {
	// Period is the range of posting dates; see domain.ResolvePeriod.
	Period domain.Period
	// AccountIDs are the accounts to export, in order; empty means all.
	AccountIDs []string
	// ConnectionName names the connection the data came from (shown on the
	// Summary sheet and in the manifest).
	ConnectionName string
	// Now is the generation time, shown in local time; zero means
	// time.Now().
	Now time.Time
}

func (r Request) now() time.Time {
	if r.Now.IsZero() {
		return time.Now()
	}
	return r.Now
}

func (r Request) validate() error {
	if err := r.Period.Validate(); err != nil {
		return err
	}
	return nil
}

// progressEvery is how many rows pass between two progress events.
const progressEvery = 2000

// reporter sends throttled progress events for one phase.
type reporter struct {
	fn    ProgressFunc
	ev    domain.ExportProgress
	since int
}

func (r *reporter) start(phase domain.ExportPhase, file string, total int64) {
	r.ev = domain.ExportProgress{Phase: phase, File: file, Total: total}
	r.since = 0
	r.send()
}

func (r *reporter) account(id string) {
	r.ev.AccountID = id
}

func (r *reporter) row() {
	r.ev.Rows++
	r.since++
	if r.since >= progressEvery {
		r.since = 0
		r.send()
	}
}

func (r *reporter) send() {
	if r.fn != nil {
		r.fn(r.ev)
	}
}

// countAll sums the posted transactions of the accounts when src can count
// them, or returns 0 (unknown).
func countAll(ctx context.Context, src Source, accounts []domain.Account, p domain.Period) int64 {
	c, ok := src.(Counter)
	if !ok {
		return 0
	}
	var total int64
	for _, a := range accounts {
		n, err := c.CountPosted(ctx, a.ID, p.From, p.To)
		if err != nil {
			return 0
		}
		total += n
	}
	return total
}
