package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// pendingSeqBase puts pending rows after every posted row of the same book
// date in the bank order (postedOrder values are far smaller).
const pendingSeqBase = int64(1) << 40

// Window is one authoritative answer from the bank: every posted
// transaction of AccountID with a posting date in [From, To] (inclusive,
// YYYY-MM-DD).
type Window struct {
	AccountID string
	From      string
	To        string
	Rows      []domain.Transaction
	// State, when not nil, is saved in the same transaction as the rows, so
	// the record of what has been fetched can never disagree with the rows.
	State *domain.AccountSyncState
}

// ReplaceResult counts what one replacement changed.
type ReplaceResult struct {
	Fetched int // rows the bank returned
	// Added and Removed count transactions by matching key (date, type,
	// amount, description, transaction date, occurrence): rows that are
	// new, and cached rows the bank no longer returns. A row whose only
	// change is its postedOrder or running balance counts as neither.
	Added   int
	Removed int
	// Reattached counts annotations re-attached to a transaction after
	// their previous row was replaced; Orphaned counts annotations that
	// matched nothing and were flagged orphaned.
	Reattached int
	Orphaned   int
}

// matchKey identifies a transaction across replacements as closely as the
// bank's data allows. Occurrence tells identical rows on the same day apart.
type matchKey struct {
	status          domain.Status
	postingDate     string
	typ             domain.Direction
	amount          domain.Money
	description     string
	transactionDate string
	occurrence      int
}

// ReplaceWindow makes the cached posted transactions of w.AccountID with a
// posting date in [w.From, w.To] exactly w.Rows, in one transaction:
// it deletes the cached rows of that range, inserts the new ones,
// re-attaches annotations (by exact key, then by a looser key, else flags
// them orphaned) and saves w.State. Either all of it happens or none.
//
// Every row must be a posted transaction of the account with a posting date
// inside the window; anything else is refused (CodeBankError), because a
// row outside its window could never be replaced later.
func (s *Store) ReplaceWindow(ctx context.Context, w Window) (ReplaceResult, error) {
	if w.AccountID == "" || !isDate(w.From) || !isDate(w.To) || w.From > w.To {
		return ReplaceResult{}, domain.Errorf(domain.CodeInvalid, "invalid window %q [%s, %s]", w.AccountID, w.From, w.To)
	}
	// The caller's rows are not changed: they are copied if a row needs
	// its account filled in or the rows need sorting (the bank usually
	// sends them in order, so usually they are not).
	rows, copied := w.Rows, false
	if slices.ContainsFunc(rows, func(t domain.Transaction) bool { return t.AccountID == "" }) {
		rows, copied = slices.Clone(rows), true
		for i := range rows {
			if rows[i].AccountID == "" {
				rows[i].AccountID = w.AccountID
			}
		}
	}
	for i := range rows {
		t := &rows[i]
		if err := checkRow(*t); err != nil {
			return ReplaceResult{}, err
		}
		if t.AccountID != w.AccountID || t.Status != domain.Posted || t.PostingDate < w.From || t.PostingDate > w.To {
			return ReplaceResult{}, domain.Errorf(domain.CodeBankError,
				"the bank returned a transaction outside the requested window [%s, %s]", w.From, w.To)
		}
	}
	// Bank order, then occurrence numbers among identical rows of a day.
	bankOrder := func(a, b domain.Transaction) int {
		return cmp.Or(cmp.Compare(a.PostingDate, b.PostingDate), cmp.Compare(a.PostedOrder, b.PostedOrder))
	}
	if !slices.IsSortedFunc(rows, bankOrder) {
		if !copied {
			rows = slices.Clone(rows)
		}
		slices.SortStableFunc(rows, bankOrder)
	}
	var res ReplaceResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		// book_date is the posting date of posted rows, and is indexed.
		old, err := windowKeys(ctx, tx, `book_date BETWEEN ? AND ? AND status = 'POSTED'`, w.AccountID, w.From, w.To)
		if err != nil {
			return err
		}
		if err := deleteRows(ctx, tx, `book_date BETWEEN ? AND ? AND status = 'POSTED'`, w.AccountID, w.From, w.To); err != nil {
			return err
		}
		res.Added, res.Removed, err = insertRows(ctx, tx, rows, old)
		if err != nil {
			return err
		}
		res.Fetched = len(rows)
		if res.Reattached, res.Orphaned, err = s.reattach(ctx, tx, w.AccountID); err != nil {
			return err
		}
		if w.State != nil {
			st := *w.State
			st.AccountID = w.AccountID
			return saveSyncState(ctx, tx, st)
		}
		return nil
	})
	return res, err
}

// ReplacePending makes the cached pending transactions of accountID exactly
// rows, in one transaction, re-attaching annotations like ReplaceWindow (a
// pending row's annotation follows it when it posts).
func (s *Store) ReplacePending(ctx context.Context, accountID string, rows []domain.Transaction) (ReplaceResult, error) {
	if accountID == "" {
		return ReplaceResult{}, domain.FieldError("accountId", "required")
	}
	rows = slices.Clone(rows)
	for i := range rows {
		t := &rows[i]
		if t.AccountID == "" {
			t.AccountID = accountID
		}
		t.Status = domain.Pending
		// Pending rows have no posting, value or action date and no order
		// yet, whatever a merged listing sent.
		t.PostingDate, t.ValueDate, t.ActionDate, t.PostedOrder, t.RunningBalance, t.UUID = "", "", "", 0, nil, ""
		if t.AccountID != accountID {
			return ReplaceResult{}, domain.Errorf(domain.CodeBankError, "the bank returned a pending transaction of another account")
		}
		if err := checkRow(*t); err != nil {
			return ReplaceResult{}, err
		}
	}
	var res ReplaceResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := windowKeys(ctx, tx, `status = 'PENDING'`, accountID)
		if err != nil {
			return err
		}
		if err := deleteRows(ctx, tx, `status = 'PENDING'`, accountID); err != nil {
			return err
		}
		res.Added, res.Removed, err = insertRows(ctx, tx, rows, old)
		if err != nil {
			return err
		}
		res.Fetched = len(rows)
		res.Reattached, res.Orphaned, err = s.reattach(ctx, tx, accountID)
		return err
	})
	return res, err
}

// checkRow validates the fields the cache relies on.
func checkRow(t domain.Transaction) error {
	if t.Type != domain.Credit && t.Type != domain.Debit {
		return domain.Errorf(domain.CodeBankError, "the bank returned a transaction with direction %q", t.Type)
	}
	if t.Amount < 0 {
		return domain.Errorf(domain.CodeBankError, "the bank returned a negative amount")
	}
	if t.Status == domain.Posted && !isDate(t.PostingDate) {
		return domain.Errorf(domain.CodeBankError, "the bank returned a posted transaction without a valid posting date")
	}
	if t.Status == domain.Pending && !isDate(t.TransactionDate) {
		return domain.Errorf(domain.CodeBankError, "the bank returned a pending transaction without a valid transaction date")
	}
	return nil
}

// keyOf returns t's matching key without its occurrence.
func keyOf(t domain.Transaction) matchKey {
	return matchKey{status: t.Status, postingDate: t.PostingDate, typ: t.Type, amount: t.Amount,
		description: t.Description, transactionDate: t.TransactionDate}
}

// ftsReady reports whether the search index exists (it arrives with
// migration 2; the store also runs on a version-1 schema while upgrading).
func ftsReady(ctx context.Context, tx *sql.Tx) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'transactions_fts'`).Scan(&n)
	if err != nil {
		return false, formatError(fmt.Errorf("check search index: %w", err))
	}
	return n > 0, nil
}

// deleteRows deletes the account's rows that where selects, and their
// search index entries.
func deleteRows(ctx context.Context, tx *sql.Tx, where string, accountID string, args ...any) error {
	all := append([]any{accountID}, args...)
	fts, err := ftsReady(ctx, tx)
	if err != nil {
		return err
	}
	if fts {
		//nolint:gosec // G202: where is a fixed fragment chosen by this package; values are ? arguments
		if _, err := tx.ExecContext(ctx, `INSERT INTO transactions_fts (transactions_fts, rowid, description)
			SELECT 'delete', id, description FROM transactions WHERE account_id = ? AND `+where, all...); err != nil {
			return formatError(fmt.Errorf("unindex transactions: %w", err))
		}
	}
	//nolint:gosec // G202: where is a fixed fragment chosen by this package; values are ? arguments
	if _, err := tx.ExecContext(ctx, `DELETE FROM transactions WHERE account_id = ? AND `+where, all...); err != nil {
		return formatError(fmt.Errorf("delete transactions: %w", err))
	}
	return nil
}

// Batch insert shape.
const (
	insertCols  = 17
	insertBatch = 256 // rows per statement: 4,352 parameters, far below SQLite's 32,766
	insertRow   = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

// insertRows inserts rows (in bank order, so rows of the same posting date
// are together), indexes them for search and counts them against old, the
// keys of the rows they replace: added are the rows old has no match for,
// removed the keys of old that no row matched.
func insertRows(ctx context.Context, tx *sql.Tx, rows []domain.Transaction, old []matchKey) (added, removed int, err error) {
	if len(rows) == 0 {
		return 0, len(old), nil
	}
	// Each row takes one of the old keys it matches, if any is left; the
	// rows that find none are added, the old keys left over are removed.
	unmatched := make(map[matchKey]int, len(old))
	for _, k := range old {
		unmatched[k]++
	}
	// New rows get IDs above the current maximum (INTEGER PRIMARY KEY
	// without AUTOINCREMENT), which is how the index update finds them.
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM transactions`).Scan(&maxID); err != nil {
		return 0, 0, formatError(fmt.Errorf("insert transactions: %w", err))
	}
	// Rows go in batches of insertBatch per statement: each statement
	// costs a round of database/sql and cgo overhead.
	//
	// A batch runs through QueryContext, not ExecContext: for a query,
	// go-sqlite3 (v1.14.53) binds every argument and takes the first step
	// in one cgo crossing, which runs the whole INSERT (it returns no
	// rows), while Exec crosses into C once per argument, 4,352 times a
	// batch. This made a 200,000-row sync's writes about a fifth cheaper.
	// Errors surface the same way (from QueryContext), and closing the
	// empty result resets the statement.
	args := make([]any, 0, insertBatch*insertCols)
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			_ = st.Close()
		}
	}()
	flush := func() error {
		n := len(args) / insertCols
		if n == 0 {
			return nil
		}
		stmt, ok := stmts[n]
		if !ok {
			var err error
			//nolint:gosec // G202: the SQL is a fixed statement with n rows of ? placeholders
			stmt, err = tx.PrepareContext(ctx, `
				INSERT INTO transactions (account_id, status, type, transaction_type, description, card_number,
					posted_order, posting_date, value_date, action_date, transaction_date, book_date, seq,
					amount, running_balance, uuid, occurrence)
				VALUES `+strings.TrimSuffix(strings.Repeat(insertRow+", ", n), ", "))
			if err != nil {
				return formatError(fmt.Errorf("insert transactions: %w", err))
			}
			stmts[n] = stmt
		}
		res, err := stmt.QueryContext(ctx, args...)
		if err != nil {
			return formatError(fmt.Errorf("insert transactions: %w", err))
		}
		if err := res.Close(); err != nil {
			return formatError(fmt.Errorf("insert transactions: %w", err))
		}
		args = args[:0]
		return nil
	}
	// Values that repeat from row to row (account, status, type, dates)
	// are boxed into interfaces once, not once per row.
	var account, status, typ, txType, card, posting, value, action, txDate boxed
	// seen numbers identical rows: occurrence 1, 2, ... Keys include the
	// posting date, so it only needs the rows of the current one.
	seen := map[matchKey]int{}
	for i, t := range rows {
		k := keyOf(t)
		if i > 0 && t.PostingDate != rows[i-1].PostingDate {
			clear(seen)
		}
		seen[k]++
		k.occurrence = seen[k]
		if unmatched[k] > 0 {
			unmatched[k]--
		} else {
			added++
		}
		postingDate, postedOrder := posting.box(t.PostingDate), any(t.PostedOrder)
		bookDate, seq := postingDate, postedOrder
		if t.Status == domain.Pending {
			bookDate, seq = txDate.box(t.TransactionDate), pendingSeqBase+int64(i)
		}
		args = append(args, account.box(t.AccountID), status.box(string(t.Status)), typ.box(string(t.Type)),
			txType.box(t.TransactionType), t.Description, card.box(t.CardNumber), postedOrder, postingDate,
			value.box(t.ValueDate), action.box(t.ActionDate), txDate.box(t.TransactionDate), bookDate, seq,
			int64(t.Amount), nullMoney(t.RunningBalance), t.UUID, k.occurrence)
		if len(args) == insertBatch*insertCols {
			if err := flush(); err != nil {
				return 0, 0, err
			}
		}
	}
	if err := flush(); err != nil {
		return 0, 0, err
	}
	fts, err := ftsReady(ctx, tx)
	if err != nil {
		return 0, 0, err
	}
	if fts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO transactions_fts (rowid, description)
			SELECT id, description FROM transactions WHERE id > ?`, maxID); err != nil {
			return 0, 0, formatError(fmt.Errorf("index transactions: %w", err))
		}
	}
	for _, n := range unmatched {
		removed += n
	}
	return added, removed, nil
}

// boxed holds a string and the same string as an interface value, so a
// value that repeats from row to row is converted (and allocated) once.
type boxed struct {
	s string
	v any
}

func (b *boxed) box(s string) any {
	if b.v == nil || s != b.s {
		b.s, b.v = s, s
	}
	return b.v
}

// windowKeys returns the matching keys of the account's cached rows that
// where selects (where uses ? for the arguments after the account ID).
func windowKeys(ctx context.Context, tx *sql.Tx, where string, accountID string, args ...any) ([]matchKey, error) {
	//nolint:gosec // G202: where is a fixed fragment chosen by this package; values are ? arguments
	rows, err := tx.QueryContext(ctx, `
		SELECT status, posting_date, type, amount, description, transaction_date, occurrence
		FROM transactions WHERE account_id = ? AND `+where, append([]any{accountID}, args...)...)
	if err != nil {
		return nil, formatError(fmt.Errorf("read window: %w", err))
	}
	defer rows.Close()
	var out []matchKey
	for rows.Next() {
		var k matchKey
		if err := rows.Scan(&k.status, &k.postingDate, &k.typ, &k.amount, &k.description, &k.transactionDate, &k.occurrence); err != nil {
			return nil, formatError(fmt.Errorf("read window: %w", err))
		}
		out = append(out, k)
	}
	return out, formatError(rows.Err())
}

// OldestPendingDate returns the earliest transaction date among the
// account's cached pending rows, or "" if it has none. The sync engine
// re-fetches posted rows from there, so a pending row that posts is seen.
func (s *Store) OldestPendingDate(ctx context.Context, accountID string) (string, error) {
	var d sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT min(transaction_date) FROM transactions WHERE account_id = ? AND status = 'PENDING'`,
		accountID).Scan(&d)
	if err != nil {
		return "", formatError(fmt.Errorf("oldest pending date: %w", err))
	}
	return d.String, nil
}
