package sandbox

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/investec-desk/investec-desk/backend/cardcode"
)

// txType is a transaction's Investec "transactionType" category.
type txType uint8

// The transaction types the sandbox generates, named as Investec names them.
const (
	ttCardPurchases txType = iota
	ttATMWithdrawals
	ttOnlineBankingPayments
	ttDeposits
	ttDebitOrders
	ttFasterPay
	ttFeesAndInterest
	ttTransfers
	ttVASTransactions
	numTxTypes
)

var txTypeNames = [numTxTypes]string{
	"CardPurchases",
	"ATMWithdrawals",
	"OnlineBankingPayments",
	"Deposits",
	"DebitOrders",
	"FasterPay",
	"FeesAndInterest",
	"Transfers",
	"VASTransactions",
}

func (t txType) String() string {
	if t < numTxTypes {
		return txTypeNames[t]
	}
	return ""
}

// parseTxType maps an Investec transactionType to a txType.
func parseTxType(s string) (txType, bool) {
	for i, n := range txTypeNames {
		if n == s {
			return txType(i), true
		}
	}
	return 0, false
}

// txn is one transaction in an account's ledger. It is 48 bytes so a
// million fit in well under 100 MB: strings are interned and dates are day
// numbers.
type txn struct {
	id      uint32 // stable within a server's history; see TxID
	posting day    // posting date; meaningless while pending
	txDate  day    // transaction date (card swiped, payment issued)
	value   day    // value date
	action  day    // action date
	order   int32  // postedOrder; 0 while pending
	amount  int64  // cents, always positive
	balance int64  // running balance in cents after this row (posted rows)
	desc    uint32 // index into the server's string table
	card    uint16 // index into cardNumbers; 0 means not a card transaction
	kind    txType
	credit  bool
}

// signed returns the amount with the sign of its direction.
func (t *txn) signed() int64 {
	if t.credit {
		return t.amount
	}
	return -t.amount
}

// account is one bank account and its ledger.
type account struct {
	id          string // 25-digit accountId (or a short CIB id)
	number      string // 11-digit account number
	name        string // accountName
	reference   string // referenceName (the owner's nickname)
	product     string // productName
	profile     int    // index into Server.profiles; -1 for CIB accounts
	cib         bool   // a CIB (business banking) account served under /za/bb
	facility    int64  // overdraft/credit facility in cents (available = current + facility - holds)
	opening     int64  // balance before the first ledger row
	statementDD int    // day of month statements are issued
	dualAuth    bool   // payments need two authorisers
	interestBPS int64  // credit interest rate in basis points per year
	currency    string

	posted    []txn // sorted by (posting, order)
	pending   []txn // not yet posted, sorted by (txDate, id); posting holds the scheduled date
	nextOrder int32 // next postedOrder to hand out
}

// current returns the current (posted) balance.
func (a *account) current() int64 {
	if n := len(a.posted); n > 0 {
		return a.posted[n-1].balance
	}
	return a.opening
}

// holds returns the total of pending debits, which reduce the available
// balance as card authorisations do.
func (a *account) holds(upto day) int64 {
	var h int64
	for i := range a.pending {
		p := &a.pending[i]
		if !p.credit && p.txDate <= upto {
			h += p.amount
		}
	}
	return h
}

// lastOrderOn returns the highest postedOrder on day d and whether the day
// has any posted rows.
func (a *account) lastOrderOn(d day) (int32, bool) {
	i := a.dayEnd(d)
	if i == 0 || a.posted[i-1].posting != d {
		return 0, false
	}
	return a.posted[i-1].order, true
}

// dayStart returns the index of the first posted row with posting >= d.
func (a *account) dayStart(d day) int {
	return sort.Search(len(a.posted), func(i int) bool { return a.posted[i].posting >= d })
}

// dayEnd returns the index of the first posted row with posting > d.
func (a *account) dayEnd(d day) int {
	return sort.Search(len(a.posted), func(i int) bool { return a.posted[i].posting > d })
}

// rebalance recomputes running balances from index i to the end.
func (a *account) rebalance(i int) {
	bal := a.opening
	if i > 0 {
		bal = a.posted[i-1].balance
	}
	for j := i; j < len(a.posted); j++ {
		bal += a.posted[j].signed()
		a.posted[j].balance = bal
	}
}

// appendPosted appends t as the last posted row on day d, giving it the next
// postedOrder. d must not be earlier than the last posted day.
func (a *account) appendPosted(t txn, d day) {
	t.posting = d
	if n := len(a.posted); n > 0 && a.posted[n-1].posting == d && a.posted[n-1].order >= a.nextOrder {
		// A test hook shifted today's orders up: stay above them.
		a.nextOrder = a.posted[n-1].order + 1
	}
	t.order = a.nextOrder
	a.nextOrder += 1 + int32(t.id%3)/2 // gaps, as in real data (11050, 11053, ...)
	t.balance = a.current() + t.signed()
	a.posted = append(a.posted, t)
}

// insertPosted inserts t at the end of day d (which may be in the past),
// ordering it after that day's rows, and recomputes the balances after it.
func (a *account) insertPosted(t txn, d day) {
	i := a.dayEnd(d)
	if i == len(a.posted) {
		a.appendPosted(t, d)
		return
	}
	t.posting = d
	if last, ok := a.lastOrderOn(d); ok {
		t.order = last + 1
	} else {
		// An empty day in the past: borrow the order the next day starts at,
		// minus a gap, so the number still looks like the bank's sequence.
		t.order = max(1, a.posted[i].order-1)
	}
	a.posted = append(a.posted, txn{})
	copy(a.posted[i+1:], a.posted[i:])
	a.posted[i] = t
	a.rebalance(i)
}

// findPosted returns the index of the posted row with id, or -1.
func (a *account) findPosted(id uint32) int {
	for i := len(a.posted) - 1; i >= 0; i-- {
		if a.posted[i].id == id {
			return i
		}
	}
	return -1
}

// findPending returns the index of the pending row with id, or -1.
func (a *account) findPending(id uint32) int {
	for i := range a.pending {
		if a.pending[i].id == id {
			return i
		}
	}
	return -1
}

// profile is an Investec profile: a person or an entity.
type profile struct {
	id         string
	name       string
	isDefault  bool
	categories []category
}

// category is a beneficiary category (user-created in Investec Online).
type category struct {
	id        string
	name      string
	isDefault bool
}

// beneficiary is a payee created in Investec Online.
type beneficiary struct {
	id                string
	accountNumber     string
	code              string // branch code
	bank              string
	beneficiaryName   string
	name              string
	referenceAccount  string
	referenceName     string
	cellNo            string // "" is sent as null
	email             string // "" is sent as null
	categoryIdx       int
	profile           int
	fasterPayment     bool
	approvedCategory  string // set for INVESTECAPPROVED beneficiaries
	lastPaymentDate   day    // 0 = never paid
	lastPaymentAmount int64
}

// authoriser is someone who can approve a payment on a dual-authorisation
// account.
type authoriser struct {
	id   string
	name string
}

// card is a programmable card.
type card struct {
	key         string
	number      string // masked with upper-case X, as the cards endpoint shows it
	txnNumber   uint16 // index into cardNumbers (lower-case x), as transactions show it
	account     int
	typeCode    string
	embossName  string
	embossName2 string
	virtual     bool
	enabled     bool // IsProgrammable
	expiry      string
	pan         string // full number, only ever sent encrypted
	cvv         string

	saved      *cardCode
	published  *cardCode
	seedCodeID string // the code that ran for the seeded executions
	env        envVars
	seededExec []cardcode.ExecutionItem // seeded simulations and declines
	executed   []cardcode.ExecutionItem // appended by execute, in order
}

// cardCode is a saved or published version of a card's code.
type cardCode struct {
	CodeID      string
	Code        string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt *time.Time
}

// envVars are a card's environment variables, kept as the JSON values the
// user sent so they round-trip exactly.
type envVars struct {
	Variables map[string]json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
}
