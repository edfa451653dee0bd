package sync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	gosync "sync"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
)

// InvestecBank adapts the Investec API client to Bank, converting wire
// types to domain types and client errors to domain errors (keeping the
// rate-limit wait the bank asked for).
//
// A Private Banking connection uses the /za/pb endpoints. A business (CIB)
// connection uses /za/bb: its transactions are paged, and a window is
// returned only once every page of it has arrived; its balances come with
// the account list; it has no pending transactions, documents or
// beneficiaries (those calls return ErrNotSupported).
type InvestecBank struct {
	c        *investec.Client
	business bool
	log      *slog.Logger

	mu          gosync.Mutex
	cibBalances map[string]domain.Balance
}

// NewInvestecBank returns a Bank backed by c. business selects the CIB
// endpoints.
func NewInvestecBank(c *investec.Client, business bool, log *slog.Logger) *InvestecBank {
	if log == nil {
		log = slog.Default()
	}
	return &InvestecBank{c: c, business: business, log: log, cibBalances: map[string]domain.Balance{}}
}

// rateLimited carries the client's rate-limit error with the wait Investec
// asked for, as RetryAfterError.
type rateLimited struct {
	wait time.Duration
	err  error // the *domain.Error for the rate limit
}

func (r rateLimited) Error() string             { return r.err.Error() }
func (r rateLimited) Unwrap() error             { return r.err }
func (r rateLimited) RetryAfter() time.Duration { return r.wait }

// defaultRateLimitWait is used when a 429 names no wait.
const defaultRateLimitWait = 5 * time.Second

// convertError turns a client error into a domain error, keeping a rate
// limit's wait visible to the sync engine.
func convertError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var rl *investec.RateLimitError
	if errors.As(err, &rl) {
		wait := rl.RetryAfter
		if wait <= 0 {
			wait = defaultRateLimitWait
		}
		return rateLimited{wait: wait, err: investec.DomainError(err)}
	}
	return investec.DomainError(err)
}

// Accounts implements Bank.
func (b *InvestecBank) Accounts(ctx context.Context) ([]domain.Account, error) {
	if !b.business {
		list, err := b.c.ListAccounts(ctx)
		if err != nil {
			return nil, convertError(err)
		}
		out := make([]domain.Account, len(list))
		for i, a := range list {
			out[i] = a.ToDomain()
		}
		return out, nil
	}
	list, err := b.c.ListCIBAccounts(ctx)
	if err != nil {
		return nil, convertError(err)
	}
	out := make([]domain.Account, 0, len(list))
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, a := range list {
		out = append(out, domain.Account{
			ID: a.AccountID, Number: a.AccountNumber, Name: a.AccountName, ReferenceName: a.NickName,
			ProductName: a.AccountType, Kind: domain.AccountBusiness, KYCCompliant: true,
		})
		b.cibBalances[a.AccountID] = domain.Balance{
			AccountID: a.AccountID, Current: a.Balances.ClosingBalance.Money(),
			Available: a.Balances.AvailableBalance.Money(), Currency: a.CurrencyCode,
		}
	}
	return out, nil
}

// Balance implements Bank. For a business account it is the balance that
// came with the last account list.
func (b *InvestecBank) Balance(ctx context.Context, accountID string) (domain.Balance, error) {
	if b.business {
		b.mu.Lock()
		defer b.mu.Unlock()
		bal, ok := b.cibBalances[accountID]
		if !ok {
			return domain.Balance{}, ErrNotSupported
		}
		return bal, nil
	}
	bal, err := b.c.GetBalance(ctx, accountID)
	if err != nil {
		return domain.Balance{}, convertError(err)
	}
	return bal.ToDomain(time.Now()), nil
}

// Transactions implements Bank: the posted transactions with a posting
// date in [from, to]. For a business account every page is fetched before
// anything is returned.
func (b *InvestecBank) Transactions(ctx context.Context, accountID, from, to string) ([]domain.Transaction, error) {
	if b.business {
		return b.cibTransactions(ctx, accountID, from, to)
	}
	list, err := b.c.ListTransactions(ctx, accountID, &investec.TransactionsOptions{FromDate: from, ToDate: to})
	if err != nil {
		return nil, convertError(err)
	}
	out := make([]domain.Transaction, 0, len(list))
	for _, t := range list {
		d := t.ToDomain()
		if d.Status != domain.Posted {
			continue // posted only; pending rows are fetched separately
		}
		if d.AccountID == "" {
			d.AccountID = accountID
		}
		out = append(out, d)
	}
	return out, nil
}

// cibTransactions reads every page of a CIB window. CIB rows have no
// posted order or derived uuid: the order is the bank's order within a
// day, and the uuid is the CIB transaction ID. The direction comes from
// the amount's sign.
func (b *InvestecBank) cibTransactions(ctx context.Context, accountID, from, to string) ([]domain.Transaction, error) {
	var out []domain.Transaction
	order := map[string]int64{}
	dropped := 0
	for t, err := range b.c.CIBTransactions(ctx, accountID, &investec.CIBTransactionsOptions{FromDate: from, ToDate: to}) {
		if err != nil {
			return nil, convertError(err)
		}
		posting := t.CaptureDateISO()
		if posting == "" {
			posting = t.ValueDateISO()
		}
		if posting < from || posting > to {
			// The window is defined by this date; a row dated elsewhere
			// belongs to (and is fetched with) another window.
			dropped++
			continue
		}
		order[posting]++
		amount := t.Amount.Money()
		dir := domain.Credit
		if amount < 0 {
			dir = domain.Debit
		}
		var rb *domain.Money
		if t.RunningBalance != nil {
			m := t.RunningBalance.Money()
			rb = &m
		}
		out = append(out, domain.Transaction{
			AccountID: accountID, Type: dir, TransactionType: t.TransactionCode, Status: domain.Posted,
			Description: t.Description, CardNumber: t.CardNumber, PostedOrder: order[posting],
			PostingDate: posting, ValueDate: t.ValueDateISO(), ActionDate: posting,
			TransactionDate: t.ValueDateISO(), Amount: amount.Abs(), SignedAmount: domain.Signed(dir, amount.Abs()),
			RunningBalance: rb, UUID: t.TransactionID,
		})
	}
	if dropped > 0 {
		b.log.Warn("sync: CIB rows dated outside their window", "account", accountID, "from", from, "to", to, "rows", dropped)
	}
	return out, nil
}

// Pending implements Bank.
func (b *InvestecBank) Pending(ctx context.Context, accountID string) ([]domain.Transaction, error) {
	if b.business {
		return nil, ErrNotSupported
	}
	list, err := b.c.ListPendingTransactions(ctx, accountID)
	if err != nil {
		return nil, convertError(err)
	}
	out := make([]domain.Transaction, len(list))
	for i, t := range list {
		out[i] = t.ToDomain()
		out[i].Status = domain.Pending
		if out[i].AccountID == "" {
			out[i].AccountID = accountID
		}
	}
	return out, nil
}

// Beneficiaries implements Bank.
func (b *InvestecBank) Beneficiaries(ctx context.Context) ([]domain.Beneficiary, error) {
	if b.business {
		return nil, ErrNotSupported
	}
	list, err := b.c.ListBeneficiaries(ctx)
	if err != nil {
		return nil, convertError(err)
	}
	out := make([]domain.Beneficiary, len(list))
	for i, x := range list {
		out[i] = x.ToDomain()
	}
	return out, nil
}

// Documents implements Bank.
func (b *InvestecBank) Documents(ctx context.Context, accountID, from, to string) ([]domain.Document, error) {
	if b.business {
		return nil, ErrNotSupported
	}
	list, err := b.c.ListDocuments(ctx, accountID, from, to)
	if err != nil {
		return nil, convertError(err)
	}
	out := make([]domain.Document, len(list))
	for i, d := range list {
		out[i] = domain.Document{AccountID: accountID, DocumentType: d.DocumentType, DocumentDate: d.DocumentDate}
	}
	return out, nil
}

var _ Bank = (*InvestecBank)(nil)

// String describes the adapter without any credential.
func (b *InvestecBank) String() string {
	return fmt.Sprintf("InvestecBank{%s business=%v}", b.c.BaseURL(), b.business)
}
