// Command fillcache builds a data directory whose demo connection has a
// large cache (1,000,000 transactions by default), for the browser
// performance measurements (frontend/e2e/perf.spec.ts, run by
// scripts/bench-browser.sh):
//
//	go run -tags webkit2_41,sqlite_fts5 ./scripts/fillcache -data-dir DIR [-transactions N]
//
// It writes realistic rows through the same path a sync uses
// (backend/store/storetest.Fill), ending today, records a balance for each
// account, runs the category rules once (as the first sync would), marks
// the first-run screen done and switches background sync off, so the app
// opens straight onto the cache and nothing else competes with the
// measurement.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

func main() {
	dataDir := flag.String("data-dir", "", "the data directory to create (required)")
	n := flag.Int("transactions", 1_000_000, "how many transactions to write")
	perDay := flag.Int("per-day", 60, "transactions per account per day")
	flag.Parse()
	if *dataDir == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: fillcache -data-dir DIR [-transactions N] [-per-day N]")
		os.Exit(2)
	}
	if err := run(context.Background(), *dataDir, *n, *perDay); err != nil {
		fmt.Fprintln(os.Stderr, "fillcache:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dataDir string, n, perDay int) error {
	start := time.Now()
	reg, err := connections.Open(dataDir)
	if err != nil {
		return err
	}
	demo, err := reg.EnsureDemo()
	if err != nil {
		return err
	}
	if err := reg.SetOnboarded(); err != nil {
		return err
	}
	dir := reg.Dir(demo.ID)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	path := filepath.Join(dir, "cache.db")
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists: use a fresh data directory", path)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	today := time.Now().Format(time.DateOnly)
	rows, from, err := storetest.Fill(ctx, st, n, storetest.FillOptions{Accounts: 4, PerDay: perDay, To: today, Seed: 1})
	if err != nil {
		return err
	}
	for i := range 4 {
		if err := st.AddBalance(ctx, domain.Balance{AccountID: storetest.AccountID(i), Current: domain.Money(2500000 + 123456*i),
			Available: domain.Money(2400000 + 123456*i), Currency: "ZAR"}); err != nil {
			return err
		}
	}
	res, err := st.ApplyRulesToNew(ctx)
	if err != nil {
		return err
	}
	if err := st.SetSetting(ctx, "sync.interval", string(domain.SyncOff)); err != nil {
		return err
	}
	fmt.Printf("fillcache: %d transactions from %s to %s (%d categorised by the rules) in %s\n  cache: %s\n",
		rows, from, today, res.Categorised, time.Since(start).Round(time.Second), path)
	return nil
}
