package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// SaveDocuments records the documents the bank listed for an account. New
// entries are added; known ones keep their downloaded-file details. Entries
// the listing no longer shows are kept (listings cover a date range only).
func (s *Store) SaveDocuments(ctx context.Context, accountID string, docs []domain.Document) error {
	now := s.nowString()
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, d := range docs {
			if d.DocumentType == "" || !isDate(d.DocumentDate) {
				return domain.Errorf(domain.CodeBankError, "the bank listed a document without a type or a valid date")
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO documents (account_id, document_type, document_date, listed_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (account_id, document_type, document_date) DO UPDATE SET listed_at = excluded.listed_at`,
				accountID, d.DocumentType, d.DocumentDate, now); err != nil {
				return formatError(fmt.Errorf("save documents: %w", err))
			}
		}
		return nil
	})
}

// SetDocumentFile records where a listed document was downloaded to, with
// its size and SHA-256 (hex).
func (s *Store) SetDocumentFile(ctx context.Context, d domain.Document) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE documents SET file_path = ?, size = ?, sha256 = ?
			WHERE account_id = ? AND document_type = ? AND document_date = ?`,
			d.FilePath, d.Size, d.SHA256, d.AccountID, d.DocumentType, d.DocumentDate)
		if err != nil {
			return formatError(fmt.Errorf("set document file: %w", err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.CodeNotFound, "That document is not in the list.")
		}
		return nil
	})
}

// ListDocuments returns an account's listed documents, newest first.
func (s *Store) ListDocuments(ctx context.Context, accountID string) ([]domain.Document, error) {
	var out []domain.Document
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT account_id, document_type, document_date, file_path, size, sha256, listed_at
			FROM documents WHERE account_id = ? ORDER BY document_date DESC, document_type`, accountID)
		if err != nil {
			return formatError(fmt.Errorf("list documents: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			var d domain.Document
			if err := rows.Scan(&d.AccountID, &d.DocumentType, &d.DocumentDate, &d.FilePath, &d.Size, &d.SHA256, &d.ListedAt); err != nil {
				return formatError(fmt.Errorf("list documents: %w", err))
			}
			out = append(out, d)
		}
		return formatError(rows.Err())
	})
	return out, err
}
