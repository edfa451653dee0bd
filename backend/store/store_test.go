package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

func TestOpenCreatesPrivateFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "cache.db")
	st, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveAccounts(t.Context(), storetest.Accounts(1)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// A file someone widened is narrowed again on open.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after reopen %v, want 0600", fi.Mode().Perm())
	}
	// The data survived the close.
	accts, err := st.ListAccounts(t.Context())
	if err != nil || len(accts) != 1 {
		t.Fatalf("ListAccounts = %v, %v", accts, err)
	}
}

func TestOpenRejectsNonFilePaths(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"", ":memory:", "file:x.db?mode=memory"} {
		if st, err := store.Open(t.Context(), p); err == nil {
			st.Close()
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}

func TestOpenPathWithURICharacters(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "a?b#c%d")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "cache.db")
	st, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetSetting(t.Context(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the given path: %v", err)
	}
}

// TestPragmasOnEveryConnection opens several connections of the writer and
// the reader pool at once and checks each has every pragma from the DSN.
func TestPragmasOnEveryConnection(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "cache.db")
	st, err := store.Open(t.Context(), path, store.WithReadConns(4))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, r := store.Pools(st)
	check := func(name string, conn *sql.Conn, wantQueryOnly int) {
		t.Helper()
		for pragma, want := range map[string]string{
			"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "5000", "synchronous": "1",
			"query_only": map[int]string{0: "0", 1: "1"}[wantQueryOnly],
		} {
			var got string
			if err := conn.QueryRowContext(t.Context(), "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatalf("%s: PRAGMA %s: %v", name, pragma, err)
			}
			if got != want {
				t.Errorf("%s: PRAGMA %s = %s, want %s", name, pragma, got, want)
			}
		}
	}
	wc, err := w.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	check("writer", wc, 0)
	wc.Close()
	var conns []*sql.Conn
	for i := range 4 {
		c, err := r.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		check("reader "+string(rune('0'+i)), c, 1)
	}
	// The readers really are read-only.
	if _, err := conns[0].ExecContext(t.Context(), `INSERT INTO settings (key, value, updated_at) VALUES ('x', 'y', 'z')`); err == nil {
		t.Error("a reader connection could write")
	}
	for _, c := range conns {
		c.Close()
	}
	if st := w.Stats(); st.MaxOpenConnections != 1 {
		t.Errorf("writer pool allows %d connections, want 1", st.MaxOpenConnections)
	}
}

// TestUpgradeFromFirstMigration builds a cache with only migration 1 (as the
// first release would have), fills it, then opens it with the current code
// and checks every row, the annotations and the new search index.
func TestUpgradeFromFirstMigration(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "cache.db")
	old, err := store.Open(ctx, path, store.WithMigrationLimit(1))
	if err != nil {
		t.Fatal(err)
	}
	if v := store.AppliedVersion(t, old); v != 1 {
		t.Fatalf("old cache at version %d, want 1", v)
	}
	// The FTS table does not exist yet: this really is the old schema.
	if _, err := old.ListTransactions(ctx, domain.TransactionFilter{Search: "woolworths"}); err == nil {
		t.Fatal("search worked on a version-1 cache: the migration limit did not apply")
	}
	acct := storetest.AccountID(0)
	if err := old.SaveAccounts(ctx, storetest.Accounts(1)); err != nil {
		t.Fatal(err)
	}
	g := storetest.NewGenerator(acct, 1)
	var rows []domain.Transaction
	for d := range 20 {
		rows = append(rows, g.Day(day(d), 5)...)
	}
	if _, err := old.ReplaceWindow(ctx, store.Window{AccountID: acct, From: day(0), To: day(19), Rows: rows}); err != nil {
		t.Fatal(err)
	}
	before, err := old.ListTransactions(ctx, domain.TransactionFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.SetAnnotation(ctx, before.Rows[3].ID, domain.Annotation{Category: "Food", Note: "kept"}); err != nil {
		t.Fatal(err)
	}
	before.Rows[3].Category, before.Rows[3].Note = "Food", "kept"
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v := store.AppliedVersion(t, st); v != store.SchemaVersion() || v < 2 {
		t.Fatalf("upgraded cache at version %d, want %d (>= 2)", v, store.SchemaVersion())
	}
	after, err := st.ListTransactions(ctx, domain.TransactionFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmpTx(before.Rows, after.Rows); diff != "" {
		t.Fatalf("rows changed by the upgrade:\n%s", diff)
	}
	if before.Totals != after.Totals {
		t.Fatalf("totals changed: %+v -> %+v", before.Totals, after.Totals)
	}
	// Rows cached before the search index existed are searchable.
	want := 0
	for _, r := range rows {
		if strings.Contains(r.Description, "WOOLWORTHS") {
			want++
		}
	}
	if want == 0 {
		t.Fatal("test data has no WOOLWORTHS row")
	}
	page, err := st.ListTransactions(ctx, domain.TransactionFilter{Search: "woolworths", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if int(page.Totals.Count) != want {
		t.Fatalf("search after upgrade found %d rows, want %d", page.Totals.Count, want)
	}
	// A further open is a no-op.
	st2, err := store.Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	st2.Close()
}

func TestSyncRunsAndInterruptedRuns(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	clock := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); clock = clock.Add(time.Second); return clock }
	st := storetest.Open(t, store.WithClock(now))
	if _, ok, err := st.LastSync(ctx); ok || err != nil {
		t.Fatalf("LastSync on empty cache = %v, %v", ok, err)
	}
	dead, err := st.StartSyncRun(ctx, "background") // its process "dies"
	if err != nil {
		t.Fatal(err)
	}
	run, err := st.StartSyncRun(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	run.Accounts, run.Fetched, run.Added, run.Removed, run.Failed = 3, 120, 7, 2, 1
	run.ErrorCode, run.ErrorMessage = domain.CodeBankError, "Investec answered with an error."
	if _, err := st.FinishSyncRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	runs, err := st.ListSyncRuns(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].ID != run.ID || runs[1].ID != dead.ID {
		t.Fatalf("runs = %+v", runs)
	}
	got := runs[0]
	if got.Trigger != "manual" || got.Accounts != 3 || got.Fetched != 120 || got.Added != 7 || got.Removed != 2 ||
		got.Failed != 1 || got.ErrorCode != domain.CodeBankError || got.FinishedAt == "" || got.StartedAt >= got.FinishedAt {
		t.Errorf("finished run = %+v", got)
	}
	if runs[1].FinishedAt == "" || runs[1].ErrorCode != domain.CodeCancelled {
		t.Errorf("interrupted run not closed: %+v", runs[1])
	}
	last, ok, err := st.LastSync(ctx)
	if err != nil || !ok || last.ID != run.ID {
		t.Fatalf("LastSync = %+v, %v, %v", last, ok, err)
	}
}

func TestSettingsBeneficiariesDocuments(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := storetest.Open(t)
	if _, ok, _ := st.Setting(ctx, "sync.interval"); ok {
		t.Fatal("setting exists before it was set")
	}
	for _, v := range []string{"15m", "1h"} {
		if err := st.SetSetting(ctx, "sync.interval", v); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := st.Setting(ctx, "sync.interval"); got != v || !ok || err != nil {
			t.Fatalf("Setting = %q, %v, %v; want %q", got, ok, err, v)
		}
	}
	if err := st.DeleteSetting(ctx, "sync.interval"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Setting(ctx, "sync.interval"); ok {
		t.Fatal("deleted setting still there")
	}

	amt := domain.Money(12345)
	bens := []domain.Beneficiary{
		{ID: "b2", Name: "Zed", AccountNumber: "123", LastPaymentAmount: &amt, LastPaymentDate: "2026-01-02", FasterPaymentAllowed: true},
		{ID: "b1", Name: "Amy", BeneficiaryType: "PRIVATE"},
	}
	if err := st.ReplaceBeneficiaries(ctx, bens); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceBeneficiaries(ctx, bens); err != nil { // idempotent
		t.Fatal(err)
	}
	got, err := st.ListBeneficiaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmpAny(bens, got); diff != "" {
		t.Fatalf("beneficiaries (-want +got):\n%s", diff)
	}
	if err := st.ReplaceBeneficiaries(ctx, bens[1:]); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.ListBeneficiaries(ctx); len(got) != 1 || got[0].ID != "b1" {
		t.Fatalf("after replacement: %+v", got)
	}

	acct := storetest.AccountID(0)
	if err := st.SaveAccounts(ctx, storetest.Accounts(1)); err != nil {
		t.Fatal(err)
	}
	docs := []domain.Document{{DocumentType: "Statement", DocumentDate: "2026-01-31"}, {DocumentType: "Statement", DocumentDate: "2026-02-28"}}
	if err := st.SaveDocuments(ctx, acct, docs); err != nil {
		t.Fatal(err)
	}
	file := domain.Document{AccountID: acct, DocumentType: "Statement", DocumentDate: "2026-01-31", FilePath: "/x/jan.pdf", Size: 42, SHA256: "ab"}
	if err := st.SetDocumentFile(ctx, file); err != nil {
		t.Fatal(err)
	}
	// Listing again keeps the download details.
	if err := st.SaveDocuments(ctx, acct, docs[:1]); err != nil {
		t.Fatal(err)
	}
	list, err := st.ListDocuments(ctx, acct)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].DocumentDate != "2026-02-28" || list[1].FilePath != "/x/jan.pdf" || list[1].Size != 42 || list[1].SHA256 != "ab" {
		t.Fatalf("documents = %+v", list)
	}
	if err := st.SetDocumentFile(ctx, domain.Document{AccountID: acct, DocumentType: "Statement", DocumentDate: "2020-01-01"}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("SetDocumentFile on unknown document = %v", err)
	}
}

func TestAccountsAndBalances(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := storetest.Open(t)
	accts := storetest.Accounts(2)
	accts[1].Kind = domain.AccountBusiness
	if err := st.SaveAccounts(ctx, []domain.Account{accts[1], accts[0]}); err != nil {
		t.Fatal(err)
	}
	b := domain.Money(-5)
	if err := st.AddBalance(ctx, domain.Balance{AccountID: accts[0].ID, Current: 100, Available: 200, Currency: "ZAR", FetchedAt: "2026-01-01T00:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	if err := st.AddBalance(ctx, domain.Balance{AccountID: accts[0].ID, Current: 150, Available: 250, Cash: &b, Currency: "ZAR", FetchedAt: "2026-01-02T00:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSyncState(ctx, domain.AccountSyncState{AccountID: accts[0].ID, LastSuccessAt: "2026-01-02T00:00:01Z"}); err != nil {
		t.Fatal(err)
	}
	got, err := st.ListAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != accts[1].ID || got[0].Kind != domain.AccountBusiness || got[0].Balance != nil {
		t.Fatalf("accounts = %+v", got)
	}
	a := got[1]
	if a.Balance == nil || a.Balance.Current != 150 || a.Balance.Available != 250 || a.Balance.Cash == nil || *a.Balance.Cash != -5 ||
		a.Balance.Budget != nil || a.LastSyncedAt != "2026-01-02T00:00:01Z" || a.ProfileName != "My Profile" || !a.KYCCompliant {
		t.Fatalf("account with balance = %+v (balance %+v)", a, a.Balance)
	}
	hist, err := st.ListBalances(ctx, accts[0].ID)
	if err != nil || len(hist) != 2 || hist[0].Current != 100 {
		t.Fatalf("ListBalances = %+v, %v", hist, err)
	}
	if err := st.SaveAccounts(ctx, []domain.Account{{Name: "no id"}}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("account without ID: %v", err)
	}
}

func TestSyncLockExcludes(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	l, err := st.TryLockSync()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.TryLockSync(); domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("second lock: %v, want conflict", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := st.TryLockSync()
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	if err := l2.Unlock(); err != nil {
		t.Fatal(err)
	}
}

// day returns 2026-01-01 plus d days.
func day(d int) string {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d).Format(time.DateOnly)
}

var _ = context.Background

// TestIntegrityCheckDetectsStaleSearchIndex proves the integrity check the
// crash and property tests rely on can fail: a row written behind the
// store's back (without its search entry) is reported.
func TestIntegrityCheckDetectsStaleSearchIndex(t *testing.T) {
	t.Parallel()
	st, a := setup(t)
	if _, err := st.ReplaceWindow(t.Context(), store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-10",
		Rows: []domain.Transaction{posted(a, "2026-01-02", 1, domain.Debit, 5000, "COFFEE", "2026-01-02")}}); err != nil {
		t.Fatal(err)
	}
	if err := store.CheckIntegrity(t.Context(), st); err != nil {
		t.Fatalf("consistent cache reported: %v", err)
	}
	w, _ := store.Pools(st)
	if _, err := w.ExecContext(t.Context(), `INSERT INTO transactions (account_id, status, type, description, book_date, seq, amount)
		VALUES (?, 'POSTED', 'DEBIT', 'SNEAKY', '2026-01-03', 1, 1)`, a); err != nil {
		t.Fatal(err)
	}
	if err := store.CheckIntegrity(t.Context(), st); err == nil {
		t.Fatal("a row missing from the search index went unnoticed")
	}
}

// TestConcurrentOpensMigrateOnce opens one new cache from several
// goroutines at once (as two processes starting together would): every
// open succeeds and each migration is applied once.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "cache.db")
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			st, err := store.Open(context.Background(), path)
			if err == nil {
				err = st.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v := store.AppliedVersion(t, st); v != store.SchemaVersion() {
		t.Fatalf("version %d, want %d", v, store.SchemaVersion())
	}
}
