package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// SaveAccounts records the accounts the bank listed, in its order. Known
// accounts are updated; accounts the bank no longer lists are kept, with
// their history, so nothing the user reviewed disappears.
func (s *Store) SaveAccounts(ctx context.Context, accounts []domain.Account) error {
	now := s.nowString()
	return s.write(ctx, func(tx *sql.Tx) error {
		for i, a := range accounts {
			if a.ID == "" {
				return domain.FieldError("id", "an account without an ID cannot be cached")
			}
			kind := a.Kind
			if kind == "" {
				kind = domain.AccountPrivate
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO accounts (id, number, name, reference_name, product_name, profile_id, profile_name,
					kyc_compliant, kind, position, first_seen_at, last_seen_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET number = excluded.number, name = excluded.name,
					reference_name = excluded.reference_name, product_name = excluded.product_name,
					profile_id = excluded.profile_id, profile_name = excluded.profile_name,
					kyc_compliant = excluded.kyc_compliant, kind = excluded.kind,
					position = excluded.position, last_seen_at = excluded.last_seen_at`,
				a.ID, a.Number, a.Name, a.ReferenceName, a.ProductName, a.ProfileID, a.ProfileName,
				boolInt(a.KYCCompliant), string(kind), i, now, now); err != nil {
				return formatError(fmt.Errorf("save account: %w", err))
			}
		}
		return nil
	})
}

// ListAccounts returns every cached account in the bank's order, each with
// its latest cached balance (nil if none) and the time its transactions were
// last synced successfully.
func (s *Store) ListAccounts(ctx context.Context) ([]domain.Account, error) {
	var out []domain.Account
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT a.id, a.number, a.name, a.reference_name, a.product_name, a.profile_id, a.profile_name,
				a.kyc_compliant, a.kind, coalesce(ss.last_success_at, ''),
				b.current, b.available, b.budget, b.straight, b.cash, b.currency, b.fetched_at
			FROM accounts a
			LEFT JOIN sync_state ss ON ss.account_id = a.id
			LEFT JOIN balances b ON b.id = (
				SELECT id FROM balances WHERE account_id = a.id ORDER BY fetched_at DESC, id DESC LIMIT 1)
			ORDER BY a.position, a.id`)
		if err != nil {
			return formatError(fmt.Errorf("list accounts: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var a domain.Account
			var kind string
			var cur, avail, budget, straight, cash sql.NullInt64
			var currency, fetched sql.NullString
			if err := rows.Scan(&a.ID, &a.Number, &a.Name, &a.ReferenceName, &a.ProductName, &a.ProfileID,
				&a.ProfileName, &a.KYCCompliant, &kind, &a.LastSyncedAt,
				&cur, &avail, &budget, &straight, &cash, &currency, &fetched); err != nil {
				return formatError(fmt.Errorf("list accounts: %w", err))
			}
			a.Kind = domain.AccountKind(kind)
			if cur.Valid {
				a.Balance = &domain.Balance{
					AccountID: a.ID, Current: domain.Money(cur.Int64), Available: domain.Money(avail.Int64),
					Budget: moneyPtr(budget), Straight: moneyPtr(straight), Cash: moneyPtr(cash),
					Currency: currency.String, FetchedAt: fetched.String,
				}
			}
			out = append(out, a)
		}
		return formatError(rows.Err())
	})
	return out, err
}

// AddBalance appends a balance to the account's balance history. An empty
// FetchedAt is set to the store clock's now.
func (s *Store) AddBalance(ctx context.Context, b domain.Balance) error {
	if b.FetchedAt == "" {
		b.FetchedAt = s.nowString()
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO balances (account_id, current, available, budget, straight, cash, currency, fetched_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			b.AccountID, int64(b.Current), int64(b.Available), nullMoney(b.Budget), nullMoney(b.Straight),
			nullMoney(b.Cash), b.Currency, b.FetchedAt)
		if err != nil {
			return formatError(fmt.Errorf("add balance: %w", err))
		}
		return nil
	})
}

// ListBalances returns the balances fetched for an account, oldest first.
func (s *Store) ListBalances(ctx context.Context, accountID string) ([]domain.Balance, error) {
	var out []domain.Balance
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT current, available, budget, straight, cash, currency, fetched_at
			FROM balances WHERE account_id = ? ORDER BY fetched_at, id`, accountID)
		if err != nil {
			return formatError(fmt.Errorf("list balances: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			b := domain.Balance{AccountID: accountID}
			var cur, avail int64
			var budget, straight, cash sql.NullInt64
			if err := rows.Scan(&cur, &avail, &budget, &straight, &cash, &b.Currency, &b.FetchedAt); err != nil {
				return formatError(fmt.Errorf("list balances: %w", err))
			}
			b.Current, b.Available = domain.Money(cur), domain.Money(avail)
			b.Budget, b.Straight, b.Cash = moneyPtr(budget), moneyPtr(straight), moneyPtr(cash)
			out = append(out, b)
		}
		return formatError(rows.Err())
	})
	return out, err
}

// BalanceHistory returns an account's closing running balance for every day
// in [from, to] (inclusive; "" means unbounded) that has posted
// transactions: the running balance of the day's last transaction in bank
// order. It feeds the balance-over-time chart.
func (s *Store) BalanceHistory(ctx context.Context, accountID, from, to string) ([]domain.BalancePoint, error) {
	if to == "" {
		to = "9999-12-31"
	}
	var out []domain.BalancePoint
	err := s.read(ctx, func(tx *sql.Tx) error {
		// SQLite's bare-column rule: with max(seq), running_balance comes
		// from the row holding that maximum.
		rows, err := tx.QueryContext(ctx, `
			SELECT book_date, running_balance, max(seq)
			FROM transactions
			WHERE account_id = ? AND status = 'POSTED' AND book_date BETWEEN ? AND ?
			  AND running_balance IS NOT NULL
			GROUP BY book_date ORDER BY book_date`, accountID, from, to)
		if err != nil {
			return formatError(fmt.Errorf("balance history: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var p domain.BalancePoint
			var bal, seq int64
			if err := rows.Scan(&p.Date, &bal, &seq); err != nil {
				return formatError(fmt.Errorf("balance history: %w", err))
			}
			p.Balance = domain.Money(bal)
			out = append(out, p)
		}
		return formatError(rows.Err())
	})
	return out, err
}
