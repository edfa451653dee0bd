package investec

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// TransactionsOptions filter ListTransactions. Zero values are not sent, so
// Investec applies its defaults (the last 180 days up to today). Dates are
// YYYY-MM-DD and filter on the posting date.
type TransactionsOptions struct {
	FromDate        string // YYYY-MM-DD, inclusive
	ToDate          string // YYYY-MM-DD, inclusive
	TransactionType string // e.g. "CardPurchases", "FeesAndInterest"
	// IncludePending merges pending transactions into the list. Merged
	// pending rows have no posting, value or action date and no card
	// number.
	IncludePending bool
}

func (o *TransactionsOptions) query() url.Values {
	q := url.Values{}
	if o == nil {
		return q
	}
	if o.FromDate != "" {
		q.Set("fromDate", o.FromDate)
	}
	if o.ToDate != "" {
		q.Set("toDate", o.ToDate)
	}
	if o.TransactionType != "" {
		q.Set("transactionType", o.TransactionType)
	}
	if o.IncludePending {
		q.Set("includePending", "true")
	}
	return q
}

// Transaction is a Private Banking transaction, posted or pending.
//
// Amount is always positive; Type gives the direction. Description has its
// HTML escaping undone. Dates are YYYY-MM-DD, or "" where the API sends null
// (pending rows). RunningBalance is nil when absent (pending rows). UUID is
// Investec's derived key (account suffix, posting date, posted order), not a
// bank transaction ID, and is empty for pending rows and on the sandbox.
type Transaction struct {
	AccountID       string           `json:"accountId"`
	Type            domain.Direction `json:"type"`
	TransactionType string           `json:"transactionType"`
	Status          domain.Status    `json:"status"`
	Description     string           `json:"description"`
	CardNumber      string           `json:"cardNumber"`
	PostedOrder     int64            `json:"postedOrder"`
	PostingDate     string           `json:"postingDate"`
	ValueDate       string           `json:"valueDate"`
	ActionDate      string           `json:"actionDate"`
	TransactionDate string           `json:"transactionDate"`
	Amount          Amount           `json:"amount"`
	RunningBalance  *Amount          `json:"runningBalance,omitempty"`
	UUID            string           `json:"uuid"`
}

// UnmarshalJSON decodes a transaction, unescaping its description once and
// accepting postedOrder as a number or a string.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	type plain Transaction
	aux := struct {
		*plain
		PostedOrder flexInt `json:"postedOrder"`
	}{plain: (*plain)(t)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	t.PostedOrder = int64(aux.PostedOrder)
	t.Description = unescapeText(t.Description)
	return nil
}

// ToDomain converts t to the shared domain.Transaction (without local ID,
// category or note). SignedAmount is negative for debits.
func (t Transaction) ToDomain() domain.Transaction {
	status := t.Status
	if status == "" {
		status = domain.Posted
	}
	return domain.Transaction{
		AccountID:       t.AccountID,
		Type:            t.Type,
		TransactionType: t.TransactionType,
		Status:          status,
		Description:     t.Description,
		CardNumber:      t.CardNumber,
		PostedOrder:     t.PostedOrder,
		PostingDate:     t.PostingDate,
		ValueDate:       t.ValueDate,
		ActionDate:      t.ActionDate,
		TransactionDate: t.TransactionDate,
		Amount:          t.Amount.Money(),
		SignedAmount:    domain.Signed(t.Type, t.Amount.Money()),
		RunningBalance:  moneyPtr(t.RunningBalance),
		UUID:            t.UUID,
	}
}

// maxTransactionPages bounds how many pages ListTransactions follows.
const maxTransactionPages = 1000

// ListTransactions returns an account's transactions. opts may be nil.
//
// Investec documents no paging for this endpoint and every answer seen has
// meta.totalPages 1. Should an answer report more pages, the client fetches
// them with the page parameter (as the CIB endpoint and an older wiki page
// use) rather than silently returning part of the window; if the server
// ignores the parameter the call fails instead of returning duplicates.
//
// Investec API docs: accountsTransactions
func (c *Client) ListTransactions(ctx context.Context, accountID string, opts *TransactionsOptions) ([]Transaction, error) {
	base := escapePath("/za/pb/v1/accounts/%s/transactions", accountID)
	var all []Transaction
	var firstOfPrevious *Transaction
	for page, total := 1, 1; page <= total; page++ {
		q := opts.query()
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		req, err := c.newRequest(ctx, http.MethodGet, withQuery(base, q), nil)
		if err != nil {
			return nil, err
		}
		var env envelope[struct {
			Transactions []Transaction `json:"transactions"`
		}]
		if err := c.do(req, &env); err != nil {
			return nil, err
		}
		rows := env.Data.Transactions
		if page > 1 && len(rows) > 0 && firstOfPrevious != nil && sameTransaction(*firstOfPrevious, rows[0]) {
			return nil, &DecodeError{Method: http.MethodGet, Path: base,
				Err: fmt.Errorf("page %d repeats page %d: the server does not page this endpoint", page, page-1)}
		}
		if len(rows) > 0 {
			first := rows[0]
			firstOfPrevious = &first
		}
		all = append(all, rows...)
		if page == 1 {
			total = int(env.Meta.TotalPages)
			if total > maxTransactionPages {
				return nil, &DecodeError{Method: http.MethodGet, Path: base,
					Err: fmt.Errorf("totalPages %d is over the limit of %d", total, maxTransactionPages)}
			}
		}
	}
	return all, nil
}

// ListPendingTransactions returns an account's pending (not yet posted)
// transactions, which carry only accountId, type, status, description,
// transactionDate and amount. The spec's schema puts them under
// data.PendingTransaction while its example and the live API use
// data.transactions: both are read.
//
// Investec API docs: accountsPendingTransactions
func (c *Client) ListPendingTransactions(ctx context.Context, accountID string) ([]Transaction, error) {
	req, err := c.newRequest(ctx, http.MethodGet, escapePath("/za/pb/v1/accounts/%s/pending-transactions", accountID), nil)
	if err != nil {
		return nil, err
	}
	var env envelope[pendingData]
	if err := c.do(req, &env); err != nil {
		return nil, err
	}
	rows := append(env.Data.Transactions, env.Data.PendingTransaction...)
	for i := range rows {
		if rows[i].Status == "" {
			rows[i].Status = domain.Pending
		}
	}
	return rows, nil
}

// pendingData reads both keys the pending transactions may come under.
// encoding/json matches keys case-insensitively, so the two names must stay
// distinct beyond case (they are).
type pendingData struct {
	Transactions       []Transaction `json:"transactions"`
	PendingTransaction []Transaction `json:"PendingTransaction"`
}

// sameTransaction reports whether a and b are the same row (every field
// equal, running balances compared by value).
func sameTransaction(a, b Transaction) bool {
	ra, rb := a.RunningBalance, b.RunningBalance
	a.RunningBalance, b.RunningBalance = nil, nil
	if a != b || (ra == nil) != (rb == nil) {
		return false
	}
	return ra == nil || *ra == *rb
}

// errNoData is used when an answer lacks the field an operation needs.
var errNoData = errors.New("the answer has no data")
