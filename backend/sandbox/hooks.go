package sandbox

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// The methods in this file change the bank behind the API the way a real
// bank changes under a client: late postings, back-dated entries, reordered
// days, identical twins. They exist for tests (the sync engine's property
// tests drive them from a model). Every change keeps running balances
// consistent, is recorded like a user action (so it survives a restart
// with Options.StatePath) and happens on the bank's "today" as the server
// clock gives it.

// TxID identifies a transaction in the sandbox's bank. It is stable for the
// life of a sandbox state: replaying a state file gives the same ids.
type TxID uint32

// Entry is a transaction as the bank holds it: exact cents, unescaped
// description, and for pending rows the date it is scheduled to post.
type Entry struct {
	ID TxID
	// Tx is the transaction as a client should end up caching it (ID 0,
	// no category or note). RunningBalance is nil for pending rows.
	Tx domain.Transaction
	// PostsOn is the date a pending row will post by itself as the clock
	// advances (YYYY-MM-DD), or "" if it waits for PostPending.
	PostsOn string
}

// NewTransaction describes a transaction for AddPosted, AddPending and
// AddTwins.
type NewTransaction struct {
	AccountID string
	Type      domain.Direction // CREDIT or DEBIT
	// TransactionType is Investec's category, e.g. "CardPurchases"
	// (default for debits) or "Deposits" (default for credits). Card
	// purchases on an account with a card carry its masked number.
	TransactionType string
	Description     string
	Amount          domain.Money // positive
}

// hook operations.
const (
	hookAddPosted  = "addPosted"
	hookAddPending = "addPending"
	hookPost       = "postPending"
	hookBackdate   = "backdate"
	hookReorder    = "reorderDay"
	hookShift      = "shiftOrders"
	hookRemove     = "remove"
)

// hookAction is a recorded test mutation.
type hookAction struct {
	Op      string          `json:"op"`
	Tx      *NewTransaction `json:"tx,omitempty"`
	ID      TxID            `json:"id,omitempty"`
	IDs     []TxID          `json:"ids,omitempty"`
	Account string          `json:"account,omitempty"`
	Date    string          `json:"date,omitempty"`
	Date2   string          `json:"date2,omitempty"`
	Delta   int32           `json:"delta,omitempty"`
	Count   int             `json:"count,omitempty"`
}

// ErrHook is wrapped by every error a test hook returns.
var ErrHook = errors.New("sandbox hook")

func hookErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrHook, fmt.Sprintf(format, args...))
}

// runHook records and applies a hook action and returns the ids it made.
func (s *Server) runHook(h hookAction) ([]TxID, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.today()
	a := action{At: s.now(), Kind: actHook, Hook: &h}
	ids, err := s.applyHook(a)
	if err != nil {
		return nil, err
	}
	s.actions = append(s.actions, a)
	if err := s.saveLocked(); err != nil {
		return nil, err
	}
	return ids, nil
}

// hookDay parses a hook date that must not be after the bank's today.
func (s *Server) hookDay(v string, today day) (day, error) {
	d, err := parseDay(v)
	if err != nil {
		return 0, hookErr("%v", err)
	}
	if d > today {
		return 0, hookErr("date %s is after the bank's today %s", v, today)
	}
	return d, nil
}

// hookPostedDay returns the account h names and the range [lo, hi) of its
// posted rows on h's date, which must not be after the bank's today.
func (s *Server) hookPostedDay(h *hookAction, today day) (acct *account, lo, hi int, err error) {
	ai, ok := s.bank.accountIndex(h.Account)
	if !ok {
		return nil, 0, 0, hookErr("unknown account %q", h.Account)
	}
	d, err := s.hookDay(h.Date, today)
	if err != nil {
		return nil, 0, 0, err
	}
	acct = s.bank.accounts[ai]
	return acct, acct.dayStart(d), acct.dayEnd(d), nil
}

// hookTxn builds a ledger row from a NewTransaction.
func (s *Server) hookTxn(nt *NewTransaction, txDate day) (int, txn, error) {
	ai, ok := s.bank.accountIndex(nt.AccountID)
	if !ok {
		return -1, txn{}, hookErr("unknown account %q", nt.AccountID)
	}
	if nt.Amount <= 0 {
		return -1, txn{}, hookErr("amount must be positive, got %s", nt.Amount)
	}
	if nt.Type != domain.Credit && nt.Type != domain.Debit {
		return -1, txn{}, hookErr("type must be CREDIT or DEBIT, got %q", nt.Type)
	}
	credit := nt.Type == domain.Credit
	kindName := nt.TransactionType
	if kindName == "" {
		kindName = "CardPurchases"
		if credit {
			kindName = "Deposits"
		}
	}
	kind, ok := parseTxType(kindName)
	if !ok {
		return -1, txn{}, hookErr("unknown transaction type %q", kindName)
	}
	var cardIdx uint16
	if kind == ttCardPurchases {
		for _, c := range s.bank.cards {
			if c.account == ai {
				cardIdx = c.txnNumber
				break
			}
		}
	}
	desc := nt.Description
	if desc == "" {
		desc = "SANDBOX TEST TRANSACTION"
	}
	t := s.bank.newTxn(event{acct: ai, kind: kind, credit: credit, desc: truncateRef(desc), card: cardIdx, amount: int64(nt.Amount)}, txDate)
	return ai, t, nil
}

// applyHook performs a hook action. The caller holds s.mu.
func (s *Server) applyHook(a action) ([]TxID, error) {
	h := a.Hook
	if h == nil {
		return nil, hookErr("missing hook")
	}
	today := s.actionDay(a)
	b := s.bank
	switch h.Op {
	case hookAddPosted:
		if h.Tx == nil {
			return nil, hookErr("missing transaction")
		}
		d, err := s.hookDay(h.Date, today)
		if err != nil {
			return nil, err
		}
		var ids []TxID
		for i := 0; i < max(1, h.Count); i++ {
			ai, t, err := s.hookTxn(h.Tx, d)
			if err != nil {
				return nil, err
			}
			b.accounts[ai].insertPosted(t, d)
			ids = append(ids, TxID(t.id))
		}
		return ids, nil

	case hookAddPending:
		if h.Tx == nil {
			return nil, hookErr("missing transaction")
		}
		d, err := s.hookDay(h.Date, today)
		if err != nil {
			return nil, err
		}
		ai, t, err := s.hookTxn(h.Tx, d)
		if err != nil {
			return nil, err
		}
		t.posting = neverPosts
		if h.Date2 != "" {
			p, err := parseDay(h.Date2)
			if err != nil {
				return nil, hookErr("%v", err)
			}
			if p < d {
				return nil, hookErr("posting date %s is before the transaction date %s", h.Date2, h.Date)
			}
			t.posting = p
			t.action = max(d, p-1)
		}
		acct := b.accounts[ai]
		if t.posting <= today {
			acct.insertPosted(t, t.posting)
		} else {
			acct.pending = append(acct.pending, t)
			sortPending(acct)
		}
		return []TxID{TxID(t.id)}, nil

	case hookPost:
		d, err := s.hookDay(h.Date, today)
		if err != nil {
			return nil, err
		}
		ai, idx, posted, err := b.locate(uint32(h.ID))
		if err != nil || posted {
			return nil, hookErr("transaction %d is not pending", h.ID)
		}
		acct := b.accounts[ai]
		t := acct.pending[idx]
		acct.pending = slices.Delete(acct.pending, idx, idx+1)
		t.action = max(t.txDate, d-1)
		acct.insertPosted(t, d)
		return nil, nil

	case hookBackdate:
		d, err := s.hookDay(h.Date, today)
		if err != nil {
			return nil, err
		}
		ai, idx, posted, err := b.locate(uint32(h.ID))
		if err != nil || !posted {
			return nil, hookErr("transaction %d is not posted", h.ID)
		}
		acct := b.accounts[ai]
		t := acct.posted[idx]
		acct.posted = slices.Delete(acct.posted, idx, idx+1)
		acct.rebalance(idx)
		if t.txDate > d {
			t.txDate = d
		}
		t.value, t.action = min(t.value, d), min(t.action, d)
		acct.insertPosted(t, d)
		return nil, nil

	case hookReorder:
		acct, lo, hi, err := s.hookPostedDay(h, today)
		if err != nil {
			return nil, err
		}
		if hi-lo != len(h.IDs) {
			return nil, hookErr("%s has %d posted rows on %s, got %d ids", h.Account, hi-lo, h.Date, len(h.IDs))
		}
		orders := make([]int32, 0, hi-lo)
		byID := map[TxID]txn{}
		for i := lo; i < hi; i++ {
			orders = append(orders, acct.posted[i].order)
			byID[TxID(acct.posted[i].id)] = acct.posted[i]
		}
		sort.Slice(orders, func(i, j int) bool { return orders[i] < orders[j] })
		for i, id := range h.IDs {
			t, ok := byID[id]
			if !ok {
				return nil, hookErr("transaction %d is not posted on %s in %s (or is listed twice)", id, h.Date, h.Account)
			}
			delete(byID, id)
			t.order = orders[i]
			acct.posted[lo+i] = t
		}
		acct.rebalance(lo)
		return nil, nil

	case hookShift:
		acct, lo, hi, err := s.hookPostedDay(h, today)
		if err != nil {
			return nil, err
		}
		if lo < hi && int64(acct.posted[lo].order)+int64(h.Delta) < 1 {
			return nil, hookErr("shifting by %d makes a postedOrder less than 1", h.Delta)
		}
		for i := lo; i < hi; i++ {
			acct.posted[i].order += h.Delta
		}
		return nil, nil

	case hookRemove:
		ai, idx, posted, err := b.locate(uint32(h.ID))
		if err != nil {
			return nil, hookErr("no transaction %d", h.ID)
		}
		acct := b.accounts[ai]
		if posted {
			acct.posted = slices.Delete(acct.posted, idx, idx+1)
			acct.rebalance(idx)
		} else {
			acct.pending = slices.Delete(acct.pending, idx, idx+1)
		}
		return nil, nil
	}
	return nil, hookErr("unknown operation %q", h.Op)
}

// neverPosts is the scheduled posting day of a pending row that waits for
// PostPending.
const neverPosts = day(1 << 30)

// sortPending keeps an account's pending rows ordered by transaction date.
func sortPending(a *account) {
	sort.SliceStable(a.pending, func(i, j int) bool {
		if a.pending[i].txDate != a.pending[j].txDate {
			return a.pending[i].txDate < a.pending[j].txDate
		}
		return a.pending[i].id < a.pending[j].id
	})
}

// AddPosted adds a posted transaction at the end of postingDate (today or
// earlier; an earlier date back-dates it and shifts every later running
// balance).
func (s *Server) AddPosted(tx NewTransaction, postingDate string) (TxID, error) {
	ids, err := s.runHook(hookAction{Op: hookAddPosted, Tx: &tx, Date: postingDate})
	if err != nil {
		return 0, fmt.Errorf("add posted transaction: %w", err)
	}
	return ids[0], nil
}

// AddTwins adds two identical posted transactions (same account, date,
// amount and description) at the end of postingDate, like two R50 coffees
// on one day.
func (s *Server) AddTwins(tx NewTransaction, postingDate string) (TxID, TxID, error) {
	ids, err := s.runHook(hookAction{Op: hookAddPosted, Tx: &tx, Date: postingDate, Count: 2})
	if err != nil {
		return 0, 0, fmt.Errorf("add twins: %w", err)
	}
	return ids[0], ids[1], nil
}

// AddPending adds a pending transaction dated transactionDate. It posts by
// itself on postsOn as the clock reaches it, or (with postsOn "") only
// through PostPending. A postsOn that is already past posts it at once.
func (s *Server) AddPending(tx NewTransaction, transactionDate, postsOn string) (TxID, error) {
	ids, err := s.runHook(hookAction{Op: hookAddPending, Tx: &tx, Date: transactionDate, Date2: postsOn})
	if err != nil {
		return 0, fmt.Errorf("add pending transaction: %w", err)
	}
	return ids[0], nil
}

// PostPending posts a pending transaction on postingDate (today or
// earlier), giving it a postedOrder at the end of that day.
func (s *Server) PostPending(id TxID, postingDate string) error {
	if _, err := s.runHook(hookAction{Op: hookPost, ID: id, Date: postingDate}); err != nil {
		return fmt.Errorf("post pending transaction: %w", err)
	}
	return nil
}

// Backdate moves a posted transaction to the end of another posting date
// (today or earlier), as a bank correcting an entry does; its uuid changes
// and running balances in between shift.
func (s *Server) Backdate(id TxID, postingDate string) error {
	if _, err := s.runHook(hookAction{Op: hookBackdate, ID: id, Date: postingDate}); err != nil {
		return fmt.Errorf("backdate transaction: %w", err)
	}
	return nil
}

// ReorderDay puts the posted transactions of an account on date into the
// order given (every id of that day, once). The day keeps its set of
// postedOrder numbers, handed out in the new order, so uuids move with them
// and running balances are recomputed.
func (s *Server) ReorderDay(accountID, date string, order []TxID) error {
	if _, err := s.runHook(hookAction{Op: hookReorder, Account: accountID, Date: date, IDs: append([]TxID(nil), order...)}); err != nil {
		return fmt.Errorf("reorder day: %w", err)
	}
	return nil
}

// ShiftPostedOrders adds delta to the postedOrder of every posted
// transaction of an account on date (so every uuid of that day changes)
// without changing their order or balances.
func (s *Server) ShiftPostedOrders(accountID, date string, delta int32) error {
	if _, err := s.runHook(hookAction{Op: hookShift, Account: accountID, Date: date, Delta: delta}); err != nil {
		return fmt.Errorf("shift posted orders: %w", err)
	}
	return nil
}

// Remove deletes a transaction (a reversal the bank makes disappear), posted
// or pending, recomputing later running balances.
func (s *Server) Remove(id TxID) error {
	if _, err := s.runHook(hookAction{Op: hookRemove, ID: id}); err != nil {
		return fmt.Errorf("remove transaction: %w", err)
	}
	return nil
}

// Today returns the bank's today (YYYY-MM-DD, South African date of the
// server clock).
func (s *Server) Today() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.today().String()
}

// HistoryStart returns the first day of the generated history
// (YYYY-MM-DD): two years before the start date.
func (s *Server) HistoryStart() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bank.windowStart.String()
}

// Accounts returns every account in the bank, private and CIB, with its
// current balance, in a fixed order: Thandi's Private Bank Account,
// PrimeSaver and Cash Management Account, the studio's Private Bank
// Account, then the two CIB accounts.
func (s *Server) Accounts() []domain.Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	today := s.today()
	var out []domain.Account
	for _, a := range s.bank.accounts {
		da := domain.Account{
			ID: a.id, Number: a.number, Name: a.name, ReferenceName: a.reference, ProductName: a.product,
			KYCCompliant: true, Kind: domain.AccountPrivate,
			Balance: &domain.Balance{AccountID: a.id, Current: domain.Money(a.current()), Available: domain.Money(available(a, today)), Currency: a.currency},
		}
		if a.cib {
			da.Kind = domain.AccountBusiness
			da.ProfileName = s.bank.cibCompany
		} else {
			p := s.bank.profiles[a.profile]
			da.ProfileID, da.ProfileName = p.id, p.name
		}
		out = append(out, da)
	}
	return out
}

// Ledger returns an account's transactions as the bank holds them: posted
// rows in bank order (posting date, then postedOrder), then pending rows by
// transaction date.
func (s *Server) Ledger(accountID string) ([]Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.today()
	ai, ok := s.bank.accountIndex(accountID)
	if !ok {
		return nil, hookErr("unknown account %q", accountID)
	}
	a := s.bank.accounts[ai]
	out := make([]Entry, 0, len(a.posted)+len(a.pending))
	for i := range a.posted {
		t := &a.posted[i]
		bal := domain.Money(t.balance)
		out = append(out, Entry{ID: TxID(t.id), Tx: s.domainTx(a, t, domain.Posted, &bal)})
	}
	for i := range a.pending {
		t := &a.pending[i]
		e := Entry{ID: TxID(t.id), Tx: s.domainTx(a, t, domain.Pending, nil)}
		if t.posting != neverPosts {
			e.PostsOn = t.posting.String()
		}
		out = append(out, e)
	}
	return out, nil
}

// domainTx converts a ledger row. The caller holds s.mu.
func (s *Server) domainTx(a *account, t *txn, st domain.Status, bal *domain.Money) domain.Transaction {
	dir := domain.Debit
	if t.credit {
		dir = domain.Credit
	}
	out := domain.Transaction{
		AccountID: a.id, Type: dir, TransactionType: t.kind.String(), Status: st,
		Description: s.bank.strs[t.desc], CardNumber: s.bank.cardNumbers[t.card],
		TransactionDate: t.txDate.String(), Amount: domain.Money(t.amount),
		SignedAmount: domain.Signed(dir, domain.Money(t.amount)), RunningBalance: bal,
	}
	if st == domain.Posted {
		out.PostedOrder = int64(t.order)
		out.PostingDate, out.ValueDate, out.ActionDate = t.posting.String(), t.value.String(), t.action.String()
		out.UUID = uuidOf(a.id, t.posting, t.order)
	}
	return out
}
