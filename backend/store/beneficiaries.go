package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// ReplaceBeneficiaries makes the cached beneficiaries exactly list (in the
// bank's order), in one transaction.
func (s *Store) ReplaceBeneficiaries(ctx context.Context, list []domain.Beneficiary) error {
	now := s.nowString()
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM beneficiaries`); err != nil {
			return formatError(fmt.Errorf("replace beneficiaries: %w", err))
		}
		for i, b := range list {
			if b.ID == "" {
				return domain.Errorf(domain.CodeBankError, "the bank returned a beneficiary without an ID")
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO beneficiaries (id, name, beneficiary_name, account_number, branch_code, bank,
					reference_name, reference_account_number, category_id, profile_id, faster_payment_allowed,
					last_payment_amount, last_payment_date, beneficiary_type, position, fetched_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO NOTHING`,
				b.ID, b.Name, b.BeneficiaryName, b.AccountNumber, b.BranchCode, b.Bank, b.ReferenceName,
				b.ReferenceAccountNumber, b.CategoryID, b.ProfileID, boolInt(b.FasterPaymentAllowed),
				nullMoney(b.LastPaymentAmount), b.LastPaymentDate, b.BeneficiaryType, i, now); err != nil {
				return formatError(fmt.Errorf("replace beneficiaries: %w", err))
			}
		}
		return nil
	})
}

// ListBeneficiaries returns the cached beneficiaries in the bank's order.
func (s *Store) ListBeneficiaries(ctx context.Context) ([]domain.Beneficiary, error) {
	var out []domain.Beneficiary
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT id, name, beneficiary_name, account_number, branch_code, bank, reference_name,
				reference_account_number, category_id, profile_id, faster_payment_allowed, last_payment_amount,
				last_payment_date, beneficiary_type
			FROM beneficiaries ORDER BY position, id`)
		if err != nil {
			return formatError(fmt.Errorf("list beneficiaries: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var b domain.Beneficiary
			var last sql.NullInt64
			if err := rows.Scan(&b.ID, &b.Name, &b.BeneficiaryName, &b.AccountNumber, &b.BranchCode, &b.Bank,
				&b.ReferenceName, &b.ReferenceAccountNumber, &b.CategoryID, &b.ProfileID, &b.FasterPaymentAllowed,
				&last, &b.LastPaymentDate, &b.BeneficiaryType); err != nil {
				return formatError(fmt.Errorf("list beneficiaries: %w", err))
			}
			b.LastPaymentAmount = moneyPtr(last)
			out = append(out, b)
		}
		return formatError(rows.Err())
	})
	return out, err
}
