package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// ReplaceCards makes cards, in the bank's order, the whole cached list of
// the connection's cards, fetched now (the store clock). Cards the bank no
// longer lists are dropped. Only what the bank sent is kept: Cached,
// FetchedAt and AccountName are ignored.
func (s *Store) ReplaceCards(ctx context.Context, cards []domain.Card) error {
	for _, c := range cards {
		if strings.TrimSpace(c.Key) == "" {
			return domain.FieldError("key", "a card without a key cannot be cached")
		}
	}
	now := s.nowString()
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM cards`); err != nil {
			return formatError(fmt.Errorf("replace cards: %w", err))
		}
		for i, c := range cards {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO cards (card_key, position, number, status, type_code, embossed_name,
					account_id, account_number, programmable, virtual, fetched_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (card_key) DO NOTHING`,
				c.Key, i, c.Number, c.Status, c.TypeCode, c.EmbossedName, c.AccountID, c.AccountNumber,
				boolInt(c.Programmable), boolInt(c.Virtual), now); err != nil {
				return formatError(fmt.Errorf("replace cards: %w", err))
			}
		}
		return nil
	})
}

// ListCachedCards returns the cached cards in the bank's order, each with
// FetchedAt set to when the bank listed it. Last4 is derived from the
// masked number; AccountName and Cached are left for the caller.
func (s *Store) ListCachedCards(ctx context.Context) ([]domain.Card, error) {
	rows, err := s.r.QueryContext(ctx, `
		SELECT card_key, number, status, type_code, embossed_name, account_id, account_number,
			programmable, virtual, fetched_at
		FROM cards ORDER BY position, card_key`)
	if err != nil {
		return nil, formatError(fmt.Errorf("list cached cards: %w", err))
	}
	defer rows.Close()
	out := []domain.Card{}
	for rows.Next() {
		var c domain.Card
		if err := rows.Scan(&c.Key, &c.Number, &c.Status, &c.TypeCode, &c.EmbossedName, &c.AccountID,
			&c.AccountNumber, &c.Programmable, &c.Virtual, &c.FetchedAt); err != nil {
			return nil, formatError(fmt.Errorf("list cached cards: %w", err))
		}
		c.Last4 = CardLast4(c.Number)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, formatError(fmt.Errorf("list cached cards: %w", err))
	}
	return out, nil
}

// CardLast4 returns the last four characters of a masked card number when
// they are digits, else "".
func CardLast4(number string) string {
	n := strings.TrimSpace(number)
	if len(n) < 4 {
		return ""
	}
	tail := n[len(n)-4:]
	if strings.Trim(tail, "0123456789") != "" {
		return ""
	}
	return tail
}
