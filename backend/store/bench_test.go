package store_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

var (
	benchRows  = flag.Int("bench-rows", 1_000_000, "rows in the benchmark cache")
	benchFresh = flag.Bool("bench-fresh", false, "rebuild the benchmark cache even if a complete one exists")
)

var (
	benchOnce  sync.Once
	benchSt    *store.Store
	benchRaw   *sql.DB
	benchStart string
	benchError error
)

// benchCache returns a cache of *benchRows generated transactions. It is
// built once per process (filled through ReplaceWindow, like a sync) and
// kept in the temp directory for later runs, keyed by row count and schema
// version.
func benchCache(b *testing.B) (*store.Store, *sql.DB, string) {
	b.Helper()
	benchOnce.Do(func() {
		ctx := context.Background()
		path := filepath.Join(os.TempDir(), fmt.Sprintf("investec-desk-bench-v%d-%d.db", store.SchemaVersion(), *benchRows))
		if *benchFresh {
			for _, s := range []string{"", "-wal", "-shm"} {
				_ = os.Remove(path + s)
			}
		}
		st, err := store.Open(ctx, path)
		if err != nil {
			benchError = err
			return
		}
		done, ok, _ := st.Setting(ctx, "bench.filled")
		if !ok {
			start := time.Now()
			n, from, err := storetest.Fill(ctx, st, *benchRows, storetest.FillOptions{Seed: 1})
			if err != nil {
				benchError = err
				return
			}
			el := time.Since(start)
			fmt.Fprintf(os.Stderr, "filled %d rows in %v (%.0f rows/s) into %s\n", n, el.Round(time.Millisecond), float64(n)/el.Seconds(), path)
			done = from
			if err := st.SetSetting(ctx, "bench.filled", from); err != nil {
				benchError = err
				return
			}
		}
		benchSt, benchStart = st, done
		benchRaw, benchError = sql.Open("sqlite3", "file:"+path+"?mode=ro&_query_only=on")
	})
	if benchError != nil {
		b.Fatal(benchError)
	}
	return benchSt, benchRaw, benchStart
}

// lastYear is the date range the filtered-page benchmark uses: the last
// year of the generated history.
const (
	benchTo   = "2026-06-30"
	benchFrom = "2025-07-01"
)

// BenchmarkFilteredPage: account + date range + transactionType, limit 100,
// bank order, plus the totals of the whole filtered set; beside a raw
// indexed SELECT ... LIMIT 100 of the same rows.
func BenchmarkFilteredPage(b *testing.B) {
	st, raw, _ := benchCache(b)
	acct := storetest.AccountID(1)
	f := domain.TransactionFilter{AccountIDs: []string{acct}, FromDate: benchFrom, ToDate: benchTo,
		TransactionTypes: []string{"CardPurchases"}, Descending: true, Limit: 100}
	b.Run("store", func(b *testing.B) {
		var page domain.TransactionPage
		for b.Loop() {
			var err error
			if page, err = st.ListTransactions(b.Context(), f); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(page.Totals.Count), "matches")
		if len(page.Rows) != 100 {
			b.Fatalf("%d rows", len(page.Rows))
		}
	})
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawPage(b, raw, `SELECT id, description, amount, posting_date FROM transactions
				WHERE account_id = ? AND transaction_type = ? AND book_date BETWEEN ? AND ?
				ORDER BY book_date DESC, seq DESC LIMIT 100`, acct, "CardPurchases", benchFrom, benchTo)
		}
	})
}

// BenchmarkSearchPage: full-text search (prefix, as typed) over every
// account, limit 100, plus totals; beside a raw FTS MATCH ... LIMIT 100.
func BenchmarkSearchPage(b *testing.B) {
	st, raw, _ := benchCache(b)
	for _, q := range []string{"engen gar", "woolw", "knysna"} {
		b.Run(q+"/store", func(b *testing.B) {
			var page domain.TransactionPage
			f := domain.TransactionFilter{Search: q, Descending: true, Limit: 100}
			for b.Loop() {
				var err error
				if page, err = st.ListTransactions(b.Context(), f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(page.Totals.Count), "matches")
		})
		b.Run(q+"/raw", func(b *testing.B) {
			m := store.FTSQuery(q)
			for b.Loop() {
				rawPage(b, raw, `SELECT t.id, t.description, t.amount, t.posting_date
					FROM transactions_fts f JOIN transactions t ON t.id = f.rowid
					WHERE transactions_fts MATCH ? LIMIT 100`, m)
			}
		})
	}
}

// BenchmarkUnfilteredPage: the first screen (everything, newest first) with
// the totals of all rows.
func BenchmarkUnfilteredPage(b *testing.B) {
	st, raw, _ := benchCache(b)
	b.Run("store", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.ListTransactions(b.Context(), domain.TransactionFilter{Descending: true, Limit: 100}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			rawPage(b, raw, `SELECT id, description, amount, posting_date FROM transactions
				ORDER BY book_date DESC, seq DESC LIMIT 100`)
		}
	})
}

func rawPage(b *testing.B, db *sql.DB, q string, args ...any) {
	rows, err := db.QueryContext(b.Context(), q, args...)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id, amount int64
		var desc, date string
		if err := rows.Scan(&id, &desc, &amount, &date); err != nil {
			b.Fatal(err)
		}
		n++
	}
	rows.Close()
	if n == 0 {
		b.Fatal("raw query returned nothing")
	}
}

// BenchmarkFill measures the write path: rows per second through
// ReplaceWindow (with FTS and every index maintained).
func BenchmarkFill(b *testing.B) {
	const n = 50_000
	for b.Loop() {
		st := storetest.Open(b)
		if _, _, err := storetest.Fill(b.Context(), st, n, storetest.FillOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}
