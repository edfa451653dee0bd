package domain

// Status is whether a transaction has settled.
type Status string

// The two statuses Investec reports.
const (
	Posted  Status = "POSTED"
	Pending Status = "PENDING"
)

// Transaction is one cached transaction with the user's annotation.
//
// Amount is always positive, as Investec reports it; Type gives the direction
// and SignedAmount the signed value. Dates are YYYY-MM-DD; pending
// transactions have no posting, value or action date and PostedOrder 0.
type Transaction struct {
	ID              int64     `json:"id"` // local row id; changes when a window is re-synced
	AccountID       string    `json:"accountId"`
	Type            Direction `json:"type"`
	TransactionType string    `json:"transactionType"`
	Status          Status    `json:"status"`
	Description     string    `json:"description"`
	CardNumber      string    `json:"cardNumber"`
	PostedOrder     int64     `json:"postedOrder"`
	PostingDate     string    `json:"postingDate"`
	ValueDate       string    `json:"valueDate"`
	ActionDate      string    `json:"actionDate"`
	TransactionDate string    `json:"transactionDate"`
	Amount          Money     `json:"amount"`
	SignedAmount    Money     `json:"signedAmount"`
	RunningBalance  *Money    `json:"runningBalance,omitempty"` // nil for pending rows
	UUID            string    `json:"uuid"`
	Category        string    `json:"category"`
	Note            string    `json:"note"`
}

// SortField names a column transactions can be ordered by.
type SortField string

// The sortable columns.
const (
	SortDate        SortField = "date" // posting date then posted order (the bank's order)
	SortAmount      SortField = "amount"
	SortDescription SortField = "description"
	SortType        SortField = "transactionType"
	SortCategory    SortField = "category"
)

// StatusFilter selects posted, pending or all transactions.
type StatusFilter string

// The status filters.
const (
	StatusAll     StatusFilter = "all"
	StatusPosted  StatusFilter = "posted"
	StatusPending StatusFilter = "pending"
)

// TransactionFilter selects, orders and pages cached transactions. Zero
// values mean "no constraint". Search is free text matched against
// descriptions with full-text search; it is never interpreted as query
// syntax.
type TransactionFilter struct {
	AccountIDs       []string     `json:"accountIds"`
	FromDate         string       `json:"fromDate"` // YYYY-MM-DD inclusive
	ToDate           string       `json:"toDate"`   // YYYY-MM-DD inclusive
	Direction        Direction    `json:"direction"`
	TransactionTypes []string     `json:"transactionTypes"`
	Status           StatusFilter `json:"status"`
	Categories       []string     `json:"categories"`
	MinAmount        *Money       `json:"minAmount,omitempty"` // on the positive amount
	MaxAmount        *Money       `json:"maxAmount,omitempty"`
	Search           string       `json:"search"`
	Sort             SortField    `json:"sort"`
	Descending       bool         `json:"descending"`
	Offset           int          `json:"offset"`
	Limit            int          `json:"limit"`
}

// TransactionTotals summarises every transaction a filter selects, not just
// the page returned.
type TransactionTotals struct {
	Count int64 `json:"count"`
	In    Money `json:"in"`
	Out   Money `json:"out"` // positive
	Net   Money `json:"net"`
}

// TransactionPage is one page of a filtered list plus the totals of the whole
// filtered set.
type TransactionPage struct {
	Rows   []Transaction     `json:"rows"`
	Totals TransactionTotals `json:"totals"`
	Offset int               `json:"offset"`
}

// Annotation is the user's own information about a transaction. It survives
// every re-sync.
type Annotation struct {
	Category string `json:"category"`
	Note     string `json:"note"`
}
