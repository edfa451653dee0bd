package sandbox

import (
	"runtime"
	"testing"
	"time"
)

// countPB counts the private-banking rows (posted and pending) of a bank.
func countPB(b *bank) int {
	n := 0
	for _, a := range b.accounts {
		if !a.cib {
			n += len(a.posted) + len(a.pending)
		}
	}
	return n
}

func TestGenerateScaledCountIsExact(t *testing.T) {
	t.Parallel()
	for _, n := range []int{3500, 5000, 12345} {
		b := newBank(DefaultSeed, dayOf(testStart), n)
		if got := countPB(b); got != n {
			t.Errorf("Transactions %d: generated %d rows", n, got)
		}
	}
	natural := countPB(newBank(DefaultSeed, dayOf(testStart), 0))
	if natural < 2500 || natural > 5000 {
		t.Errorf("natural history has %d rows, want a realistic two years (2,500-5,000)", natural)
	}
	// Fewer than the natural history cannot be honoured by adding rows:
	// the natural history is kept.
	if got := countPB(newBank(DefaultSeed, dayOf(testStart), 100)); got != natural {
		t.Errorf("Transactions 100: %d rows, want the natural %d", got, natural)
	}
}

func TestGenerateIsPureFunctionOfSeedStartAndDay(t *testing.T) {
	t.Parallel()
	// Growing a bank day by day to a date gives the same ledgers as
	// creating it at that date's clock later: history depends on the
	// seed, the start date and the clock, not on when it was looked at.
	start := dayOf(testStart)
	a := newBank(7, start, 0)
	for d := start + 1; d <= start+45; d++ {
		a.advance(d)
	}
	b := newBank(7, start, 0)
	b.advance(start + 45)
	for i := range a.accounts {
		pa, pb := a.accounts[i].posted, b.accounts[i].posted
		if len(pa) != len(pb) || len(a.accounts[i].pending) != len(b.accounts[i].pending) {
			t.Fatalf("account %d: %d/%d rows vs %d/%d", i, len(pa), len(a.accounts[i].pending), len(pb), len(b.accounts[i].pending))
		}
		for j := range pa {
			if pa[j] != pb[j] {
				t.Fatalf("account %d row %d differs: %+v vs %+v", i, j, pa[j], pb[j])
			}
		}
	}
	// A different seed is a different bank.
	c := newBank(8, start, 0)
	if len(c.accounts[acctPBA].posted) == len(a.accounts[acctPBA].posted) && c.accounts[acctPBA].id == a.accounts[acctPBA].id {
		t.Error("seeds 7 and 8 generated the same bank")
	}
}

func TestGenerateRealisticBalances(t *testing.T) {
	t.Parallel()
	b := newBank(DefaultSeed, dayOf(testStart), 0)
	for _, a := range b.accounts {
		low := a.opening
		for _, r := range a.posted {
			low = min(low, r.balance)
		}
		// Balances may dip into the facility before payday, never beyond
		// it; accounts without a facility never go negative.
		if low < -a.facility {
			t.Errorf("%s: balance reaches %s, beyond the facility of %s", a.product, randString(low), randString(a.facility))
		}
		if end := a.current(); end <= 0 || end > 50*max(a.opening, 100000) {
			t.Errorf("%s: ends two years later at %s from %s", a.product, randString(end), randString(a.opening))
		}
	}
}

func TestGenerateStartup(t *testing.T) {
	t.Parallel()
	start := time.Now()
	if _, err := New(Options{Now: newClock(testStart).Now}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("New took %v for the default history", d)
	}
}

// BenchmarkGenerate1M builds a sandbox with a million private-banking
// transactions and reports the time and the heap it holds (go test -run
// '^$' -bench Generate1M -benchtime 1x).
func BenchmarkGenerate1M(b *testing.B) {
	const n = 1000000
	var s *Server
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		var err error
		s, err = New(Options{Transactions: n, Now: newClock(testStart).Now})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if got := countPB(s.bank); got != n {
		b.Fatalf("generated %d rows, want %d", got, n)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(after.Sys)/(1<<20), "sys-MB")
	runtime.KeepAlive(s)
}
