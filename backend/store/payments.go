package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/payments"
)

// payStampFormat is how the journal writes instants: RFC 3339 in UTC with
// exactly three decimals, so text order is time order.
const payStampFormat = "2006-01-02T15:04:05.000Z07:00"

// PayStamp formats t the way the journal stores instants.
func PayStamp(t time.Time) string { return t.UTC().Format(payStampFormat) }

// ParsePayStamp reads an instant written by PayStamp (or any RFC 3339
// time).
func ParsePayStamp(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// movedStatuses are the statuses whose money may have left the account, as
// SQL (fixed text, no input).
var movedStatuses = func() string {
	var out []string
	for _, s := range domain.AllPayStatuses {
		if s.Value.MayHaveMoved() {
			out = append(out, "'"+string(s.Value)+"'")
		}
	}
	return "(" + strings.Join(out, ", ") + ")"
}()

// CreatePayAttempts journals reviewed attempts (status reviewed, nothing
// sent) in one transaction, with each line's fingerprint for the duplicate
// check.
func (s *Store) CreatePayAttempts(ctx context.Context, reviewedAt time.Time, attempts []domain.PayAttempt) error {
	at := PayStamp(reviewedAt)
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, a := range attempts {
			if a.ID == "" || len(a.Lines) == 0 {
				return domain.Errorf(domain.CodeInternal, "a payment attempt needs an ID and at least one line")
			}
			var auth domain.PayAuthorisers
			if a.Authorisers != nil {
				auth = *a.Authorisers
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO pay_attempts (id, group_id, batch_index, batch_count, kind, from_account_id,
					from_account_number, from_account_name, from_product_name, profile_id, total,
					authoriser_a_id, authoriser_a_name, authoriser_b_id, authoriser_b_name, auth_period_id,
					auth_period_name, status, reviewed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'reviewed', ?)`,
				a.ID, a.GroupID, a.BatchIndex, a.BatchCount, string(a.Kind), a.From.ID, a.From.Number, a.From.Name,
				a.From.ProductName, a.ProfileID, int64(a.Total), auth.AuthoriserA.ID, auth.AuthoriserA.Name,
				auth.AuthoriserB.ID, auth.AuthoriserB.Name, auth.Period.ID, auth.Period.Name, at); err != nil {
				return formatError(fmt.Errorf("journal payment: %w", err))
			}
			for i, l := range a.Lines {
				fp := payments.Fingerprint(a.Kind, a.From.ID, l.TargetID, l.Amount, l.MyReference, l.TheirReference)
				if _, err := tx.ExecContext(ctx, `
					INSERT INTO pay_items (attempt_id, position, target_id, target_name, target_number, target_bank,
						amount, my_reference, their_reference, faster_payment, fingerprint)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					a.ID, i, l.TargetID, l.TargetName, l.TargetNumber, l.TargetBank, int64(l.Amount),
					l.MyReference, l.TheirReference, boolInt(l.FasterPayment), fp); err != nil {
					return formatError(fmt.Errorf("journal payment line: %w", err))
				}
			}
		}
		return nil
	})
}

// ClaimPayAttempt moves a reviewed attempt to sending, recording when it
// was confirmed and whether a duplicate warning was acknowledged. It
// reports false (and changes nothing) when the attempt is no longer
// reviewed: someone already confirmed it, so it must not be sent again.
// This single conditional update is what keeps one attempt from ever being
// sent twice, across windows and processes.
func (s *Store) ClaimPayAttempt(ctx context.Context, id string, at time.Time, duplicateAcknowledged bool) (bool, error) {
	var claimed bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE pay_attempts SET status = 'sending', sent_at = ?, duplicate_acknowledged = ?
			WHERE id = ? AND status = 'reviewed'`, PayStamp(at), boolInt(duplicateAcknowledged), id)
		if err != nil {
			return formatError(fmt.Errorf("claim payment: %w", err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return formatError(fmt.Errorf("claim payment: %w", err))
		}
		claimed = n == 1
		return nil
	})
	return claimed, err
}

// PayOutcome is what became of a sent attempt: its final status, the safe
// error (if any), the bank's own error message and, per line in request
// order, the bank's answer (PaymentReference, PaymentDate, BankStatus,
// BeneficiaryName, AuthorisationRequired are read from Lines).
type PayOutcome struct {
	Status       domain.PayStatus
	ErrorCode    domain.Code
	ErrorMessage string
	BankMessage  string
	Lines        []domain.PayLine
}

// FinishPayAttempt records the outcome of an attempt that is sending. It
// fails with a conflict if the attempt is not sending (an outcome is
// recorded once).
func (s *Store) FinishPayAttempt(ctx context.Context, id string, at time.Time, o PayOutcome) error {
	if o.Status == domain.PayReviewed || o.Status == domain.PaySending || o.Status == domain.PayMatched {
		return domain.Errorf(domain.CodeInternal, "%q is not an outcome", o.Status)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE pay_attempts SET status = ?, finished_at = ?, error_code = ?, error_message = ?, bank_message = ?
			WHERE id = ? AND status = 'sending'`,
			string(o.Status), PayStamp(at), string(o.ErrorCode), o.ErrorMessage, o.BankMessage, id)
		if err != nil {
			return formatError(fmt.Errorf("record payment outcome: %w", err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.CodeConflict, "This payment's outcome is already recorded.")
		}
		for i, l := range o.Lines {
			status, err := json.Marshal(nonNil(l.BankStatus))
			if err != nil {
				return fmt.Errorf("record payment outcome: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `
				UPDATE pay_items SET payment_reference = ?, payment_date = ?, bank_status = ?, beneficiary_name = ?,
					authorisation_required = ?
				WHERE attempt_id = ? AND position = ?`,
				l.PaymentReference, l.PaymentDate, string(status), l.BeneficiaryName, boolInt(l.AuthorisationRequired),
				id, i); err != nil {
				return formatError(fmt.Errorf("record payment outcome: %w", err))
			}
		}
		return nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ExpireStalePaySending marks attempts that have been sending since before
// before as unknown (the app stopped while waiting for the bank), with
// message as the reason. It returns how many it marked.
func (s *Store) ExpireStalePaySending(ctx context.Context, before, at time.Time, message string) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE pay_attempts SET status = 'unknown', finished_at = ?, error_code = ?, error_message = ?
			WHERE status = 'sending' AND sent_at < ?`,
			PayStamp(at), string(domain.CodeUnknownOutcome), message, PayStamp(before))
		if err != nil {
			return formatError(fmt.Errorf("expire stale payments: %w", err))
		}
		n, err = res.RowsAffected()
		return formatError(err)
	})
	return int(n), err
}

// DeleteStaleReviews removes reviews that were never confirmed and were
// made before before. Confirmed attempts are never deleted.
func (s *Store) DeleteStaleReviews(ctx context.Context, before time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM pay_attempts WHERE status = 'reviewed' AND reviewed_at < ?`, PayStamp(before)); err != nil {
			return formatError(fmt.Errorf("delete stale reviews: %w", err))
		}
		return nil
	})
}

// PayMovedBetween returns the total of the attempts sent in [from, to) whose
// money may have moved (sending, succeeded, partial, unknown, matched).
func (s *Store) PayMovedBetween(ctx context.Context, from, to time.Time) (domain.Money, error) {
	var total int64
	err := s.r.QueryRowContext(ctx, `
		SELECT coalesce(sum(total), 0) FROM pay_attempts
		WHERE sent_at >= ? AND sent_at < ? AND status IN `+movedStatuses,
		PayStamp(from), PayStamp(to)).Scan(&total)
	if err != nil {
		return 0, formatError(fmt.Errorf("sum payments: %w", err))
	}
	return domain.Money(total), nil
}

// PayIdentical is a recent attempt with a line identical to one being
// reviewed.
type PayIdentical struct {
	Fingerprint string
	AttemptID   string
	SentAt      time.Time
}

// RecentIdentical returns, for each of fingerprints, the most recent
// attempt sent at or after since (other than exceptAttempt) with a line of
// that fingerprint whose money may have moved.
func (s *Store) RecentIdentical(ctx context.Context, fingerprints []string, since time.Time, exceptAttempt string) (map[string]PayIdentical, error) {
	out := map[string]PayIdentical{}
	if len(fingerprints) == 0 {
		return out, nil
	}
	args := []any{PayStamp(since), exceptAttempt}
	args = append(args, anySlice(fingerprints)...)
	//nolint:gosec // G202: fixed fragments and placeholders only
	rows, err := s.r.QueryContext(ctx, `
		SELECT i.fingerprint, a.id, a.sent_at FROM pay_items i JOIN pay_attempts a ON a.id = i.attempt_id
		WHERE a.sent_at >= ? AND a.id <> ? AND a.status IN `+movedStatuses+`
			AND i.fingerprint IN (`+placeholders(len(fingerprints))+`)
		ORDER BY a.sent_at`, args...)
	if err != nil {
		return nil, formatError(fmt.Errorf("find identical payments: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var fp, id, sent string
		if err := rows.Scan(&fp, &id, &sent); err != nil {
			return nil, formatError(fmt.Errorf("find identical payments: %w", err))
		}
		t, err := ParsePayStamp(sent)
		if err != nil {
			return nil, fmt.Errorf("find identical payments: %w", err)
		}
		out[fp] = PayIdentical{Fingerprint: fp, AttemptID: id, SentAt: t} // later rows win
	}
	return out, formatError(rows.Err())
}

// PayAttempt returns one journalled attempt with its lines.
func (s *Store) PayAttempt(ctx context.Context, id string) (domain.PayAttempt, error) {
	list, err := s.queryPayAttempts(ctx, `WHERE a.id = ?`, id)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	if len(list) == 0 {
		return domain.PayAttempt{}, domain.Errorf(domain.CodeNotFound, "There is no such payment or transfer in the journal.")
	}
	return list[0], nil
}

// ListPayAttempts returns the journal: every attempt that was confirmed
// (not mere reviews), newest first, at most limit (all when limit <= 0).
func (s *Store) ListPayAttempts(ctx context.Context, limit int) ([]domain.PayAttempt, error) {
	q := `WHERE a.status <> 'reviewed' ORDER BY a.sent_at DESC, a.batch_index DESC, a.rowid DESC`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	return s.queryPayAttempts(ctx, q)
}

// UnknownPayAttempts returns the attempts whose outcome is unknown, oldest
// first.
func (s *Store) UnknownPayAttempts(ctx context.Context) ([]domain.PayAttempt, error) {
	return s.queryPayAttempts(ctx, `WHERE a.status = 'unknown' ORDER BY a.sent_at, a.rowid`)
}

// queryPayAttempts reads attempts selected by tail (a fixed WHERE/ORDER
// fragment) and their lines, in one read transaction.
func (s *Store) queryPayAttempts(ctx context.Context, tail string, args ...any) ([]domain.PayAttempt, error) {
	var out []domain.PayAttempt
	err := s.read(ctx, func(tx *sql.Tx) error {
		//nolint:gosec // G202: tail is a fixed fragment from this file
		rows, err := tx.QueryContext(ctx, `
			SELECT a.id, a.group_id, a.batch_index, a.batch_count, a.kind, a.from_account_id, a.from_account_number,
				a.from_account_name, a.from_product_name, a.profile_id, a.total, a.authoriser_a_id, a.authoriser_a_name,
				a.authoriser_b_id, a.authoriser_b_name, a.auth_period_id, a.auth_period_name, a.status,
				a.duplicate_acknowledged, a.reviewed_at, coalesce(a.sent_at, ''), coalesce(a.finished_at, ''),
				coalesce(a.matched_at, ''), a.error_code, a.error_message, a.bank_message
			FROM pay_attempts a `+tail, args...)
		if err != nil {
			return formatError(fmt.Errorf("read payments: %w", err))
		}
		defer rows.Close()
		index := map[string]int{}
		for rows.Next() {
			var a domain.PayAttempt
			var kind, status, code string
			var total int64
			var auth domain.PayAuthorisers
			if err := rows.Scan(&a.ID, &a.GroupID, &a.BatchIndex, &a.BatchCount, &kind, &a.From.ID, &a.From.Number,
				&a.From.Name, &a.From.ProductName, &a.ProfileID, &total, &auth.AuthoriserA.ID, &auth.AuthoriserA.Name,
				&auth.AuthoriserB.ID, &auth.AuthoriserB.Name, &auth.Period.ID, &auth.Period.Name, &status,
				&a.DuplicateAcknowledged, &a.ReviewedAt, &a.SentAt, &a.FinishedAt, &a.MatchedAt, &code,
				&a.ErrorMessage, &a.BankMessage); err != nil {
				return formatError(fmt.Errorf("read payments: %w", err))
			}
			a.Kind, a.Status, a.ErrorCode, a.Total = domain.PayKind(kind), domain.PayStatus(status), domain.Code(code), domain.Money(total)
			if auth.AuthoriserA.ID != "" || auth.AuthoriserB.ID != "" || auth.Period.ID != "" {
				a.Authorisers = &auth
			}
			a.Lines = []domain.PayLine{}
			index[a.ID] = len(out)
			out = append(out, a)
		}
		if err := rows.Err(); err != nil {
			return formatError(fmt.Errorf("read payments: %w", err))
		}
		if len(out) == 0 {
			return nil
		}
		ids := make([]string, len(out))
		for i, a := range out {
			ids[i] = a.ID
		}
		//nolint:gosec // G202: placeholders only
		items, err := tx.QueryContext(ctx, `
			SELECT attempt_id, target_id, target_name, target_number, target_bank, amount, my_reference,
				their_reference, faster_payment, payment_reference, payment_date, bank_status, beneficiary_name,
				authorisation_required, match_transaction_id, match_account_id, match_posting_date,
				match_transaction_date, match_description, match_amount, match_posted_order
			FROM pay_items WHERE attempt_id IN (`+placeholders(len(ids))+`) ORDER BY attempt_id, position`, anySlice(ids)...)
		if err != nil {
			return formatError(fmt.Errorf("read payment lines: %w", err))
		}
		defer items.Close()
		for items.Next() {
			var id, status string
			var l domain.PayLine
			var amount int64
			var mID, mAmount, mOrder sql.NullInt64
			var mAccount, mPosting, mTxDate, mDesc sql.NullString
			if err := items.Scan(&id, &l.TargetID, &l.TargetName, &l.TargetNumber, &l.TargetBank, &amount,
				&l.MyReference, &l.TheirReference, &l.FasterPayment, &l.PaymentReference, &l.PaymentDate, &status,
				&l.BeneficiaryName, &l.AuthorisationRequired, &mID, &mAccount, &mPosting, &mTxDate, &mDesc,
				&mAmount, &mOrder); err != nil {
				return formatError(fmt.Errorf("read payment lines: %w", err))
			}
			l.Amount = domain.Money(amount)
			if err := json.Unmarshal([]byte(status), &l.BankStatus); err != nil {
				return fmt.Errorf("read payment lines: bank status: %w", err)
			}
			if mAccount.Valid {
				l.Match = &domain.PayMatch{TransactionID: mID.Int64, AccountID: mAccount.String, PostingDate: mPosting.String,
					TransactionDate: mTxDate.String, Description: mDesc.String, Amount: domain.Money(mAmount.Int64), PostedOrder: mOrder.Int64}
			}
			a := &out[index[id]]
			a.Lines = append(a.Lines, l)
		}
		return formatError(items.Err())
	})
	return out, err
}

// MatchPayItem records that a posted transaction is the one an item of an
// unknown attempt produced, and marks the attempt matched once every item
// is. It reports false when the transaction is already matched to another
// item (one transaction never explains two attempts) or the item is
// already matched.
func (s *Store) MatchPayItem(ctx context.Context, attemptID string, position int, key string, t domain.Transaction, at time.Time) (bool, error) {
	var ok bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pay_items WHERE match_key = ?`, key).Scan(&taken); err != nil {
			return formatError(fmt.Errorf("match payment: %w", err))
		}
		if taken > 0 {
			return nil
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE pay_items SET match_key = ?, match_transaction_id = ?, match_account_id = ?, match_posting_date = ?,
				match_transaction_date = ?, match_description = ?, match_amount = ?, match_posted_order = ?
			WHERE attempt_id = ? AND position = ? AND match_key IS NULL`,
			key, t.ID, t.AccountID, t.PostingDate, t.TransactionDate, t.Description, int64(t.Amount), t.PostedOrder,
			attemptID, position)
		if err != nil {
			return formatError(fmt.Errorf("match payment: %w", err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		ok = true
		_, err = tx.ExecContext(ctx, `
			UPDATE pay_attempts SET status = 'matched', matched_at = ?
			WHERE id = ? AND status = 'unknown'
				AND NOT EXISTS (SELECT 1 FROM pay_items WHERE attempt_id = ? AND match_key IS NULL)`,
			PayStamp(at), attemptID, attemptID)
		return formatError(err)
	})
	return ok, err
}

// SavePayTemplate creates a template (ID 0) or replaces one, and returns
// it as saved. Names are unique, ignoring case.
func (s *Store) SavePayTemplate(ctx context.Context, t domain.PayTemplate, at time.Time) (domain.PayTemplate, error) {
	var form any
	switch t.Kind {
	case domain.PayTransfer:
		form = t.Transfer
	case domain.PayPayment:
		form = t.Payment
	}
	if form == nil || (t.Kind == domain.PayTransfer && t.Transfer == nil) || (t.Kind == domain.PayPayment && t.Payment == nil) {
		return domain.PayTemplate{}, domain.FieldError("kind", "A template holds a transfer or a payment.")
	}
	b, err := json.Marshal(form)
	if err != nil {
		return domain.PayTemplate{}, fmt.Errorf("save template: %w", err)
	}
	now := PayStamp(at)
	err = s.write(ctx, func(tx *sql.Tx) error {
		if t.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO pay_templates (name, kind, form, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				t.Name, string(t.Kind), string(b), now, now)
			if err != nil {
				return templateError(err)
			}
			t.ID, err = res.LastInsertId()
			return formatError(err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE pay_templates SET name = ?, kind = ?, form = ?, updated_at = ? WHERE id = ?`,
			t.Name, string(t.Kind), string(b), now, t.ID)
		if err != nil {
			return templateError(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.CodeNotFound, "That template no longer exists.")
		}
		return nil
	})
	if err != nil {
		return domain.PayTemplate{}, err
	}
	return s.payTemplate(ctx, t.ID)
}

func templateError(err error) error {
	err = formatError(err)
	if domain.ErrorCode(err) == domain.CodeConflict {
		return domain.FieldError("name", "A template with this name exists; choose another name.")
	}
	return fmt.Errorf("save template: %w", err)
}

func (s *Store) payTemplate(ctx context.Context, id int64) (domain.PayTemplate, error) {
	list, err := s.queryPayTemplates(ctx, `WHERE id = ?`, id)
	if err != nil {
		return domain.PayTemplate{}, err
	}
	if len(list) == 0 {
		return domain.PayTemplate{}, domain.Errorf(domain.CodeNotFound, "That template no longer exists.")
	}
	return list[0], nil
}

// ListPayTemplates returns the saved templates by name.
func (s *Store) ListPayTemplates(ctx context.Context) ([]domain.PayTemplate, error) {
	return s.queryPayTemplates(ctx, `ORDER BY name COLLATE NOCASE, id`)
}

func (s *Store) queryPayTemplates(ctx context.Context, tail string, args ...any) ([]domain.PayTemplate, error) {
	//nolint:gosec // G202: tail is a fixed fragment from this file
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, kind, form, created_at, updated_at FROM pay_templates `+tail, args...)
	if err != nil {
		return nil, formatError(fmt.Errorf("read templates: %w", err))
	}
	defer rows.Close()
	out := []domain.PayTemplate{}
	for rows.Next() {
		var t domain.PayTemplate
		var kind, form string
		if err := rows.Scan(&t.ID, &t.Name, &kind, &form, &t.CreatedAt, &t.UpdatedAt); err != nil {
			return nil, formatError(fmt.Errorf("read templates: %w", err))
		}
		t.Kind = domain.PayKind(kind)
		switch t.Kind {
		case domain.PayTransfer:
			t.Transfer = &domain.TransferForm{}
			err = json.Unmarshal([]byte(form), t.Transfer)
		case domain.PayPayment:
			t.Payment = &domain.PaymentForm{}
			err = json.Unmarshal([]byte(form), t.Payment)
		default:
			err = errors.New("unknown kind")
		}
		if err != nil {
			return nil, fmt.Errorf("read template %d: %w", t.ID, err)
		}
		out = append(out, t)
	}
	return out, formatError(rows.Err())
}

// DeletePayTemplate removes a template.
func (s *Store) DeletePayTemplate(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM pay_templates WHERE id = ?`, id)
		if err != nil {
			return formatError(fmt.Errorf("delete template: %w", err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.CodeNotFound, "That template no longer exists.")
		}
		return nil
	})
}
