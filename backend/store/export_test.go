package store

import (
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
