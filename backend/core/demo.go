package core

import (
	"context"
	"fmt"
	"net/url"
	"os"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// demoSession returns the open session when it is the demo's.
func (s *Service) demoSession(ctx context.Context) (*session, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	if sess.entry.Kind != domain.KindDemo {
		return nil, domain.Errorf(domain.CodeInvalid, "This works only on the demo connection.")
	}
	return sess, nil
}

// SetDemoOffline switches the built-in demo bank off (true) or back on, so
// a person can see how the app behaves without a network: the cache stays
// readable and the app says plainly that the bank cannot be reached.
func (s *Service) SetDemoOffline(ctx context.Context, offline bool) error {
	sess, err := s.demoSession(ctx)
	if err != nil {
		return err
	}
	if _, err := sess.api(ctx); err != nil { // make sure the demo bank exists
		return err
	}
	clientDropped, err := switchDemoBank(ctx, sess, offline)
	if err != nil {
		return err
	}
	if clientDropped {
		sess.dropSyncer() // the syncer built on the old client goes too
	}
	return nil
}

// switchDemoBank stops or restarts the session's demo bank under apiMu. It
// reports whether the bank came back on another port, which drops the API
// client (its base URL is stale).
func switchDemoBank(ctx context.Context, sess *session, offline bool) (clientDropped bool, err error) {
	sess.apiMu.Lock()
	defer sess.apiMu.Unlock()
	if offline == sess.demoOffline {
		return false, nil
	}
	if offline {
		if sess.demoStop != nil {
			sess.demoStop()
		}
		_ = sess.demo.Close()
		sess.demoStop, sess.demoOffline = nil, true
		return false, nil
	}
	// Come back on the same port so the client's base URL stays right; if
	// the port was taken meanwhile, take a new one and rebuild the client.
	addr := "127.0.0.1:0"
	if u, err := url.Parse(sess.demoURL); err == nil {
		addr = u.Host
	}
	base, stop, err := sess.demo.Start(context.WithoutCancel(ctx), addr)
	if err != nil {
		base, stop, err = sess.demo.Start(context.WithoutCancel(ctx), "127.0.0.1:0")
		if err != nil {
			return false, fmt.Errorf("restart the demo bank: %w", err)
		}
		sess.client = nil
		clientDropped = true
	}
	sess.demoURL, sess.demoStop, sess.demoOffline = base, stop, false
	return clientDropped, nil
}

// ResetDemo restores the demo bank to its seed (undoing demo transfers,
// payments and card-code changes), empties the demo cache, so the next
// sync starts from scratch, and forgets the keyring's copies of the demo
// cards' environment variables.
func (s *Service) ResetDemo(ctx context.Context) error {
	sess, err := s.demoSession(ctx)
	if err != nil {
		return err
	}
	if _, err := sess.api(ctx); err != nil {
		return err
	}
	if err := sess.demo.Reset(); err != nil {
		return fmt.Errorf("reset the demo bank: %w", err)
	}
	if err := s.forgetCardEnvCopies(ctx, sess.entry.ID); err != nil {
		return fmt.Errorf("forget the demo cards' environment variables: %w", err)
	}
	s.CancelSync()
	dir := sess.dir
	if err := s.reopen(); err != nil {
		return err
	}
	for _, name := range []string{"cache.db", "cache.db-wal", "cache.db-shm", "documents"} {
		if err := os.RemoveAll(dir + string(os.PathSeparator) + name); err != nil {
			return fmt.Errorf("empty the demo cache: %w", err)
		}
	}
	_, err = s.current(ctx)
	return err
}
