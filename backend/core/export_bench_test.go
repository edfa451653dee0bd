package core

import (
	"context"
	"io"
	"iter"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/export"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

// memorySource is an export.Source over rows held in memory: the engine's
// own benchmark setting, the baseline for the store adapter.
type memorySource struct {
	accounts []domain.Account
	rows     map[string][]domain.Transaction
}

func (m *memorySource) Accounts(context.Context, []string) ([]domain.Account, error) {
	return m.accounts, nil
}

func (m *memorySource) Posted(_ context.Context, id, from, to string) iter.Seq2[domain.Transaction, error] {
	return func(yield func(domain.Transaction, error) bool) {
		for _, t := range m.rows[id] {
			if t.PostingDate >= from && t.PostingDate <= to && !yield(t, nil) {
				return
			}
		}
	}
}

func (m *memorySource) Pending(context.Context, string) iter.Seq2[domain.Transaction, error] {
	return func(func(domain.Transaction, error) bool) {}
}

func (m *memorySource) BroughtForward(context.Context, string, string) (domain.Money, bool, error) {
	return 0, false, nil
}

// BenchmarkExportFromStore200k writes the workbook of 200,000 cached
// transactions (4 accounts) through the store adapter, beside the same
// rows from memory, back to back in each iteration, and reports the
// seconds of each and their ratio: the cost of reading the cache.
func BenchmarkExportFromStore200k(b *testing.B) {
	const n = 200_000
	ctx := context.Background()
	st := storetest.Open(b)
	rows, first, err := storetest.Fill(ctx, st, n, storetest.FillOptions{Accounts: 4, PerDay: 50})
	if err != nil || rows != n {
		b.Fatalf("fill: %d rows, %v", rows, err)
	}
	src := storeSource{st}
	accounts, err := src.Accounts(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	period := domain.Period{From: first, To: "2026-06-30", Label: "bench"}
	mem := &memorySource{accounts: accounts, rows: map[string][]domain.Transaction{}}
	for _, a := range accounts {
		for t, err := range src.Posted(ctx, a.ID, period.From, period.To) {
			if err != nil {
				b.Fatal(err)
			}
			mem.rows[a.ID] = append(mem.rows[a.ID], t)
		}
	}
	req := export.Request{Period: period, Now: demoNow}
	var fromStore, fromMemory time.Duration
	for b.Loop() {
		t0 := time.Now()
		recons, err := export.WriteWorkbook(ctx, io.Discard, req, src, nil)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := export.WriteWorkbook(ctx, io.Discard, req, mem, nil); err != nil {
			b.Fatal(err)
		}
		fromStore += t1.Sub(t0)
		fromMemory += time.Since(t1)
		var total int64
		for _, r := range recons {
			total += r.Transactions
		}
		if total != n {
			b.Fatalf("exported %d rows, want %d", total, n)
		}
	}
	b.ReportMetric(fromStore.Seconds()/float64(b.N), "store-s/op")
	b.ReportMetric(fromMemory.Seconds()/float64(b.N), "memory-s/op")
	b.ReportMetric(fromStore.Seconds()/fromMemory.Seconds(), "store/memory")
}

// BenchmarkStoreSourceScan200k reads what a workbook export of 200,000
// cached transactions reads through the store adapter (every posted row,
// the counts and the balances brought forward) without writing anything:
// the adapter's own cost.
func BenchmarkStoreSourceScan200k(b *testing.B) {
	const n = 200_000
	ctx := context.Background()
	st := storetest.Open(b)
	_, first, err := storetest.Fill(ctx, st, n, storetest.FillOptions{Accounts: 4, PerDay: 50})
	if err != nil {
		b.Fatal(err)
	}
	src := storeSource{st}
	accounts, err := src.Accounts(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var count, rows int64
		for _, a := range accounts {
			c, err := src.CountPosted(ctx, a.ID, first, "2026-06-30")
			if err != nil {
				b.Fatal(err)
			}
			count += c
			if _, _, err := src.BroughtForward(ctx, a.ID, first); err != nil {
				b.Fatal(err)
			}
			for _, err := range src.Posted(ctx, a.ID, first, "2026-06-30") {
				if err != nil {
					b.Fatal(err)
				}
				rows++
			}
		}
		if rows != n || count != n {
			b.Fatalf("read %d rows, counted %d, want %d", rows, count, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
