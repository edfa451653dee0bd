package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// WithMigrationLimit makes Open apply only the first n migrations, to build
// a database as an older version of the app left it.
func WithMigrationLimit(n int) Option { return func(c *config) { c.maxMigrations = n } }

// Pools exposes the writer and reader pools to the pragma tests.
func Pools(s *Store) (w, r *sql.DB) { return s.w, s.r }

// AppliedVersion returns the highest applied migration version.
func AppliedVersion(t testing.TB, s *Store) int {
	t.Helper()
	var v int
	if err := s.w.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// CheckIntegrity runs SQLite's and FTS5's integrity checks.
func CheckIntegrity(ctx context.Context, s *Store) error {
	var res string
	if err := s.w.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity_check: %s", res)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO transactions_fts (transactions_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("fts integrity-check: %w", err)
	}
	var fk int
	if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil {
		return err
	}
	if fk != 0 {
		return fmt.Errorf("%d foreign key violations", fk)
	}
	return nil
}

// WithSearchScanThreshold sets the match count above which a search page
// walks the bank-order index, so tests with small data cover both plans.
func WithSearchScanThreshold(n int64) Option { return func(c *config) { c.searchScan = n } }
