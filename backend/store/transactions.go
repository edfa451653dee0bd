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
	rows := slices.Clone(w.Rows)
	for i := range rows {
		t := &rows[i]
		if t.AccountID == "" {
			t.AccountID = w.AccountID
		}
		if err := checkRow(*t); err != nil {
			return ReplaceResult{}, err
		}
		if t.AccountID != w.AccountID || t.Status != domain.Posted || t.PostingDate < w.From || t.PostingDate > w.To {
			return ReplaceResult{}, domain.Errorf(domain.CodeBankError,
				"the bank returned a transaction outside the requested window [%s, %s]", w.From, w.To)
		}
	}
	// Bank order, then occurrence numbers among identical rows of a day.
	slices.SortStableFunc(rows, func(a, b domain.Transaction) int {
		return cmp.Or(cmp.Compare(a.PostingDate, b.PostingDate), cmp.Compare(a.PostedOrder, b.PostedOrder))
	})
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
		keys, err := insertRows(ctx, tx, rows)
		if err != nil {
			return err
		}
		res.Fetched = len(rows)
		res.Added, res.Removed = diffKeys(old, keys)
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
		keys, err := insertRows(ctx, tx, rows)
		if err != nil {
			return err
		}
		res.Fetched = len(rows)
		res.Added, res.Removed = diffKeys(old, keys)
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
	insertBatch = 64
	insertRow   = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

// insertRows inserts rows (already in bank order), indexes them for search
// and returns their keys.
func insertRows(ctx context.Context, tx *sql.Tx, rows []domain.Transaction) ([]matchKey, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	// New rows get IDs above the current maximum (INTEGER PRIMARY KEY
	// without AUTOINCREMENT), which is how the index update finds them.
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM transactions`).Scan(&maxID); err != nil {
		return nil, formatError(fmt.Errorf("insert transactions: %w", err))
	}
	// Rows go in batches of insertBatch per statement: each statement
	// costs a round of database/sql and cgo overhead, which a row alone
	// would pay 17 times over.
	seen := make(map[matchKey]int, len(rows))
	keys := make([]matchKey, 0, len(rows))
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
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return formatError(fmt.Errorf("insert transactions: %w", err))
		}
		args = args[:0]
		return nil
	}
	for i, t := range rows {
		k := keyOf(t)
		seen[k]++
		k.occurrence = seen[k]
		keys = append(keys, k)
		bookDate, seq := t.PostingDate, t.PostedOrder
		if t.Status == domain.Pending {
			bookDate, seq = t.TransactionDate, pendingSeqBase+int64(i)
		}
		args = append(args, t.AccountID, string(t.Status), string(t.Type), t.TransactionType,
			t.Description, t.CardNumber, t.PostedOrder, t.PostingDate, t.ValueDate, t.ActionDate,
			t.TransactionDate, bookDate, seq, int64(t.Amount), nullMoney(t.RunningBalance), t.UUID,
			k.occurrence)
		if len(args) == insertBatch*insertCols {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	fts, err := ftsReady(ctx, tx)
	if err != nil {
		return nil, err
	}
	if fts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO transactions_fts (rowid, description)
			SELECT id, description FROM transactions WHERE id > ?`, maxID); err != nil {
			return nil, formatError(fmt.Errorf("index transactions: %w", err))
		}
	}
	return keys, nil
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

// diffKeys counts the keys only in next (added) and only in prev (removed).
func diffKeys(prev, next []matchKey) (added, removed int) {
	count := make(map[matchKey]int, len(prev))
	for _, k := range prev {
		count[k]++
	}
	for _, k := range next {
		if count[k] > 0 {
			count[k]--
		} else {
			added++
		}
	}
	for _, n := range count {
		removed += n
	}
	return added, removed
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
