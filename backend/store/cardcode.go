package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// stampLayout is how the card code tables write instants: UTC with
// milliseconds and a fixed width, so text order is time order.
const stampLayout = "2006-01-02T15:04:05.000Z"

// normStamp rewrites an RFC 3339 time in stampLayout.
func normStamp(s string) (string, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return "", false
	}
	return t.UTC().Format(stampLayout), true
}

// MaxLocalExecutions is how many local emulator executions the cache keeps
// per card; older ones are dropped as new ones arrive.
const MaxLocalExecutions = 500

// CodeSHA256 returns the hex SHA-256 of card code, as the history records
// it.
func CodeSHA256(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// AddCodeVersion records a version of a card's code in the local history.
// SHA256 is computed from Code, and At defaults to the store clock. A
// version already recorded (same card, kind and code ID) is left as it is;
// the recorded row is returned either way, with added reporting whether it
// is new.
func (s *Store) AddCodeVersion(ctx context.Context, v domain.CodeVersion) (stored domain.CodeVersion, added bool, err error) {
	switch {
	case strings.TrimSpace(v.CardKey) == "":
		return v, false, domain.FieldError("cardKey", "a code version needs its card")
	case v.Kind != domain.CodeVersionSaved && v.Kind != domain.CodeVersionPublished:
		return v, false, domain.FieldError("kind", "a code version is saved or published, not %q", v.Kind)
	case strings.TrimSpace(v.CodeID) == "":
		return v, false, domain.FieldError("codeId", "a code version needs its code ID")
	}
	at := s.now().UTC().Format(stampLayout)
	if v.At != "" {
		var ok bool
		if at, ok = normStamp(v.At); !ok {
			return v, false, domain.FieldError("at", "%q is not an RFC 3339 time", v.At)
		}
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO card_code_versions (card_key, kind, code_id, code, sha256, at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (card_key, kind, code_id) DO NOTHING`,
			v.CardKey, string(v.Kind), v.CodeID, v.Code, CodeSHA256(v.Code), at)
		if err != nil {
			return formatError(fmt.Errorf("record code version: %w", err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return formatError(fmt.Errorf("record code version: %w", err))
		}
		added = n == 1
		row := tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM card_code_versions
			WHERE card_key = ? AND kind = ? AND code_id = ?`, v.CardKey, string(v.Kind), v.CodeID)
		stored, err = scanVersion(row)
		if err != nil {
			return formatError(fmt.Errorf("record code version: %w", err))
		}
		return nil
	})
	return stored, added, err
}

const versionColumns = `id, card_key, kind, code_id, code, sha256, at`

func scanVersion(sc interface{ Scan(...any) error }) (domain.CodeVersion, error) {
	var v domain.CodeVersion
	err := sc.Scan(&v.ID, &v.CardKey, &v.Kind, &v.CodeID, &v.Code, &v.SHA256, &v.At)
	return v, err
}

// ListCodeVersions returns a card's code history, newest first, at most
// limit entries (all when limit <= 0).
func (s *Store) ListCodeVersions(ctx context.Context, cardKey string, limit int) ([]domain.CodeVersion, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+versionColumns+` FROM card_code_versions
		WHERE card_key = ? ORDER BY at DESC, id DESC LIMIT ?`, cardKey, limit)
	if err != nil {
		return nil, formatError(fmt.Errorf("list code versions: %w", err))
	}
	defer rows.Close()
	out := []domain.CodeVersion{}
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, formatError(fmt.Errorf("list code versions: %w", err))
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, formatError(fmt.Errorf("list code versions: %w", err))
	}
	return out, nil
}

// GetCodeVersion returns one entry of the code history.
func (s *Store) GetCodeVersion(ctx context.Context, id int64) (domain.CodeVersion, error) {
	v, err := scanVersion(s.r.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM card_code_versions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, domain.Wrap(err, domain.CodeNotFound, "That version is not in the history.")
	}
	if err != nil {
		return v, formatError(fmt.Errorf("get code version: %w", err))
	}
	return v, nil
}

// AddLocalExecutions keeps executions of the offline emulator. Each must
// have Source local, an ID, a card key and Local set. Beyond
// MaxLocalExecutions per card the oldest are dropped.
func (s *Store) AddLocalExecutions(ctx context.Context, execs []domain.CardExecution) error {
	execs = slices.Clone(execs) // timestamps are normalised on the copy
	for i, e := range execs {
		if e.Source != domain.ExecutionLocal || e.ID == "" || e.CardKey == "" || e.Local == nil {
			return domain.Errorf(domain.CodeInternal, "only complete local executions are kept")
		}
		stamps := []*string{&execs[i].CreatedAt, &execs[i].StartedAt, &execs[i].CompletedAt}
		for _, p := range stamps {
			v, ok := normStamp(*p)
			if !ok {
				return domain.Errorf(domain.CodeInternal, "a local execution has a bad timestamp %q", *p)
			}
			*p = v
		}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		cards := map[string]bool{}
		for _, e := range execs {
			logs := e.Logs
			if logs == nil {
				logs = []domain.ExecutionLog{}
			}
			b, err := json.Marshal(logs)
			if err != nil {
				return fmt.Errorf("encode execution logs: %w", err)
			}
			var approved any
			if e.Approved != nil {
				approved = boolInt(*e.Approved)
			}
			l := e.Local
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO card_local_executions (card_key, execution_id, type, approved, logs, error, created_at, started_at,
					completed_at, cents_amount, currency_code, merchant_code, merchant_name, merchant_city, country_code, code_sha256)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				e.CardKey, e.ID, e.Type, approved, string(b), e.Error, e.CreatedAt, e.StartedAt, e.CompletedAt,
				int64(l.CentsAmount), l.CurrencyCode, l.MerchantCode, l.MerchantName, l.MerchantCity, l.CountryCode, l.CodeSHA256); err != nil {
				return formatError(fmt.Errorf("keep local execution: %w", err))
			}
			cards[e.CardKey] = true
		}
		for card := range cards {
			if _, err := tx.ExecContext(ctx, `
				DELETE FROM card_local_executions WHERE card_key = ? AND id NOT IN (
					SELECT id FROM card_local_executions WHERE card_key = ? ORDER BY created_at DESC, id DESC LIMIT ?)`,
				card, card, MaxLocalExecutions); err != nil {
				return formatError(fmt.Errorf("prune local executions: %w", err))
			}
		}
		return nil
	})
}

// ListLocalExecutions returns a card's local emulator executions, newest
// first, at most limit (all kept when limit <= 0).
func (s *Store) ListLocalExecutions(ctx context.Context, cardKey string, limit int) ([]domain.CardExecution, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.r.QueryContext(ctx, `
		SELECT card_key, execution_id, type, approved, logs, error, created_at, started_at, completed_at,
			cents_amount, currency_code, merchant_code, merchant_name, merchant_city, country_code, code_sha256
		FROM card_local_executions WHERE card_key = ? ORDER BY created_at DESC, id DESC LIMIT ?`, cardKey, limit)
	if err != nil {
		return nil, formatError(fmt.Errorf("list local executions: %w", err))
	}
	defer rows.Close()
	out := []domain.CardExecution{}
	for rows.Next() {
		var (
			e        domain.CardExecution
			l        domain.LocalRun
			approved sql.NullInt64
			logs     string
			cents    int64
		)
		if err := rows.Scan(&e.CardKey, &e.ID, &e.Type, &approved, &logs, &e.Error, &e.CreatedAt, &e.StartedAt, &e.CompletedAt,
			&cents, &l.CurrencyCode, &l.MerchantCode, &l.MerchantName, &l.MerchantCity, &l.CountryCode, &l.CodeSHA256); err != nil {
			return nil, formatError(fmt.Errorf("list local executions: %w", err))
		}
		if err := json.Unmarshal([]byte(logs), &e.Logs); err != nil {
			return nil, fmt.Errorf("decode execution logs: %w", err)
		}
		if approved.Valid {
			ok := approved.Int64 == 1
			e.Approved = &ok
		}
		l.CentsAmount = domain.Money(cents)
		e.Source, e.Local = domain.ExecutionLocal, &l
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, formatError(fmt.Errorf("list local executions: %w", err))
	}
	return out, nil
}

// maxPostingDelay is how long after its transaction date a card purchase
// may post; it bounds the scan of CardTransactions.
const maxPostingDelay = 10

// CardTransactions returns the cached transactions made with the card whose
// number ends in last4 (four digits) on an account (all accounts when
// accountID is ""), with a transaction date from..to inclusive
// (YYYY-MM-DD), in the bank's order. Investec sends pending transactions
// without a card number, so when accountID is given the account's pending
// transactions without one are included too: they may be the card's.
func (s *Store) CardTransactions(ctx context.Context, accountID, last4, from, to string) ([]domain.Transaction, error) {
	if len(last4) != 4 || strings.Trim(last4, "0123456789") != "" {
		return nil, domain.FieldError("last4", "a card is matched on the last four digits of its number")
	}
	if !isDate(from) || !isDate(to) {
		return nil, domain.FieldError("from", "dates must be YYYY-MM-DD")
	}
	toDay, _ := time.Parse(time.DateOnly, to)
	bookTo := toDay.AddDate(0, 0, maxPostingDelay).Format(time.DateOnly)
	card := `t.card_number LIKE ?`
	if accountID != "" {
		card = `(t.card_number LIKE ? OR (t.status = 'PENDING' AND t.card_number = ''))`
	}
	where := []string{card, `t.transaction_date BETWEEN ? AND ?`, `t.book_date BETWEEN ? AND ?`}
	args := []any{"%" + last4, from, to, from, bookTo}
	if accountID != "" {
		where = append([]string{`t.account_id = ?`}, where...)
		args = append([]any{accountID}, args...)
	}
	//nolint:gosec // G202: the SQL is built from fixed fragments; every value is a ? argument
	rows, err := s.r.QueryContext(ctx, `SELECT `+txColumns+`
		FROM transactions t LEFT JOIN annotations a ON a.id = t.annotation_id
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY t.account_id, t.book_date, t.seq`, args...)
	if err != nil {
		return nil, formatError(fmt.Errorf("card transactions: %w", err))
	}
	defer rows.Close()
	out := []domain.Transaction{}
	for rows.Next() {
		t, err := scanTransaction(rows)
		if err != nil {
			return nil, formatError(fmt.Errorf("card transactions: %w", err))
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, formatError(fmt.Errorf("card transactions: %w", err))
	}
	return out, nil
}
