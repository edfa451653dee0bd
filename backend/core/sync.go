package core

import (
	"context"
	"sync"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	syncer "github.com/investec-desk/investec-desk/backend/sync"
)

// Trigger names why a sync ran, as recorded in sync_runs.
const (
	TriggerManual     = "manual"
	TriggerBackground = "background"
	TriggerStartup    = "startup"
	TriggerCLI        = "cli"
	TriggerAction     = "after-action" // after a transfer or payment
)

// settingInterval is the store setting holding the background interval.
const settingInterval = "sync.interval"

// netStatus tracks what the app last learned about reaching the bank.
type netStatus struct {
	mu      sync.Mutex
	state   domain.NetState
	message string
}

func (n *netStatus) get() (domain.NetState, string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state == "" {
		return domain.NetUnknown, ""
	}
	return n.state, n.message
}

// observe records the outcome of a call to the bank and reports whether
// the state changed.
func (n *netStatus) observe(err error) bool {
	state, msg := domain.NetOnline, ""
	if err != nil {
		if domain.ErrorCode(investec.DomainError(err)) != domain.CodeOffline {
			return false // the bank answered: we are online, but keep the last verdict
		}
		state, msg = domain.NetOffline, domain.ErrorMessage(investec.DomainError(err))
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	changed := n.state != state
	n.state, n.message = state, msg
	return changed
}

// dropSyncer forgets the session's Syncer, so the next sync builds one on
// the current API client. Call it without apiMu held: syncer() takes
// syncMu, then apiMu.
func (ss *session) dropSyncer() {
	ss.syncMu.Lock()
	ss.sync = nil
	ss.syncMu.Unlock()
}

// syncer returns the session's Syncer, building it (and the API client)
// on first use.
func (ss *session) syncer(ctx context.Context) (*syncer.Syncer, error) {
	ss.syncMu.Lock()
	defer ss.syncMu.Unlock()
	if ss.sync != nil {
		return ss.sync, nil
	}
	client, err := ss.api(ctx)
	if err != nil {
		return nil, err
	}
	svc := ss.svc
	ss.sync = syncer.New(ss.store, syncer.NewInvestecBank(client, ss.entry.Business, svc.log), syncer.Options{
		Now:    svc.cfg.Now,
		Logger: svc.log,
		Progress: func(p domain.SyncProgress) {
			svc.cfg.Emitter.Emit(domain.EventSyncProgress, p)
		},
	})
	return ss.sync, nil
}

// Sync fetches everything new from the bank into the cache. It refuses
// (conflict) while another sync runs. Progress goes out as
// domain.EventSyncProgress events and the result as domain.EventSyncDone.
func (s *Service) Sync(ctx context.Context, trigger string) (domain.SyncRun, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.SyncRun{}, err
	}
	sy, err := sess.syncer(ctx)
	if err != nil {
		return domain.SyncRun{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s.syncCancel.Store(&cancel)
	defer func() {
		s.syncCancel.Store(nil)
		cancel()
	}()
	run, err := sy.Run(ctx, trigger)
	s.noteNetwork(err, run)
	if err != nil {
		err = investec.DomainError(err)
		if domain.ErrorCode(err) != domain.CodeConflict {
			s.cfg.Emitter.Emit(domain.EventSyncDone, run)
		}
		return run, err
	}
	s.matchPaymentsAfterSync(ctx, sess) // unknown payment outcomes → posted transactions (payments.go)
	s.categoriseNew(ctx, sess)          // category rules on what the sync brought (insight.go)
	s.cfg.Emitter.Emit(domain.EventSyncDone, run)
	return run, nil
}

// noteNetwork updates the online state from a sync's outcome and tells the
// frontend when it changed.
func (s *Service) noteNetwork(err error, run domain.SyncRun) {
	if err == nil && run.ErrorCode == domain.CodeOffline {
		err = domain.Errorf(domain.CodeOffline, "%s", run.ErrorMessage)
	}
	if domain.ErrorCode(err) == domain.CodeConflict || domain.ErrorCode(err) == domain.CodeCancelled {
		return
	}
	if s.net.observe(err) {
		state, msg := s.net.get()
		s.cfg.Emitter.Emit(domain.EventOnline, map[string]string{"net": string(state), "message": msg})
	}
}

// CancelSync stops the running sync, if any. What it already fetched stays.
func (s *Service) CancelSync() {
	if c := s.syncCancel.Load(); c != nil {
		(*c)()
	}
}

// Status returns what the top bar shows.
func (s *Service) Status(ctx context.Context) (domain.AppStatus, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.AppStatus{}, err
	}
	conn, err := s.CurrentConnection(ctx)
	if err != nil {
		return domain.AppStatus{}, err
	}
	st := domain.AppStatus{Connection: conn, Onboarded: s.reg.Onboarded(), Interval: s.SyncInterval(ctx)}
	st.Net, st.NetMessage = s.net.get()
	st.Syncing = s.syncCancel.Load() != nil
	if run, ok, err := sess.store.LastSync(ctx); err == nil && ok {
		st.LastRun = &run
	}
	st.LastSyncedAt, _ = s.lastSuccessfulSync(ctx, sess)
	sess.apiMu.Lock()
	st.DemoOffline = sess.demoOffline
	sess.apiMu.Unlock()
	return st, nil
}

// lastSuccessfulSync returns when the cache last finished a sync in which at
// least one account synced.
func (s *Service) lastSuccessfulSync(ctx context.Context, sess *session) (string, error) {
	runs, err := sess.store.ListSyncRuns(ctx, 50)
	if err != nil {
		return "", err
	}
	for _, r := range runs {
		if r.FinishedAt != "" && r.Accounts > 0 && r.Failed < r.Accounts {
			return r.FinishedAt, nil
		}
	}
	return "", nil
}

// SyncInterval returns the background sync interval the user chose
// (hourly by default).
func (s *Service) SyncInterval(ctx context.Context) domain.SyncInterval {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.SyncHourly
	}
	v, ok, err := sess.store.Setting(ctx, settingInterval)
	if err != nil || !ok {
		return domain.SyncHourly
	}
	return domain.SyncInterval(v)
}

// SetSyncInterval stores the background sync interval and restarts the
// background timer with it.
func (s *Service) SetSyncInterval(ctx context.Context, i domain.SyncInterval) error {
	switch i {
	case domain.SyncOff, domain.Sync15Minutes, domain.SyncHourly, domain.SyncDaily:
	default:
		return domain.FieldError("interval", "Choose off, every 15 minutes, hourly or daily.")
	}
	sess, err := s.current(ctx)
	if err != nil {
		return err
	}
	if err := sess.store.SetSetting(ctx, settingInterval, string(i)); err != nil {
		return err
	}
	s.restartBackground()
	return nil
}

// StartBackground starts background syncing on the chosen interval (the
// window calls it once it is up). ctx bounds every background run.
func (s *Service) StartBackground(ctx context.Context) {
	s.bg.mu.Lock()
	s.bg.ctx = ctx
	if s.bg.sched == nil {
		s.bg.sched = syncer.NewScheduler(func(ctx context.Context) error {
			_, err := s.Sync(ctx, TriggerBackground)
			return err
		}, nil)
	}
	s.bg.mu.Unlock()
	s.restartBackground()
	if s.SyncInterval(ctx) != domain.SyncOff {
		// Open on the cached data at once and bring it up to date behind it.
		go func() {
			if _, err := s.Sync(ctx, TriggerStartup); err != nil {
				s.log.Info("startup sync", "code", domain.ErrorCode(err))
			}
		}()
	}
}

// background runs syncs on the user's interval while the window is open.
type background struct {
	mu    sync.Mutex
	ctx   context.Context
	sched *syncer.Scheduler
}

func (s *Service) stopBackground() {
	s.bg.mu.Lock()
	sched := s.bg.sched
	s.bg.mu.Unlock()
	if sched != nil {
		sched.Stop()
	}
}

// restartBackground applies the current connection's interval; a no-op
// until StartBackground was called (the CLI never syncs in the background).
func (s *Service) restartBackground() {
	s.bg.mu.Lock()
	sched, ctx := s.bg.sched, s.bg.ctx
	s.bg.mu.Unlock()
	if sched == nil || ctx == nil {
		return
	}
	sched.SetInterval(ctx, syncer.Interval(s.SyncInterval(ctx)))
}
