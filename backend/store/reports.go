package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// MonthlyInOut returns, for each of the given accounts (all when none) and
// each calendar month with posted transactions in [from, to] (inclusive,
// YYYY-MM-DD; "" means unbounded), the money in and out. Ordered by account
// then month.
func (s *Store) MonthlyInOut(ctx context.Context, accountIDs []string, from, to string) ([]domain.MonthlyFlow, error) {
	where, args := monthlyWhere(accountIDs, from, to)
	var out []domain.MonthlyFlow
	err := s.read(ctx, func(tx *sql.Tx) error {
		//nolint:gosec // G202: the SQL is built from fixed fragments; every value is a ? argument
		rows, err := tx.QueryContext(ctx, `
			SELECT t.account_id, substr(t.book_date, 1, 7) AS month, count(*),
				coalesce(sum(CASE WHEN t.type = 'CREDIT' THEN t.amount END), 0),
				coalesce(sum(CASE WHEN t.type = 'DEBIT' THEN t.amount END), 0)
			FROM transactions t`+where+`
			GROUP BY t.account_id, month ORDER BY t.account_id, month`, args...)
		if err != nil {
			return formatError(fmt.Errorf("monthly in and out: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var f domain.MonthlyFlow
			var in, outc int64
			if err := rows.Scan(&f.AccountID, &f.Month, &f.Count, &in, &outc); err != nil {
				return formatError(fmt.Errorf("monthly in and out: %w", err))
			}
			f.In, f.Out, f.Net = domain.Money(in), domain.Money(outc), domain.Money(in-outc)
			out = append(out, f)
		}
		return formatError(rows.Err())
	})
	return out, err
}

// MonthlyByTransactionType returns monthly totals per transactionType over
// the given accounts (all when none), posted transactions in [from, to].
func (s *Store) MonthlyByTransactionType(ctx context.Context, accountIDs []string, from, to string) ([]domain.MonthlyGroupTotal, error) {
	return s.monthlyGroups(ctx, `t.transaction_type`, false, accountIDs, from, to)
}

// MonthlyByCategory returns monthly totals per annotation category ("" for
// uncategorised) over the given accounts (all when none), posted
// transactions in [from, to].
func (s *Store) MonthlyByCategory(ctx context.Context, accountIDs []string, from, to string) ([]domain.MonthlyGroupTotal, error) {
	return s.monthlyGroups(ctx, `coalesce(a.category, '')`, true, accountIDs, from, to)
}

// monthlyGroups groups by a fixed SQL expression chosen by the caller (never
// user input).
func (s *Store) monthlyGroups(ctx context.Context, groupExpr string, joinAnn bool, accountIDs []string, from, to string) ([]domain.MonthlyGroupTotal, error) {
	where, args := monthlyWhere(accountIDs, from, to)
	join := ""
	if joinAnn {
		join = ` LEFT JOIN annotations a ON a.id = t.annotation_id`
	}
	var out []domain.MonthlyGroupTotal
	err := s.read(ctx, func(tx *sql.Tx) error {
		//nolint:gosec // G202: the SQL is built from fixed fragments; every value is a ? argument
		rows, err := tx.QueryContext(ctx, `
			SELECT substr(t.book_date, 1, 7) AS month, `+groupExpr+` AS grp, count(*),
				coalesce(sum(CASE WHEN t.type = 'CREDIT' THEN t.amount END), 0),
				coalesce(sum(CASE WHEN t.type = 'DEBIT' THEN t.amount END), 0)
			FROM transactions t`+join+where+`
			GROUP BY month, grp ORDER BY month, grp`, args...)
		if err != nil {
			return formatError(fmt.Errorf("monthly totals: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var g domain.MonthlyGroupTotal
			var in, outc int64
			if err := rows.Scan(&g.Month, &g.Group, &g.Count, &in, &outc); err != nil {
				return formatError(fmt.Errorf("monthly totals: %w", err))
			}
			g.In, g.Out, g.Net = domain.Money(in), domain.Money(outc), domain.Money(in-outc)
			out = append(out, g)
		}
		return formatError(rows.Err())
	})
	return out, err
}

func monthlyWhere(accountIDs []string, from, to string) (string, []any) {
	where := ` WHERE t.status = 'POSTED'`
	var args []any
	if len(accountIDs) > 0 {
		where += ` AND t.account_id IN (` + placeholders(len(accountIDs)) + `)`
		args = append(args, anySlice(accountIDs)...)
	}
	if from != "" {
		where += ` AND t.book_date >= ?`
		args = append(args, from)
	}
	if to != "" {
		where += ` AND t.book_date <= ?`
		args = append(args, to)
	}
	return where, args
}
