package core

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
	"github.com/investec-desk/investec-desk/backend/store"
	syncer "github.com/investec-desk/investec-desk/backend/sync"
)

// kindEnv marks the connection described by INVESTEC_* variables.
const kindEnv domain.ConnectionKind = "env"

// session is one open connection: its cache, and (opened lazily, because
// reads never wait on the network or the keyring) its API client and, for
// the demo, the in-process sandbox.
type session struct {
	svc   *Service
	entry connections.Entry
	dir   string
	store *store.Store

	apiMu       sync.Mutex
	client      *investec.Client
	demo        *sandbox.Server
	demoURL     string
	demoStop    func()
	demoOffline bool

	syncMu sync.Mutex
	sync   *syncer.Syncer
}

// openSession opens the cache of a connection. Call with s.mu held.
func (s *Service) openSession(ctx context.Context, e connections.Entry) (*session, error) {
	dir := s.reg.Dir(e.ID)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create connection directory: %w", err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "cache.db"), store.WithClock(s.cfg.Now), store.WithLogger(s.log))
	if err != nil {
		return nil, err
	}
	return &session{svc: s, entry: e, dir: dir, store: st}, nil
}

func (ss *session) close() error {
	ss.apiMu.Lock()
	if ss.demoStop != nil {
		ss.demoStop()
		ss.demoStop = nil
	}
	ss.apiMu.Unlock()
	return ss.store.Close()
}

// api returns the connection's API client, creating it (and starting the
// demo sandbox) on first use.
func (ss *session) api(ctx context.Context) (*investec.Client, error) {
	ss.apiMu.Lock()
	defer ss.apiMu.Unlock()
	if ss.client != nil {
		return ss.client, nil
	}
	creds, base, err := ss.credentials(ctx)
	if err != nil {
		return nil, err
	}
	ss.client = investec.NewClient(
		investec.WithBaseURL(base),
		investec.WithCredentials(creds),
		investec.WithHTTPClient(ss.svc.cfg.HTTPClient),
		investec.WithLogger(ss.svc.log),
	)
	return ss.client, nil
}

// credentials returns the credentials and base URL of the session's
// connection. Call with apiMu held.
func (ss *session) credentials(ctx context.Context) (investec.Credentials, string, error) {
	e := ss.entry
	switch e.Kind {
	case domain.KindDemo:
		base, err := ss.startDemo(ctx)
		if err != nil {
			return investec.Credentials{}, "", err
		}
		return investec.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}, base, nil
	case domain.KindInvestecSandbox:
		if e.Business {
			return investec.Credentials{ClientID: sandbox.CIBClientID, ClientSecret: sandbox.CIBSecret, APIKey: sandbox.CIBAPIKey}, e.BaseURL, nil
		}
		return investec.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}, e.BaseURL, nil
	case kindEnv:
		get := ss.svc.cfg.Getenv
		return investec.Credentials{ClientID: get(EnvClientID), ClientSecret: get(EnvClientSecret), APIKey: get(EnvAPIKey)}, e.BaseURL, nil
	default:
		c, err := ss.svc.loadCredentials(ctx, e.ID)
		return c, e.BaseURL, err
	}
}

// loadCredentials reads a connection's three secrets from the keyring.
func (s *Service) loadCredentials(ctx context.Context, id string) (investec.Credentials, error) {
	var vals [3]string
	for i, name := range connections.AllSecrets {
		v, err := s.cfg.Secrets.Get(ctx, connections.SecretKey(id, name))
		switch {
		case errors.Is(err, secrets.ErrNotFound):
			return investec.Credentials{}, domain.Errorf(domain.CodeUnauthorized,
				"The credentials for this connection are not set. Add them in Settings, or run: investec-desk login --name NAME.")
		case secrets.IsUnavailable(err):
			return investec.Credentials{}, domain.Wrap(err, domain.CodeKeyring, err.Error())
		case err != nil:
			return investec.Credentials{}, fmt.Errorf("read credentials: %w", err)
		}
		vals[i] = v
	}
	return investec.Credentials{ClientID: vals[0], ClientSecret: vals[1], APIKey: vals[2]}, nil
}

// startDemo starts the built-in sandbox, keeping its state in the demo
// connection's directory. Call with apiMu held.
func (ss *session) startDemo(ctx context.Context) (string, error) {
	if ss.demoURL != "" {
		return ss.demoURL, nil
	}
	if ss.demo == nil {
		now := ss.svc.cfg.DemoOptions.Now
		if now == nil {
			now = ss.svc.cfg.Now
		}
		srv, err := sandbox.New(sandbox.Options{
			Now:          now,
			Transactions: ss.svc.cfg.DemoOptions.Transactions,
			StatePath:    filepath.Join(ss.dir, "sandbox-state.json"),
		})
		if err != nil {
			return "", fmt.Errorf("start the demo bank: %w", err)
		}
		ss.demo = srv
	}
	// The listener lives as long as the session, not the request.
	base, stop, err := ss.demo.Start(context.WithoutCancel(ctx), "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("start the demo bank: %w", err)
	}
	ss.demoURL, ss.demoStop = base, stop
	return base, nil
}
