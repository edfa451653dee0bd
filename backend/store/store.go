// Package store is the local SQLite cache of one connection: accounts,
// balances, posted and pending transactions, beneficiaries, the document
// index, the user's annotations, sync bookkeeping and settings.
//
// A Store owns one database file. Writes go through a single connection (so
// they never contend with each other inside the process); reads use a pool
// of read-only connections, which WAL lets run beside the writer. Every
// connection gets its pragmas from the DSN, so no pooled connection can miss
// one. The schema comes from embedded, numbered, append-only migrations.
//
// Money is INTEGER cents everywhere and totals are integer SUMs in SQL.
// Nothing the store writes ever contains a secret.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// FileMode is the permission the database file (and SQLite's -wal and -shm
// files, which inherit it) must have: the cache is private to its user.
const FileMode fs.FileMode = 0o600

// Store is an open cache database. It is safe for concurrent use.
type Store struct {
	path string
	w    *sql.DB // the one writer connection
	r    *sql.DB // read-only pool
	now  func() time.Time
	log  *slog.Logger

	searchScan int64 // see defaultSearchScanThreshold
}

type config struct {
	now           func() time.Time
	busyTimeout   time.Duration
	readConns     int
	log           *slog.Logger
	maxMigrations int   // for upgrade tests: apply only the first n migrations
	searchScan    int64 // for tests: see defaultSearchScanThreshold
}

// Option configures Open.
type Option func(*config)

// WithClock sets the clock used for every timestamp the store writes
// (fetched_at, orphaned_at, ...). The default is time.Now.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithBusyTimeout sets how long a connection waits for a lock held by
// another connection (or process) before failing. The default is 5 s.
func WithBusyTimeout(d time.Duration) Option { return func(c *config) { c.busyTimeout = d } }

// WithReadConns sets the size of the read-only connection pool (default 4).
func WithReadConns(n int) Option { return func(c *config) { c.readConns = n } }

// WithLogger sets the logger for the store's rare diagnostic messages.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.log = l } }

// Open opens (creating if needed) the cache database at path and brings its
// schema up to date. The file is created with mode 0600 before SQLite
// touches it, and an existing file with a wider mode is narrowed.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	cfg := config{now: time.Now, busyTimeout: 5 * time.Second, readConns: 4, log: slog.Default(),
		searchScan: defaultSearchScanThreshold}
	for _, o := range opts {
		o(&cfg)
	}
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, domain.FieldError("path", "the cache needs a plain file path")
	}
	if err := ensurePrivateFile(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite3", dsn(path, cfg.busyTimeout, false))
	if err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: path, w: w, now: cfg.now, log: cfg.log, searchScan: cfg.searchScan}
	if err := pingWhenFree(ctx, w, cfg.busyTimeout); err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("open cache: %w", err)
	}
	if err := s.migrate(ctx, cfg.maxMigrations); err != nil {
		_ = w.Close()
		return nil, err
	}
	// The readers open only once the file exists in WAL mode, so read-only
	// connections find the -wal and -shm files they need.
	r, err := sql.Open("sqlite3", dsn(path, cfg.busyTimeout, true))
	if err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("open cache readers: %w", err)
	}
	r.SetMaxOpenConns(max(1, cfg.readConns))
	r.SetMaxIdleConns(max(1, cfg.readConns))
	if err := pingWhenFree(ctx, r, cfg.busyTimeout); err != nil {
		_ = w.Close()
		_ = r.Close()
		return nil, fmt.Errorf("open cache readers: %w", err)
	}
	s.r = r
	// SQLite creates -wal and -shm with the database file's mode; narrow
	// them anyway in case they predate a mode repair.
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = fixMode(path + suffix)
	}
	return s, nil
}

// pingWhenFree opens db's first connection, which runs the DSN's pragmas.
// While another process is creating the same new file or switching it to
// WAL, SQLite can answer "database is locked" at once rather than through
// the busy handler (the app and a command started together do this), so
// try again for up to timeout.
func pingWhenFree(ctx context.Context, db *sql.DB, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		err := db.PingContext(ctx)
		var se sqlite3.Error
		busy := errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
		if !busy || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// dsn builds the mattn/go-sqlite3 connection string. Every pragma is in the
// DSN so that every connection the pool opens gets it.
func dsn(path string, timeout time.Duration, readOnly bool) string {
	// The path goes into a file: URI; escape the characters URIs give a
	// meaning to.
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	q := fmt.Sprintf("_busy_timeout=%d&_journal_mode=WAL&_foreign_keys=on&_synchronous=NORMAL", timeout.Milliseconds())
	if readOnly {
		q += "&mode=ro&_query_only=on&_txlock=deferred"
	} else {
		q += "&_txlock=immediate"
	}
	return "file:" + p + "?" + q
}

// ensurePrivateFile creates path with FileMode if it does not exist, and
// narrows the mode of an existing file.
func ensurePrivateFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return fmt.Errorf("create cache file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create cache file: %w", err)
	}
	return fixMode(path)
}

// fixMode narrows a file's mode to FileMode. Windows has no such mode bits;
// there the file inherits the user profile's ACL.
func fixMode(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check cache file mode: %w", err)
	}
	if fi.Mode().Perm()&^FileMode != 0 {
		if err := os.Chmod(path, FileMode); err != nil {
			return fmt.Errorf("repair cache file mode: %w", err)
		}
	}
	return nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes every connection. Pending writes are already committed; WAL
// content is checkpointed by SQLite when the last connection closes.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close cache: %w", err)
	}
	return nil
}

// nowString returns the store clock's time as RFC 3339 in UTC.
func (s *Store) nowString() string { return s.now().UTC().Format(time.RFC3339) }

// write runs fn in one immediate write transaction on the writer
// connection, committing if fn succeeds.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return formatError(err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return formatError(err)
	}
	return nil
}

// read runs fn in one read transaction, so every query fn makes sees the
// same snapshot.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return formatError(err)
	}
	defer func() { _ = tx.Rollback() }()
	return fn(tx)
}

// formatError maps database errors to domain errors: a missing row is
// not_found, a constraint violation is conflict, cancellation stays
// cancellation; anything else is wrapped as it is.
func formatError(err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	switch {
	case errors.As(err, &de):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, sql.ErrNoRows):
		return domain.Wrap(err, domain.CodeNotFound, "Not found.")
	}
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		return domain.Wrap(err, domain.CodeConflict, "The change conflicts with the cached data.")
	}
	return fmt.Errorf("cache: %w", err)
}

// isDate reports whether s is a valid YYYY-MM-DD date.
func isDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullMoney(m *domain.Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}

func moneyPtr(v sql.NullInt64) *domain.Money {
	if !v.Valid {
		return nil
	}
	m := domain.Money(v.Int64)
	return &m
}

// CheckIntegrity verifies the database file (SQLite's integrity check), the
// foreign keys, and that the search index agrees with the transactions. It
// reads the whole file: use it after a crash or in tests, not on a hot path.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	var res string
	if err := s.w.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return formatError(fmt.Errorf("integrity check: %w", err))
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	var fk int
	if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil {
		return formatError(fmt.Errorf("foreign key check: %w", err))
	}
	if fk != 0 {
		return fmt.Errorf("foreign key check: %d violations", fk)
	}
	// rank 1: also compare the index with the content table.
	if _, err := s.w.ExecContext(ctx, `INSERT INTO transactions_fts (transactions_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("search index check: %w", err)
	}
	return nil
}
