package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Investec's published sandbox credentials for Private Banking (from the
// Oauth2-Sandbox security scheme of sa-pb-account-information.json). The
// sandbox accepts them as Investec's does; they are public, not secrets.
//
//nolint:gosec // G101: Investec publishes these sandbox credentials in its API documentation
const (
	PBClientID = "yAxzQRFX97vOcyQAwluEU6H6ePxMA5eY"
	PBSecret   = "4dY0PjEYqoBrZ99r"
	PBAPIKey   = "eUF4elFSRlg5N3ZPY3lRQXdsdUVVNkg2ZVB4TUE1ZVk6YVc1MlpYTjBaV010ZW1FdGNHSXRZV05qYjNWdWRITXRjMkZ1WkdKdmVBPT0="
)

// Investec's published sandbox credentials for Corporate and Investment
// Banking (from sa-cib-account-information.json). They see the CIB accounts
// under /za/bb/v1.
//
//nolint:gosec // G101: Investec publishes these sandbox credentials in its API documentation
const (
	CIBClientID = "AuPwjhSy7kaUwgch2IsLFGQOEExAZih5"
	CIBSecret   = "7ycYXKakGd6ASM6f"
	CIBAPIKey   = "QXVQd2poU3k3a2FVd2djaDJJc0xGR1FPRUV4QVppaDU6YVc1MlpYTjBaV010ZW1FdFkybGlMV0ZqWTI5MWJuUnpMWE5oYm1SaWIzZz0="
)

// The OAuth2 scopes an API key can hold, as Investec names them.
const (
	ScopeAccounts                 = "accounts"
	ScopeBalances                 = "balances"
	ScopeTransactions             = "transactions"
	ScopeTransfers                = "transfers"
	ScopeBeneficiaryPayments      = "beneficiarypayments"
	ScopeDocumentsStatements      = "documents.statements"
	ScopeDocumentsTaxCertificates = "documents.taxcertificates"
	ScopeCards                    = "cards"
)

// AllPBScopes are the scopes of the published Private Banking sandbox key.
var AllPBScopes = []string{
	ScopeAccounts, ScopeBalances, ScopeTransactions, ScopeTransfers, ScopeBeneficiaryPayments,
	ScopeDocumentsStatements, ScopeDocumentsTaxCertificates, ScopeCards,
}

// CIBScopes are the scopes of the published CIB sandbox key: CIB keys offer
// only account name and number, transactions and card code.
var CIBScopes = []string{ScopeAccounts, ScopeTransactions, ScopeCards}

// DefaultSeed is the seed used when Options.Seed is zero.
const DefaultSeed = 20260101

// DefaultTokenTTL is how long an access token lives: Investec's 1799 s.
const DefaultTokenTTL = 1799 * time.Second

// Key is an API key the sandbox accepts at the token endpoint, with the
// permissions chosen when it was created in Investec Online.
type Key struct {
	ClientID string
	Secret   string
	APIKey   string
	// Scopes are the permissions the key grants, e.g. ScopeAccounts.
	Scopes []string
	// AccountIDs restricts the key to these accounts; nil means every
	// account of its kind.
	AccountIDs []string
	// CIB marks a Corporate and Investment Banking key: it sees the
	// /za/bb/v1 accounts instead of the Private Banking ones.
	CIB bool
}

// Options configure a sandbox.
type Options struct {
	// Seed selects the generated bank; the same seed and clock give the
	// same data, byte for byte. Zero means DefaultSeed. A state file's seed
	// wins over this one.
	Seed int64
	// Now is the bank's clock (default time.Now). "Today" is its date in
	// South Africa; token expiry and postings follow it, so a test can
	// advance it to make pending transactions post.
	Now func() time.Time
	// Transactions scales the history to exactly this many
	// private-banking transactions (posted and pending, across accounts)
	// on the start day, for benchmarks: the extra rows are a busy card
	// machine's payouts and purchases on the studio's account, and the
	// same daily rate continues as the clock advances. Zero, or fewer than
	// the natural history has, gives the natural two-year history (about
	// 2,600 rows). A state file's value wins over this one.
	Transactions int
	// StatePath, when set, is where the sandbox keeps what the user did
	// (transfers, payments, card code, ...) so it survives a restart. The
	// file is written atomically with mode 0600 after every change.
	StatePath string
	// Keys are API keys accepted in addition to the two published
	// sandbox keys, e.g. keys restricted to some scopes or accounts.
	Keys []Key
	// NewestFirst lists PB transactions newest first (pending rows, then
	// posted rows by descending posting date and postedOrder), as the
	// spec's example does. The default is oldest first, the order
	// recorded from Investec's sandbox. Clients must not depend on either.
	NewestFirst bool
	// Logger receives one line per request (method, path, status,
	// duration); never credentials, tokens or bodies. Nil logs nothing.
	Logger *slog.Logger
}

// Server is an in-process Investec API. It is an http.Handler; use Start
// to serve it on a local port. All methods are safe for concurrent use.
type Server struct {
	opts   Options
	now    func() time.Time
	log    *slog.Logger
	mux    *http.ServeMux
	keys   []Key
	faults *Faults

	mu      sync.Mutex
	bank    *bank
	tokens  map[string]token
	actions []action

	srvMu   sync.Mutex
	servers []*http.Server
}

// New returns a sandbox. If opts.StatePath names an existing state file,
// the sandbox continues from it; otherwise it starts a fresh bank whose
// history ends today.
func New(opts Options) (*Server, error) {
	if opts.Seed == 0 {
		opts.Seed = DefaultSeed
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Transactions < 0 {
		return nil, fmt.Errorf("new sandbox: negative transaction count %d", opts.Transactions)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{
		opts:   opts,
		now:    opts.Now,
		log:    log,
		tokens: map[string]token{},
		faults: newFaults(),
	}
	s.faults.expireFn = s.ExpireTokens
	s.keys = append([]Key{
		{ClientID: PBClientID, Secret: PBSecret, APIKey: PBAPIKey, Scopes: AllPBScopes},
		{ClientID: CIBClientID, Secret: CIBSecret, APIKey: CIBAPIKey, Scopes: CIBScopes, CIB: true},
	}, opts.Keys...)

	st, err := loadState(opts.StatePath)
	if err != nil {
		return nil, fmt.Errorf("new sandbox: %w", err)
	}
	if st == nil {
		st = &stateFile{Version: stateVersion, Seed: opts.Seed, Start: dayOf(s.now()).String(), Transactions: opts.Transactions}
	}
	if err := s.restore(st); err != nil {
		return nil, fmt.Errorf("new sandbox: %w", err)
	}
	if opts.StatePath != "" {
		if err := s.saveLocked(); err != nil {
			return nil, fmt.Errorf("new sandbox: %w", err)
		}
	}
	s.routes()
	return s, nil
}

// Faults returns the switches that make the sandbox misbehave on purpose.
func (s *Server) Faults() *Faults { return s.faults }

// Reset forgets everything the user did (transfers, payments, card code,
// test mutations), starts a fresh seeded history ending today and rewrites
// the state file. Tokens stay valid.
func (s *Server) Reset() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &stateFile{Version: stateVersion, Seed: s.bank.seed, Start: dayOf(s.now()).String(), Transactions: s.opts.Transactions}
	if err := s.restore(st); err != nil {
		return fmt.Errorf("reset sandbox: %w", err)
	}
	if err := s.saveLocked(); err != nil {
		return fmt.Errorf("reset sandbox: %w", err)
	}
	return nil
}

// today brings the bank up to the server clock and returns today's date.
// The caller holds s.mu.
func (s *Server) today() day {
	d := dayOf(s.now())
	if d > s.bank.frontier {
		s.bank.advance(d)
	}
	if d < s.bank.frontier {
		// The clock went backwards: history already posted cannot be
		// unposted, so the bank stays at its latest day.
		d = s.bank.frontier
	}
	return d
}

// Start serves the sandbox on addr (e.g. "127.0.0.1:0" for a free port)
// until ctx is done or stop is called, and returns its base URL, such as
// http://127.0.0.1:41234. stop waits for in-flight requests (up to five
// seconds).
func (s *Server) Start(ctx context.Context, addr string) (baseURL string, stop func(), err error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("start sandbox: %w", err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.srvMu.Lock()
	s.servers = append(s.servers, hs)
	s.srvMu.Unlock()
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sandbox serve", "err", err)
		}
	}()
	var once sync.Once
	stopped := make(chan struct{})
	stop = func() {
		once.Do(func() {
			close(stopped)
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				_ = hs.Close()
			}
		})
	}
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-stopped:
		}
	}()
	return "http://" + ln.Addr().String(), stop, nil
}

// Close stops every listener Start opened. The state file is already
// current: it is written after every change.
func (s *Server) Close() error {
	s.srvMu.Lock()
	servers := s.servers
	s.servers = nil
	s.srvMu.Unlock()
	var errs []error
	for _, hs := range servers {
		if err := hs.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ListenAndServe runs a sandbox with opts on addr until ctx is done. ready,
// if not nil, is called with the base URL once the port is open (addr may
// end in :0).
func ListenAndServe(ctx context.Context, addr string, opts Options, ready func(baseURL string)) error {
	s, err := New(opts)
	if err != nil {
		return err
	}
	base, stop, err := s.Start(ctx, addr)
	if err != nil {
		return err
	}
	defer stop()
	if ready != nil {
		ready(base)
	}
	<-ctx.Done()
	return nil
}
