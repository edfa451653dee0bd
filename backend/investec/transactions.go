package investec

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

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
		body, err := c.doRaw(req)
		if err != nil {
			return nil, err
		}
		rows, totalPages, err := c.decodeTransactions(req, body)
		if err != nil {
			return nil, err
		}
		if page > 1 && len(rows) > 0 && firstOfPrevious != nil && sameTransaction(*firstOfPrevious, rows[0]) {
			return nil, &DecodeError{Method: http.MethodGet, Path: base,
				Err: fmt.Errorf("page %d repeats page %d: the server does not page this endpoint", page, page-1)}
		}
		if len(rows) > 0 {
			first := rows[0]
			firstOfPrevious = &first
		}
		switch {
		case len(rows) == 0:
		case all == nil:
			all = rows // the usual single page: no copy
		default:
			all = append(all, rows...)
		}
		if page == 1 {
			total = int(totalPages)
			if total > maxTransactionPages {
				return nil, &DecodeError{Method: http.MethodGet, Path: base,
					Err: fmt.Errorf("totalPages %d is over the limit of %d", total, maxTransactionPages)}
			}
		}
	}
	return all, nil
}

// decodeTransactions decodes one answer of the transactions endpoint: the
// rows and meta.totalPages. The common shape goes through
// scanTransactions; anything it leaves alone goes through encoding/json
// and Transaction.UnmarshalJSON, which give the same result (or the
// error).
func (c *Client) decodeTransactions(req *http.Request, body []byte) ([]Transaction, int64, error) {
	if rows, total, ok := scanTransactions(body); ok {
		return rows, total, nil
	}
	var env envelope[struct {
		Transactions []Transaction `json:"transactions"`
	}]
	if err := c.decode(req, body, &env); err != nil {
		return nil, 0, err
	}
	return env.Data.Transactions, int64(env.Meta.TotalPages), nil
}

// ListPendingTransactions returns an account's pending (not yet posted)
// transactions, which carry only accountId, type, status, description,
// transactionDate and amount. The spec's schema puts them under
// data.PendingTransaction while its example and the live API use
// data.transactions: both are read.
//
// Investec API docs: accountsPendingTransactions
func (c *Client) ListPendingTransactions(ctx context.Context, accountID string) ([]Transaction, error) {
	data, err := callData[pendingData](ctx, c, http.MethodGet, escapePath("/za/pb/v1/accounts/%s/pending-transactions", accountID), nil)
	if err != nil {
		return nil, err
	}
	rows := append(data.Transactions, data.PendingTransaction...)
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

// scanTransactions decodes an answer of the transactions endpoint in one
// pass over its bytes, without reflection: it is where a sync spends its
// decoding time, and encoding/json with Transaction.UnmarshalJSON reads
// every row several times over. The text is copied into one string and
// every value without escapes is a substring of it, so a row costs no
// allocation beyond its running balance (and an unescaped description).
// The rows keep that string alive, which costs little: they hold most of
// its text anyway.
//
// It handles the shape the bank sends: the documented keys spelt exactly,
// each at most once, values of the documented types, unknown keys with any
// value. Strings are decoded exactly as encoding/json decodes them. On
// anything else (a key that encoding/json would match regardless of case,
// a repeated key, a value of an unexpected type, an invalid amount, a
// syntax error) it reports false, and the caller decodes the answer with
// encoding/json instead, which gives the same rows or the error. So
// scanTransactions never has to reproduce an error or an oddity, only the
// result of a well-formed answer. (backend/sync's decode tests hold the two
// paths to the same result.)
func scanTransactions(body []byte) (rows []Transaction, totalPages int64, ok bool) {
	sc := &txScanner{s: string(body)}
	rows, totalPages = sc.envelope()
	sc.space()
	if sc.failed || sc.i != len(sc.s) {
		return nil, 0, false
	}
	return rows, totalPages, true
}

// txScanner reads JSON text for scanTransactions. Its methods return zero
// values after a failure, which moves the position to the end, so the
// loops over objects and arrays end at once.
type txScanner struct {
	s      string
	i      int
	failed bool
}

// maxScanDepth bounds the nesting of unknown values the scanner skips;
// deeper ones are left to encoding/json.
const maxScanDepth = 32

func (sc *txScanner) fail() {
	sc.failed = true
	sc.i = len(sc.s)
}

// space skips JSON whitespace.
func (sc *txScanner) space() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

// peek returns the next byte after whitespace, or 0 at the end.
func (sc *txScanner) peek() byte {
	sc.space()
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

// accept consumes c if it comes next.
func (sc *txScanner) accept(c byte) bool {
	if sc.peek() == c {
		sc.i++
		return true
	}
	return false
}

// object reads an object, calling field for each key with the position on
// its value; field must consume the value. A null object calls nothing.
func (sc *txScanner) object(field func(key string)) {
	sc.sequence('{', '}', func() {
		key := sc.key()
		if !sc.accept(':') {
			sc.fail()
			return
		}
		field(key)
	})
}

// sequence reads the comma-separated members of an object or an array
// between open and close, calling member at the start of each; member must
// consume it. A null calls nothing.
func (sc *txScanner) sequence(open, close byte, member func()) {
	if sc.null() {
		return
	}
	if !sc.accept(open) {
		sc.fail()
		return
	}
	if sc.accept(close) {
		return
	}
	for !sc.failed {
		member()
		if sc.accept(',') {
			continue
		}
		if !sc.accept(close) {
			sc.fail()
		}
		return
	}
}

// key reads an object key. Keys with escapes or non-ASCII bytes are left
// to encoding/json (its case-insensitive matching folds some non-ASCII
// letters into ASCII ones).
func (sc *txScanner) key() string {
	tok := sc.stringToken()
	for i := 1; i < len(tok)-1; i++ {
		if c := tok[i]; c == '\\' || c >= utf8.RuneSelf {
			sc.fail()
			return ""
		}
	}
	if tok == "" {
		return ""
	}
	return tok[1 : len(tok)-1]
}

// unknownKey skips the value of a key the caller does not use, failing if
// encoding/json would take the key for one of names.
func (sc *txScanner) unknownKey(key string, names ...string) {
	for _, n := range names {
		if strings.EqualFold(key, n) {
			sc.fail()
			return
		}
	}
	sc.skip(0)
}

// seen marks field bit as read, failing if it was read before (encoding/json
// would let the last one win; that is left to it).
func (sc *txScanner) seen(mask *uint32, bit uint32) {
	if *mask&bit != 0 {
		sc.fail()
	}
	*mask |= bit
}

// null consumes a null literal if it comes next.
func (sc *txScanner) null() bool {
	if sc.peek() == 'n' && strings.HasPrefix(sc.s[sc.i:], "null") {
		sc.i += len("null")
		return true
	}
	return false
}

// stringToken reads a string and returns its raw token, quotes included.
// Escapes are checked, control characters refused.
func (sc *txScanner) stringToken() string {
	if sc.peek() != '"' {
		sc.fail()
		return ""
	}
	start := sc.i
	for i := start + 1; i < len(sc.s); i++ {
		switch c := sc.s[i]; {
		case c == '"':
			sc.i = i + 1
			return sc.s[start:sc.i]
		case c < 0x20:
			sc.fail()
			return ""
		case c == '\\':
			i++
			if i >= len(sc.s) {
				break
			}
			switch sc.s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(sc.s) || !isHex4(sc.s[i+1:i+5]) {
					sc.fail()
					return ""
				}
				i += 4
			default:
				sc.fail()
				return ""
			}
		}
	}
	sc.fail() // unterminated
	return ""
}

func isHex4(s string) bool {
	for i := range 4 {
		c := s[i]
		isDigit := '0' <= c && c <= '9'
		isLetter := 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
		if !isDigit && !isLetter {
			return false
		}
	}
	return true
}

// text reads a string value as encoding/json reads one into a string
// that holds old: null keeps old; a string without escapes in valid UTF-8
// is its own text (a substring, no copy); any other is decoded.
func (sc *txScanner) text(old string) string {
	if sc.null() {
		return old
	}
	tok := sc.stringToken()
	if sc.failed {
		return old
	}
	inner := tok[1 : len(tok)-1]
	if strings.IndexByte(inner, '\\') < 0 && utf8.ValidString(inner) {
		return inner
	}
	return decodeJSONString(inner)
}

// decodeJSONString returns the text of the inside of a JSON string token
// whose escapes stringToken has checked, decoded as encoding/json decodes
// it: escapes undone, a \u surrogate pair joined into one character (a
// lone surrogate becomes U+FFFD), each byte of invalid UTF-8 replaced by
// U+FFFD.
func decodeJSONString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			e := s[i+1]
			i += 2
			switch e {
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r := hex4(s[i:])
				i += 4
				if utf16.IsSurrogate(r) {
					if strings.HasPrefix(s[i:], `\u`) {
						if pair := utf16.DecodeRune(r, hex4(s[i+2:])); pair != utf8.RuneError {
							b.WriteRune(pair)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				b.WriteRune(r)
			default: // '"', '\\', '/'
				b.WriteByte(e)
			}
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// hex4 reads the four hex digits that begin s (checked by stringToken).
func hex4(s string) rune {
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// number reads a JSON number and returns its token.
func (sc *txScanner) number() string {
	sc.space()
	s, start := sc.s, sc.i
	i := start
	digits := func() bool {
		from := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > from
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case !digits():
		sc.fail()
		return ""
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			sc.fail()
			return ""
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			sc.fail()
			return ""
		}
	}
	sc.i = i
	return s[start:i]
}

// scalarToken reads a number, string or null and returns its raw token.
func (sc *txScanner) scalarToken() string {
	switch c := sc.peek(); {
	case c == '"':
		return sc.stringToken()
	case c == 'n':
		if sc.null() {
			return "null"
		}
	case c == '-' || '0' <= c && c <= '9':
		return sc.number()
	}
	sc.fail()
	return ""
}

// skip reads any value and drops it.
func (sc *txScanner) skip(depth int) {
	if depth > maxScanDepth {
		sc.fail()
		return
	}
	switch c := sc.peek(); c {
	case '{':
		sc.object(func(string) { sc.skip(depth + 1) })
	case '[':
		sc.array(func() { sc.skip(depth + 1) })
	case '"':
		sc.stringToken()
	case 't', 'f', 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if strings.HasPrefix(sc.s[sc.i:], lit) {
				sc.i += len(lit)
				return
			}
		}
		sc.fail()
	default:
		sc.number()
	}
}

// array reads an array, calling elem with the position on each element;
// elem must consume it. A null array calls nothing.
func (sc *txScanner) array(elem func()) { sc.sequence('[', ']', elem) }

// envelope reads {"data": {"transactions": [...]}, "links": {"self": ...},
// "meta": {"totalPages": n}}.
func (sc *txScanner) envelope() (rows []Transaction, totalPages int64) {
	var keys uint32
	sc.object(func(key string) {
		switch key {
		case "data":
			sc.seen(&keys, 1)
			rows = sc.data()
		case "links":
			sc.seen(&keys, 2)
			sc.object(func(key string) {
				if key != "self" {
					sc.unknownKey(key, "self")
					return
				}
				sc.text("")
			})
		case "meta":
			sc.seen(&keys, 4)
			var metaKeys uint32
			sc.object(func(key string) {
				if key != "totalPages" {
					sc.unknownKey(key, "totalPages")
					return
				}
				sc.seen(&metaKeys, 1)
				n, err := wholeNumberToken(sc.scalarToken())
				if err != nil {
					sc.fail()
				}
				totalPages = n
			})
		default:
			sc.unknownKey(key, "data", "links", "meta")
		}
	})
	return rows, totalPages
}

// data reads {"transactions": [...]}.
func (sc *txScanner) data() (rows []Transaction) {
	var keys uint32
	sc.object(func(key string) {
		if key != "transactions" {
			sc.unknownKey(key, "transactions")
			return
		}
		sc.seen(&keys, 1)
		// A row takes about 350 bytes of JSON; a close guess saves
		// regrowing the slice.
		rows = make([]Transaction, 0, (len(sc.s)-sc.i)/350+1)
		sc.array(func() {
			if sc.peek() != '{' {
				sc.fail() // a null row and the like: encoding/json's business
				return
			}
			rows = append(rows, sc.transaction())
		})
	})
	return rows
}

// transactionFields are the keys of a row, in Transaction's order.
var transactionFields = []string{"accountId", "type", "transactionType", "status", "description", "cardNumber",
	"postedOrder", "postingDate", "valueDate", "actionDate", "transactionDate", "amount", "runningBalance", "uuid"}

// transaction reads one row as Transaction.UnmarshalJSON would.
func (sc *txScanner) transaction() Transaction {
	var t Transaction
	var keys uint32
	sc.object(func(key string) {
		switch key {
		case "accountId":
			sc.seen(&keys, 1<<0)
			t.AccountID = sc.text(t.AccountID)
		case "type":
			sc.seen(&keys, 1<<1)
			t.Type = domain.Direction(sc.text(string(t.Type)))
		case "transactionType":
			sc.seen(&keys, 1<<2)
			t.TransactionType = sc.text(t.TransactionType)
		case "status":
			sc.seen(&keys, 1<<3)
			t.Status = domain.Status(sc.text(string(t.Status)))
		case "description":
			sc.seen(&keys, 1<<4)
			t.Description = sc.text(t.Description)
		case "cardNumber":
			sc.seen(&keys, 1<<5)
			t.CardNumber = sc.text(t.CardNumber)
		case "postedOrder":
			sc.seen(&keys, 1<<6)
			n, err := wholeNumberToken(sc.scalarToken())
			if err != nil {
				sc.fail()
			}
			t.PostedOrder = n
		case "postingDate":
			sc.seen(&keys, 1<<7)
			t.PostingDate = sc.text(t.PostingDate)
		case "valueDate":
			sc.seen(&keys, 1<<8)
			t.ValueDate = sc.text(t.ValueDate)
		case "actionDate":
			sc.seen(&keys, 1<<9)
			t.ActionDate = sc.text(t.ActionDate)
		case "transactionDate":
			sc.seen(&keys, 1<<10)
			t.TransactionDate = sc.text(t.TransactionDate)
		case "amount":
			sc.seen(&keys, 1<<11)
			if tok := sc.scalarToken(); tok != "null" && !sc.failed {
				m, err := amountToken(tok)
				if err != nil {
					sc.fail()
				}
				t.Amount = Amount(m)
			}
		case "runningBalance":
			sc.seen(&keys, 1<<12)
			if tok := sc.scalarToken(); tok != "null" && !sc.failed {
				m, err := amountToken(tok)
				if err != nil {
					sc.fail()
				}
				rb := Amount(m)
				t.RunningBalance = &rb
			}
		case "uuid":
			sc.seen(&keys, 1<<13)
			t.UUID = sc.text(t.UUID)
		default:
			sc.unknownKey(key, transactionFields...)
		}
	})
	t.Description = unescapeText(t.Description)
	return t
}
