package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// LooseMatchDays is how far apart (in days) the transaction dates of an
// annotation's old row and a candidate new row may be for the loose match,
// which follows a pending row when it posts and a posting the bank
// back-dated.
const LooseMatchDays = 4

// LoosePostingLagDays bounds how long after its transaction date a row may
// have been posted for the loose match to consider it (card transactions
// post within days; the bound keeps the lookup on the index).
const LoosePostingLagDays = 45

// Limits on what a person can type into an annotation.
const (
	MaxCategoryLen = 100
	MaxNoteLen     = 2000
)

// SetAnnotation sets the category and note of a cached transaction (posted
// or pending). An empty annotation removes it. The annotation is stored
// apart from the row, with a copy of the row's matching key, so it survives
// every re-sync of the row's window.
func (s *Store) SetAnnotation(ctx context.Context, transactionID int64, a domain.Annotation) error {
	if utf8.RuneCountInString(a.Category) > MaxCategoryLen {
		return domain.FieldError("category", "at most %d characters", MaxCategoryLen)
	}
	if utf8.RuneCountInString(a.Note) > MaxNoteLen {
		return domain.FieldError("note", "at most %d characters", MaxNoteLen)
	}
	now := s.nowString()
	return s.write(ctx, func(tx *sql.Tx) error {
		var k matchKey
		var accountID string
		var annID sql.NullInt64
		err := tx.QueryRowContext(ctx, `
			SELECT account_id, status, posting_date, type, amount, description, transaction_date, occurrence, annotation_id
			FROM transactions WHERE id = ?`, transactionID).Scan(&accountID, &k.status, &k.postingDate, &k.typ,
			&k.amount, &k.description, &k.transactionDate, &k.occurrence, &annID)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Wrap(err, domain.CodeNotFound, "That transaction is no longer in the cache; it was replaced by a sync.")
		}
		if err != nil {
			return formatError(fmt.Errorf("set annotation: %w", err))
		}
		empty := a.Category == "" && a.Note == ""
		switch {
		case annID.Valid && empty:
			_, err = tx.ExecContext(ctx, `DELETE FROM annotations WHERE id = ?`, annID.Int64)
		case annID.Valid:
			_, err = tx.ExecContext(ctx, `UPDATE annotations SET category = ?, note = ?, updated_at = ? WHERE id = ?`,
				a.Category, a.Note, now, annID.Int64)
		case empty:
			return nil
		default:
			var res sql.Result
			res, err = tx.ExecContext(ctx, `
				INSERT INTO annotations (account_id, status, type, amount, description, posting_date, transaction_date,
					occurrence, category, note, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				accountID, string(k.status), string(k.typ), int64(k.amount), k.description, k.postingDate,
				k.transactionDate, k.occurrence, a.Category, a.Note, now, now)
			if err == nil {
				id, _ := res.LastInsertId()
				_, err = tx.ExecContext(ctx, `UPDATE transactions SET annotation_id = ? WHERE id = ?`, id, transactionID)
			}
		}
		if err != nil {
			return formatError(fmt.Errorf("set annotation: %w", err))
		}
		return nil
	})
}

// ListOrphanedAnnotations returns the annotations that match no cached
// transaction, newest orphan first.
func (s *Store) ListOrphanedAnnotations(ctx context.Context) ([]domain.OrphanedAnnotation, error) {
	var out []domain.OrphanedAnnotation
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT id, account_id, status, type, description, posting_date, transaction_date, amount, category, note, orphaned_at
			FROM annotations WHERE orphaned_at IS NOT NULL ORDER BY orphaned_at DESC, id DESC`)
		if err != nil {
			return formatError(fmt.Errorf("list orphaned annotations: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var o domain.OrphanedAnnotation
			var amount int64
			if err := rows.Scan(&o.ID, &o.AccountID, &o.Status, &o.Type, &o.Description, &o.PostingDate,
				&o.TransactionDate, &amount, &o.Category, &o.Note, &o.OrphanedAt); err != nil {
				return formatError(fmt.Errorf("list orphaned annotations: %w", err))
			}
			o.Amount = domain.Money(amount)
			out = append(out, o)
		}
		return formatError(rows.Err())
	})
	return out, err
}

// DeleteAnnotation deletes an annotation by its ID (as listed by
// ListOrphanedAnnotations), detaching it from its transaction if it has one.
func (s *Store) DeleteAnnotation(ctx context.Context, annotationID int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM annotations WHERE id = ?`, annotationID)
		if err != nil {
			return formatError(fmt.Errorf("delete annotation: %w", err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.CodeNotFound, "No such annotation.")
		}
		return nil
	})
}

// AttachAnnotation attaches an orphaned annotation to a transaction of the
// same account that has no annotation, for when the user recognises it.
func (s *Store) AttachAnnotation(ctx context.Context, annotationID, transactionID int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var annAccount string
		if err := tx.QueryRowContext(ctx, `SELECT account_id FROM annotations WHERE id = ? AND orphaned_at IS NOT NULL`,
			annotationID).Scan(&annAccount); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return domain.Wrap(err, domain.CodeNotFound, "No such orphaned annotation.")
			}
			return formatError(fmt.Errorf("attach annotation: %w", err))
		}
		c, found, err := candidateByID(ctx, tx, transactionID)
		if err != nil {
			return err
		}
		if !found || c.accountID != annAccount {
			return domain.Errorf(domain.CodeNotFound, "No such transaction in that account.")
		}
		if c.annotated {
			return domain.Errorf(domain.CodeConflict, "That transaction already has an annotation.")
		}
		return attach(ctx, tx, annotationID, c)
	})
}

// candidate is a cached transaction an annotation could attach to.
type candidate struct {
	id        int64
	accountID string
	key       matchKey
	annotated bool
}

func candidateByID(ctx context.Context, tx *sql.Tx, id int64) (candidate, bool, error) {
	c := candidate{id: id}
	err := tx.QueryRowContext(ctx, `
		SELECT account_id, status, posting_date, type, amount, description, transaction_date, occurrence, annotation_id IS NOT NULL
		FROM transactions WHERE id = ?`, id).Scan(&c.accountID, &c.key.status, &c.key.postingDate, &c.key.typ, &c.key.amount,
		&c.key.description, &c.key.transactionDate, &c.key.occurrence, &c.annotated)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, formatError(fmt.Errorf("read transaction: %w", err))
	}
	return c, true, nil
}

// attach links annotation annID to transaction c, copying c's key into the
// annotation so the next replacement finds it by exact key.
func attach(ctx context.Context, tx *sql.Tx, annID int64, c candidate) error {
	if _, err := tx.ExecContext(ctx, `UPDATE transactions SET annotation_id = ? WHERE id = ?`, annID, c.id); err != nil {
		return formatError(fmt.Errorf("attach annotation: %w", err))
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE annotations SET status = ?, posting_date = ?, type = ?, amount = ?, description = ?,
			transaction_date = ?, occurrence = ?, orphaned_at = NULL
		WHERE id = ?`, string(c.key.status), c.key.postingDate, string(c.key.typ), int64(c.key.amount),
		c.key.description, c.key.transactionDate, c.key.occurrence, annID); err != nil {
		return formatError(fmt.Errorf("attach annotation: %w", err))
	}
	return nil
}

type looseAnnotation struct {
	id       int64
	key      matchKey
	orphaned bool
}

// reattach attaches every annotation of the account that has no row
// (because its row was just replaced, or it was already orphaned): first by
// exact matching key, then by the loose key (same amount, direction and
// description, transaction date within LooseMatchDays, closest first,
// posted before pending). What still matches nothing is flagged orphaned.
// Annotations that just lost their row go before older orphans.
func (s *Store) reattach(ctx context.Context, tx *sql.Tx, accountID string) (reattached, orphaned int, err error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, status, posting_date, type, amount, description, transaction_date, occurrence, orphaned_at IS NOT NULL
		FROM annotations a
		WHERE account_id = ? AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.annotation_id = a.id)
		ORDER BY orphaned_at IS NOT NULL, id`, accountID)
	if err != nil {
		return 0, 0, formatError(fmt.Errorf("reattach annotations: %w", err))
	}
	var loose []looseAnnotation
	for rows.Next() {
		var l looseAnnotation
		if err := rows.Scan(&l.id, &l.key.status, &l.key.postingDate, &l.key.typ, &l.key.amount, &l.key.description,
			&l.key.transactionDate, &l.key.occurrence, &l.orphaned); err != nil {
			_ = rows.Close()
			return 0, 0, formatError(fmt.Errorf("reattach annotations: %w", err))
		}
		loose = append(loose, l)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, formatError(fmt.Errorf("reattach annotations: %w", err))
	}
	if len(loose) == 0 {
		return 0, 0, nil
	}

	find := func(query string, args ...any) (candidate, bool, error) {
		var id int64
		err := tx.QueryRowContext(ctx, query, args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return candidate{}, false, nil
		}
		if err != nil {
			return candidate{}, false, formatError(fmt.Errorf("reattach annotations: %w", err))
		}
		return candidateByID(ctx, tx, id)
	}

	var left []looseAnnotation
	for _, l := range loose {
		bookDate := l.key.postingDate
		if l.key.status == domain.Pending {
			bookDate = l.key.transactionDate
		}
		c, ok, err := find(`
			SELECT id FROM transactions
			WHERE account_id = ? AND book_date = ? AND status = ? AND posting_date = ? AND type = ? AND amount = ?
			  AND description = ? AND transaction_date = ? AND occurrence = ? AND annotation_id IS NULL
			ORDER BY id LIMIT 1`, accountID, bookDate, string(l.key.status), l.key.postingDate, string(l.key.typ),
			int64(l.key.amount), l.key.description, l.key.transactionDate, l.key.occurrence)
		if err != nil {
			return 0, 0, err
		}
		if !ok {
			left = append(left, l)
			continue
		}
		if err := attach(ctx, tx, l.id, c); err != nil {
			return 0, 0, err
		}
		reattached++
	}
	now := s.nowString()
	days := fmt.Sprintf("%d days", LooseMatchDays)
	lag := fmt.Sprintf("%d days", LooseMatchDays+LoosePostingLagDays)
	for _, l := range left {
		// The book_date bounds keep the lookup on the account index: a
		// candidate is pending (book_date = transaction date) or posted
		// within LoosePostingLagDays of its transaction date.
		c, ok, err := find(`
			SELECT id FROM transactions
			WHERE account_id = ? AND book_date BETWEEN date(?, '-'||?) AND date(?, '+'||?)
			  AND amount = ? AND type = ? AND description = ? AND annotation_id IS NULL
			  AND transaction_date BETWEEN date(?, '-'||?) AND date(?, '+'||?)
			ORDER BY abs(julianday(transaction_date) - julianday(?)), status = 'PENDING', book_date, seq, id
			LIMIT 1`, accountID, l.key.transactionDate, days, l.key.transactionDate, lag,
			int64(l.key.amount), string(l.key.typ), l.key.description,
			l.key.transactionDate, days, l.key.transactionDate, days, l.key.transactionDate)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			if err := attach(ctx, tx, l.id, c); err != nil {
				return 0, 0, err
			}
			reattached++
			continue
		}
		if l.orphaned {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annotations SET orphaned_at = ? WHERE id = ?`, now, l.id); err != nil {
			return 0, 0, formatError(fmt.Errorf("orphan annotation: %w", err))
		}
		orphaned++
	}
	return reattached, orphaned, nil
}
