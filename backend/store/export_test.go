package store

import (
	"context"
	"database/sql"
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

// CheckIntegrity runs the store's integrity check.
func CheckIntegrity(ctx context.Context, s *Store) error { return s.CheckIntegrity(ctx) }

// WithSearchScanThreshold sets the match count above which a search page
// walks the bank-order index, so tests with small data cover both plans.
func WithSearchScanThreshold(n int64) Option { return func(c *config) { c.searchScan = n } }
