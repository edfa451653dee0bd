package core_test

import (
	"errors"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// settingsNow is a fixed clock for the Settings tests (a Wednesday).
var settingsNow = time.Date(2026, time.May, 20, 9, 0, 0, 0, time.UTC)

func openSettingsService(t *testing.T, dataDir string, demo bool) *core.Service {
	t.Helper()
	svc, err := core.Open(core.Config{DataDir: dataDir, Demo: demo, Secrets: secrets.NewMemory(),
		Now: func() time.Time { return settingsNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Close() })
	return svc
}

func TestDemoBankURLServesTheAPIAndTestsCredentials(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := openSettingsService(t, t.TempDir(), false)

	base, err := svc.DemoBankURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("DemoBankURL = %q, want a loopback http URL", base)
	}
	again, err := svc.DemoBankURL(ctx)
	if err != nil || again != base {
		t.Fatalf("second DemoBankURL = %q, %v; want the same bank %q", again, err, base)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/identity/v2/oauth2/token", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the demo bank does not answer at %s: %v", base, err)
	}
	_ = res.Body.Close()

	// As a custom base URL it answers like Investec: the published sandbox
	// key passes, a wrong secret is refused.
	good := domain.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}
	test, err := svc.TestCredentials(ctx, domain.KindCustom, base, false, good)
	if err != nil || !test.OK {
		t.Fatalf("TestCredentials with the published key: %+v %v", test, err)
	}
	if len(test.Accounts) != 4 || len(test.Missing) != 0 || !slices.Contains(test.Permissions, "Beneficiary payments") {
		t.Fatalf("published key: %d accounts, missing %v, permissions %v", len(test.Accounts), test.Missing, test.Permissions)
	}
	bad := good
	bad.ClientSecret = "not-the-secret-0000"
	test, err = svc.TestCredentials(ctx, domain.KindCustom, base, false, bad)
	if err != nil || test.OK || test.ErrorCode != domain.CodeUnauthorized || !strings.Contains(test.Message, "Investec refused the credentials") {
		t.Fatalf("TestCredentials with a wrong secret: %+v %v", test, err)
	}
	if strings.Contains(test.Message, bad.ClientSecret) {
		t.Fatal("the refusal repeats the secret")
	}
}

func TestDemoBankURLOnlyOnTheDemo(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := openSettingsService(t, t.TempDir(), false)
	if _, err := svc.AddInvestecSandbox(ctx, false); err != nil {
		t.Fatal(err)
	}
	_, err := svc.DemoBankURL(ctx)
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("DemoBankURL on Investec's sandbox: %v, want invalid", err)
	}
}

func TestConnectionCacheCountsWithoutCreating(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()
	svc := openSettingsService(t, dir, false)

	if _, err := svc.ConnectionCache(ctx, "nowhere"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("ConnectionCache of an unknown connection: %v, want not_found", err)
	}
	// Added, never opened: nothing to count, and asking creates nothing.
	biz, err := svc.AddConnection(ctx, domain.NewConnection{Name: "Business sandbox", Kind: domain.KindInvestecSandbox, Business: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.ConnectionCache(ctx, biz.ID)
	if err != nil || c.Exists || c.ConnectionID != biz.ID || c.Transactions != 0 || c.Bytes != 0 {
		t.Fatalf("ConnectionCache of a connection never opened: %+v %v", c, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "connections", biz.ID)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("ConnectionCache created the connection's directory: %v", err)
	}

	// Opened (switching opens the cache) but never synced.
	if _, err := svc.SwitchConnection(ctx, biz.ID); err != nil {
		t.Fatal(err)
	}
	c, err = svc.ConnectionCache(ctx, biz.ID)
	if err != nil || !c.Exists || c.Transactions != 0 || c.Accounts != 0 || c.Bytes == 0 {
		t.Fatalf("ConnectionCache of an unsynced connection: %+v %v", c, err)
	}

	// The demo, synced: the count is what the cache holds.
	demo := openSettingsService(t, t.TempDir(), true)
	if _, err := demo.Sync(ctx, core.TriggerCLI); err != nil {
		t.Fatal(err)
	}
	page, err := demo.Transactions(ctx, domain.TransactionFilter{Status: domain.StatusAll, Limit: 1})
	if err != nil || page.Totals.Count == 0 {
		t.Fatalf("demo transactions: %+v %v", page.Totals, err)
	}
	c, err = demo.ConnectionCache(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Exists || c.Accounts != 4 || c.Transactions != page.Totals.Count || c.Bytes < 4096 {
		t.Fatalf("ConnectionCache of the synced demo = %+v, want 4 accounts, %d transactions, some bytes", c, page.Totals.Count)
	}
}

func TestConnectionCacheOfAConnectionNotOpen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()
	svc := openSettingsService(t, dir, false)
	if _, err := svc.Sync(ctx, core.TriggerCLI); err != nil { // the demo, active by default
		t.Fatal(err)
	}
	want, err := svc.ConnectionCache(ctx, "demo")
	if err != nil || want.Transactions == 0 {
		t.Fatalf("demo cache: %+v %v", want, err)
	}
	if _, err := svc.AddInvestecSandbox(ctx, false); err != nil { // closes the demo's cache
		t.Fatal(err)
	}
	got, err := svc.ConnectionCache(ctx, "Demo") // by name works too
	if err != nil {
		t.Fatal(err)
	}
	if got.Transactions != want.Transactions || got.Accounts != want.Accounts || !got.Exists {
		t.Fatalf("closed demo cache = %+v, want %+v", got, want)
	}
}

func TestRestartOnboardingPersists(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	svc := openSettingsService(t, dir, false)
	if svc.Onboarded() {
		t.Fatal("a new data directory is onboarded")
	}
	if err := svc.CompleteOnboarding(); err != nil {
		t.Fatal(err)
	}
	if err := svc.RestartOnboarding(); err != nil {
		t.Fatal(err)
	}
	if svc.Onboarded() {
		t.Fatal("still onboarded after RestartOnboarding")
	}
	if err := svc.CompleteOnboarding(); err != nil {
		t.Fatal(err)
	}
	if err := svc.RestartOnboarding(); err != nil {
		t.Fatal(err)
	}
	_ = svc.Close()
	reopened := openSettingsService(t, dir, false)
	if reopened.Onboarded() {
		t.Fatal("RestartOnboarding was not saved")
	}
}

func TestExploreDemoOnAFreshDataDir(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := openSettingsService(t, t.TempDir(), false)
	c, switched, err := svc.ExploreDemo(ctx)
	if err != nil || switched || c.Kind != domain.KindDemo || !c.Active {
		t.Fatalf("ExploreDemo = %+v, switched %v, %v; want the demo, already in use", c, switched, err)
	}
	if !svc.Onboarded() {
		t.Fatal("ExploreDemo did not complete the first-run screen")
	}
}

func TestExploreDemoCreatesAndSwitchesToTheDemo(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()
	svc := openSettingsService(t, dir, false)
	// As after `investec-desk login` on a new machine: one connection, no demo.
	if _, err := svc.AddConnection(ctx, domain.NewConnection{Name: "Sandbox", Kind: domain.KindInvestecSandbox}); err != nil {
		t.Fatal(err)
	}
	before, err := svc.Connections(ctx)
	if err != nil || len(before) != 1 || before[0].Kind != domain.KindInvestecSandbox {
		t.Fatalf("connections before: %+v %v", before, err)
	}
	c, switched, err := svc.ExploreDemo(ctx)
	if err != nil || !switched || c.Kind != domain.KindDemo || !c.Active {
		t.Fatalf("ExploreDemo = %+v, switched %v, %v; want a switch to the demo", c, switched, err)
	}
	after, err := svc.Connections(ctx)
	if err != nil || len(after) != 2 {
		t.Fatalf("connections after: %+v %v", after, err)
	}
	for _, x := range after {
		if x.Active != (x.Kind == domain.KindDemo) {
			t.Errorf("%s active = %v", x.Name, x.Active)
		}
	}
	_ = svc.Close()
	reopened := openSettingsService(t, dir, false)
	cur, err := reopened.CurrentConnection(ctx)
	if err != nil || cur.Kind != domain.KindDemo || !reopened.Onboarded() {
		t.Fatalf("after reopening: %+v onboarded %v %v", cur, reopened.Onboarded(), err)
	}
}

// replaceKey is an API key the Settings tests' sandbox accepts.
var replaceKey = sandbox.Key{
	ClientID: "replace-client-000001", Secret: "replace-secret-000001", APIKey: "replace-api-key-00000000001",
	Scopes: []string{sandbox.ScopeAccounts, sandbox.ScopeTransactions},
}

func TestReplaceCredentialsKeepsWhatIsNotTyped(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	sb, err := sandbox.New(sandbox.Options{Now: func() time.Time { return settingsNow }, Keys: []sandbox.Key{replaceKey}})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err := sb.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	mem := secrets.NewMemory()
	svc, err := core.Open(core.Config{DataDir: t.TempDir(), Secrets: mem, Now: func() time.Time { return settingsNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Close() })

	wrong := domain.Credentials{ClientID: replaceKey.ClientID, ClientSecret: "a-wrong-secret-0001", APIKey: replaceKey.APIKey}
	c, err := svc.AddConnection(ctx, domain.NewConnection{Name: "Local", Kind: domain.KindCustom, BaseURL: base, Credentials: wrong})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := svc.TestConnection(ctx, c.ID); err != nil || res.OK || res.ErrorCode != domain.CodeUnauthorized {
		t.Fatalf("test with the wrong secret: %+v %v", res, err)
	}

	// Only the secret is typed; the client ID and API key stay as stored.
	if err := svc.ReplaceCredentials(ctx, c.ID, domain.Credentials{ClientSecret: "  " + replaceKey.Secret + " "}); err != nil {
		t.Fatal(err)
	}
	stored := func(s connections.Secret) string {
		v, err := mem.Get(ctx, connections.SecretKey(c.ID, s))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if stored(connections.SecretClientID) != replaceKey.ClientID || stored(connections.SecretClientSecret) != replaceKey.Secret ||
		stored(connections.SecretAPIKey) != replaceKey.APIKey {
		t.Fatal("the stored credentials are not the typed secret with the kept client ID and API key")
	}
	res, err := svc.TestConnection(ctx, c.ID)
	if err != nil || !res.OK || len(res.Accounts) == 0 {
		t.Fatalf("test after replacing the secret: %+v %v", res, err)
	}

	// Typed but malformed: said beside that field, nothing stored.
	err = svc.ReplaceCredentials(ctx, c.ID, domain.Credentials{APIKey: "short"})
	if p := domain.Payload(err); p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "apiKey" {
		t.Fatalf("malformed API key: %+v", p)
	}
	if stored(connections.SecretAPIKey) != replaceKey.APIKey {
		t.Fatal("a malformed API key replaced the stored one")
	}

	// Nothing typed.
	err = svc.ReplaceCredentials(ctx, c.ID, domain.Credentials{ClientID: " "})
	if p := domain.Payload(err); p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "clientId" {
		t.Fatalf("nothing typed: %+v", p)
	}

	// A part neither typed nor stored must be typed.
	if err := mem.Delete(ctx, connections.SecretKey(c.ID, connections.SecretAPIKey)); err != nil {
		t.Fatal(err)
	}
	err = svc.ReplaceCredentials(ctx, c.ID, domain.Credentials{ClientSecret: replaceKey.Secret})
	if p := domain.Payload(err); p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "apiKey" {
		t.Fatalf("missing API key: %+v", p)
	}

	// A locked keyring says so, with the way forward.
	mem.Err = &secrets.UnavailableError{Reason: "the keyring is locked", Hint: "Unlock it."}
	err = svc.ReplaceCredentials(ctx, c.ID, domain.Credentials{ClientSecret: replaceKey.Secret})
	if domain.ErrorCode(err) != domain.CodeKeyring || !strings.Contains(domain.ErrorMessage(err), "Unlock it.") {
		t.Fatalf("locked keyring: %v", err)
	}
}

func TestReplaceCredentialsRefusesPublishedOnes(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := openSettingsService(t, t.TempDir(), false)
	sbx, err := svc.AddInvestecSandbox(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	err = svc.ReplaceCredentials(ctx, sbx.ID, domain.Credentials{ClientSecret: "whatever-secret-1"})
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("ReplaceCredentials on Investec's sandbox: %v", err)
	}
	if err := svc.ReplaceCredentials(ctx, "nowhere", domain.Credentials{ClientSecret: "whatever-secret-1"}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("ReplaceCredentials on an unknown connection: %v", err)
	}
}

func TestDemoBankComesBackOnAnotherPortWhenItsOwnIsTaken(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := openSettingsService(t, t.TempDir(), true)
	if _, err := svc.Sync(ctx, core.TriggerManual); err != nil {
		t.Fatal(err)
	}
	before, err := svc.DemoBankURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(before)
	if err != nil {
		t.Fatal(err)
	}
	var lc net.ListenConfig
	squatter, err := lc.Listen(ctx, "tcp", u.Host) // something else takes the demo bank's port
	if err != nil {
		t.Fatal(err)
	}
	other := &http.Server{Handler: http.NotFoundHandler(), ReadHeaderTimeout: time.Second}
	go func() { _ = other.Serve(squatter) }()
	defer other.Close()

	// Back online while a sync starts: neither waits on the other for ever.
	synced := make(chan struct{})
	go func() {
		defer close(synced)
		_, _ = svc.Sync(ctx, core.TriggerManual) // offline, busy or fine: it only has to return
	}()
	if err := svc.SetDemoOffline(ctx, false); err != nil {
		t.Fatal(err)
	}
	select {
	case <-synced:
	case <-time.After(2 * time.Minute):
		t.Fatal("a sync and the demo bank's restart wait on each other")
	}

	after, err := svc.DemoBankURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after == before {
		t.Fatalf("the demo bank is still at %s, the taken port", after)
	}
	// The client and syncer built for the old address are gone: a sync reaches the new one.
	run, err := svc.Sync(ctx, core.TriggerManual)
	if err != nil || run.ErrorCode != "" {
		t.Fatalf("sync after the move = %+v, %v; want a clean run", run, err)
	}
}
