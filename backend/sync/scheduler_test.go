package sync_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	dsync "github.com/investec-desk/investec-desk/backend/sync"
)

// fakeTicker is ticked by hand.
type fakeTicker struct {
	c       chan time.Time
	d       time.Duration
	stopped atomic.Bool
}

func (f *fakeTicker) C() <-chan time.Time { return f.c }
func (f *fakeTicker) Stop()               { f.stopped.Store(true) }

func TestSchedulerNeverOverlapsAndResets(t *testing.T) {
	t.Parallel()
	tickers := make(chan *fakeTicker, 10)
	var running, maxRunning, runs atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	s := dsync.NewScheduler(func(ctx context.Context) error {
		n := running.Add(1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		runs.Add(1)
		started <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
		}
		running.Add(-1)
		return nil
	}, func(d time.Duration) dsync.Ticker {
		f := &fakeTicker{c: make(chan time.Time), d: d}
		tickers <- f
		return f
	})
	s.SetInterval(t.Context(), dsync.Interval(domain.Sync15Minutes))
	tk := <-tickers
	if tk.d != 15*time.Minute || s.Interval() != 15*time.Minute {
		t.Fatalf("ticker %v, interval %v", tk.d, s.Interval())
	}
	tk.c <- time.Now()
	<-started
	// Ticks during the run are skipped, not queued.
	for range 3 {
		select {
		case tk.c <- time.Now():
		case <-time.After(time.Second):
			t.Fatal("scheduler stopped reading ticks during a run")
		}
	}
	release <- struct{}{}
	// The loop is free again once the run has returned: a tick runs.
	tickUntilStarted(t, tk, started)
	release <- struct{}{}
	if got := runs.Load(); got != 2 {
		t.Fatalf("%d runs, want 2 (overlapping ticks must be skipped)", got)
	}
	if maxRunning.Load() != 1 {
		t.Fatalf("%d runs overlapped", maxRunning.Load())
	}
	// A new choice replaces the ticker (resetting the wait).
	s.SetInterval(t.Context(), dsync.Interval(domain.SyncHourly))
	tk2 := <-tickers
	if !tk.stopped.Load() || tk2.d != time.Hour {
		t.Fatalf("old ticker stopped %v, new %v", tk.stopped.Load(), tk2.d)
	}
	// Stop cancels a run in progress and waits for it.
	tickUntilStarted(t, tk2, started)
	s.Stop()
	if running.Load() != 0 || !tk2.stopped.Load() || s.Interval() != 0 {
		t.Fatalf("after Stop: running %d, ticker stopped %v", running.Load(), tk2.stopped.Load())
	}
	// Off means no ticker at all.
	s.SetInterval(t.Context(), dsync.Interval(domain.SyncOff))
	select {
	case <-tickers:
		t.Fatal("a ticker was made for off")
	default:
	}
	if dsync.Interval(domain.SyncDaily) != 24*time.Hour {
		t.Fatal("daily is not 24h")
	}
}

// tickUntilStarted ticks until a run starts (a tick that races with the end
// of the previous run may be skipped, as designed).
func tickUntilStarted(t *testing.T, tk *fakeTicker, started <-chan struct{}) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case tk.c <- time.Now():
		case <-started:
			return
		case <-deadline:
			t.Fatal("no run started")
		}
	}
}
