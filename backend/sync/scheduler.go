package sync

import (
	"context"
	gosync "sync"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Ticker is the part of *time.Ticker the Scheduler uses, so tests can
// drive it by hand.
type Ticker interface {
	C() <-chan time.Time
	Stop()
}

type realTicker struct{ t *time.Ticker }

func (r realTicker) C() <-chan time.Time { return r.t.C }
func (r realTicker) Stop()               { r.t.Stop() }

// NewRealTicker returns a Ticker backed by time.NewTicker.
func NewRealTicker(d time.Duration) Ticker { return realTicker{time.NewTicker(d)} }

// Interval returns the duration of a background sync choice, or 0 for
// SyncOff (and anything unknown).
func Interval(i domain.SyncInterval) time.Duration {
	switch i {
	case domain.Sync15Minutes:
		return 15 * time.Minute
	case domain.SyncHourly:
		return time.Hour
	case domain.SyncDaily:
		return 24 * time.Hour
	}
	return 0
}

// Scheduler runs a function (normally a Syncer's Run) in the background at
// a chosen interval. A tick that comes while the previous run is still
// going is skipped, so runs never overlap. It is safe for concurrent use.
type Scheduler struct {
	run       func(ctx context.Context) error
	newTicker func(time.Duration) Ticker

	mu       gosync.Mutex
	interval time.Duration
	cancel   context.CancelFunc
	done     chan struct{}
	busy     chan struct{} // holds a token while a run is in progress
}

// NewScheduler returns a stopped Scheduler that calls run on every tick.
// newTicker makes the ticker (NewRealTicker when nil).
func NewScheduler(run func(ctx context.Context) error, newTicker func(time.Duration) Ticker) *Scheduler {
	if newTicker == nil {
		newTicker = NewRealTicker
	}
	return &Scheduler{run: run, newTicker: newTicker, busy: make(chan struct{}, 1)}
}

// SetInterval starts the scheduler at interval d, restarting the wait from
// now if it was already running (a new choice resets the timer). d <= 0
// stops it. ctx bounds every run it starts.
func (s *Scheduler) SetInterval(ctx context.Context, d time.Duration) {
	s.Stop()
	if d <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	s.interval, s.cancel, s.done = d, cancel, done
	t := s.newTicker(d)
	go func() {
		var runs gosync.WaitGroup
		defer close(done)
		defer runs.Wait()
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C():
				select {
				case s.busy <- struct{}{}:
				default:
					continue // the previous run is still going: skip this tick
				}
				runs.Go(func() {
					defer func() { <-s.busy }()
					_ = s.run(ctx)
				})
			}
		}
	}()
}

// Interval returns the current interval, 0 when stopped.
func (s *Scheduler) Interval() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.interval
}

// Stop stops the scheduler and waits for a run in progress to see its
// context cancelled and return.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done, s.interval = nil, nil, 0
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}
