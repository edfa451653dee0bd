// Package core holds the application's use cases. The desktop App (app.go)
// and the headless commands (backend/cli) are both thin adapters onto one
// Service: it knows the connections, opens the active connection's cache
// and API client (starting the built-in sandbox for the demo), and runs
// syncs, searches, payments, card-code work and exports.
package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// Emitter delivers events to whoever shows progress: the window (through
// the Wails runtime, in app.go) or the terminal. Implementations must not
// block.
type Emitter interface {
	Emit(event string, payload any)
}

// EmitterFunc adapts a function to Emitter.
type EmitterFunc func(event string, payload any)

// Emit implements Emitter.
func (f EmitterFunc) Emit(event string, payload any) { f(event, payload) }

type nopEmitter struct{}

func (nopEmitter) Emit(string, any) {}

// Names of the environment variables read for headless automation (names,
// not secrets).
//
//nolint:gosec // G101: these are variable names
const (
	EnvClientID     = "INVESTEC_CLIENT_ID"
	EnvClientSecret = "INVESTEC_CLIENT_SECRET"
	EnvAPIKey       = "INVESTEC_API_KEY"
	EnvBaseURL      = "INVESTEC_BASE_URL"
)

// Config configures a Service.
type Config struct {
	// DataDir holds connections.json and one directory per connection.
	DataDir string
	// Demo forces the built-in demo connection (the CLI's --demo) without
	// changing which connection is active.
	Demo bool
	// Connection, when set, names the connection to use instead of the
	// active one (the CLI's --connection).
	Connection string
	// Secrets is the keyring. Required.
	Secrets secrets.Store
	// Getenv reads the environment (credentials for automation). Default:
	// nothing is set.
	Getenv func(string) string
	// Logger receives diagnostics; never a secret. Default: discard.
	Logger *slog.Logger
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Emitter receives progress and status events. Default: none.
	Emitter Emitter
	// HTTPClient is used for Investec's API. Default: a client with sane
	// timeouts.
	HTTPClient *http.Client
	// DemoOptions tweak the built-in sandbox (tests use a fixed clock).
	DemoOptions DemoOptions
}

// DemoOptions tweak the built-in demo sandbox.
type DemoOptions struct {
	// Now is the demo bank's clock (default: Config.Now).
	Now func() time.Time
	// Transactions scales the demo history (0: the natural two years).
	Transactions int
}

// Service is the application: every use case the window and the commands
// offer. It is safe for concurrent use.
type Service struct {
	cfg Config
	log *slog.Logger
	reg *connections.Registry

	mu   sync.Mutex
	sess *session // the open connection, opened on first use

	bg         background
	net        netStatus
	syncCancel atomic.Pointer[context.CancelFunc]
}

// Open prepares a Service on the data directory. It reads the list of
// connections but opens no cache and starts nothing until a use case needs
// it, so `investec-desk version` stays instant.
func Open(cfg Config) (*Service, error) {
	if cfg.Secrets == nil {
		return nil, errors.New("core: Config.Secrets is required")
	}
	if cfg.Getenv == nil {
		cfg.Getenv = func(string) string { return "" }
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Emitter == nil {
		cfg.Emitter = nopEmitter{}
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	reg, err := connections.Open(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	return &Service{cfg: cfg, log: cfg.Logger, reg: reg}, nil
}

// Close stops background work and closes the open connection.
func (s *Service) Close() error {
	s.stopBackground()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess == nil {
		return nil
	}
	err := s.sess.close()
	s.sess = nil
	return err
}

// DataDir returns the data directory.
func (s *Service) DataDir() string { return s.cfg.DataDir }

// current returns the open session, opening the selected connection first
// if needed.
func (s *Service) current(ctx context.Context) (*session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess != nil {
		return s.sess, nil
	}
	target, err := s.selectConnection()
	if err != nil {
		return nil, err
	}
	sess, err := s.openSession(ctx, target)
	if err != nil {
		return nil, err
	}
	s.sess = sess
	return sess, nil
}

// selectConnection decides which connection this process works on: the
// environment's credentials, --demo, --connection, or the active one (the
// demo when nothing is configured). Call with mu held.
func (s *Service) selectConnection() (connections.Entry, error) {
	if env, ok := s.envConnection(); ok {
		return env, nil
	}
	if s.cfg.Demo {
		return s.reg.EnsureDemo()
	}
	if s.cfg.Connection != "" {
		return s.reg.Get(s.cfg.Connection)
	}
	if e, ok := s.reg.Active(); ok {
		return e, nil
	}
	return s.reg.EnsureDemo()
}

// envConnectionID names the cache of the connection the environment
// describes.
const envConnectionID = "env"

// envConnection returns a connection built from INVESTEC_* variables when
// all three credentials are set.
func (s *Service) envConnection() (connections.Entry, bool) {
	if s.cfg.Getenv(EnvClientID) == "" || s.cfg.Getenv(EnvClientSecret) == "" || s.cfg.Getenv(EnvAPIKey) == "" {
		return connections.Entry{}, false
	}
	base := s.cfg.Getenv(EnvBaseURL)
	if base == "" {
		base = connections.ProductionURL
	}
	return connections.Entry{ID: envConnectionID, Name: "Environment", Kind: "env", BaseURL: base}, true
}

// reopen closes the open session so the next use opens the (newly)
// selected connection.
func (s *Service) reopen() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess == nil {
		return nil
	}
	err := s.sess.close()
	s.sess = nil
	if err != nil {
		return fmt.Errorf("close connection: %w", err)
	}
	return nil
}
