package core_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// connectionsSecrets is the real Secret Service under scripts/with-keyring.sh
// (as in `make test`), under a service name of this test's own; else an
// in-memory store.
func connectionsSecrets(t *testing.T) secrets.Store {
	t.Helper()
	if os.Getenv("INVESTEC_DESK_REAL_KEYRING") == "1" {
		return secrets.NewKeyring(distinctive(t, "investec-desk-connections-", 4), 10*time.Second)
	}
	return secrets.NewMemory()
}

// countingStore is a secrets.Store that counts the values written through
// it, to prove that nothing was stored.
type countingStore struct {
	secrets.Store
	mu   sync.Mutex
	sets int
}

func (c *countingStore) Set(ctx context.Context, key, secret string) error {
	c.mu.Lock()
	c.sets++
	c.mu.Unlock()
	return c.Store.Set(ctx, key, secret)
}

func (c *countingStore) setCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sets
}

func openConnectionsService(t *testing.T, dataDir string, store secrets.Store) *core.Service {
	t.Helper()
	svc, err := core.Open(core.Config{DataDir: dataDir, Secrets: store, Now: func() time.Time { return settingsNow },
		Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Close() })
	// As the app does at start: open the active connection (the demo on a
	// fresh data dir).
	if _, err := svc.CurrentConnection(t.Context()); err != nil {
		t.Fatal(err)
	}
	return svc
}

func startSandbox(t *testing.T, keys ...sandbox.Key) string {
	t.Helper()
	base, _ := startStoppableSandbox(t, keys...)
	return base
}

// startStoppableSandbox is startSandbox for a test that takes the bank
// away midway: stop may be called any number of times (cleanup calls it too).
func startStoppableSandbox(t *testing.T, keys ...sandbox.Key) (base string, stop func()) {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Now: func() time.Time { return settingsNow }, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err = sb.Start(t.Context(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return base, stop
}

// publishedCreds are Investec's published sandbox credentials, which the
// built-in sandbox accepts with every permission.
var publishedCreds = domain.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}

// connectCustom connects svc to the bank at base as a custom connection
// with the published credentials (removed again when the test ends).
func connectCustom(t *testing.T, svc *core.Service, name, base string) domain.Connection {
	t.Helper()
	c, test, err := svc.Connect(t.Context(), domain.NewConnection{Name: name, Kind: domain.KindCustom, BaseURL: base, Credentials: publishedCreds})
	if err != nil || !test.OK {
		t.Fatalf("connect %s: %+v %v", name, test, err)
	}
	t.Cleanup(func() { _ = svc.RemoveConnection(context.Background(), c.ID, true) })
	return c
}

func accountIDs(t *testing.T, svc *core.Service) []string {
	t.Helper()
	accts, err := svc.Accounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range accts {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	return ids
}

// transactionAccounts returns the accounts the cached transactions belong
// to, and how many there are.
func transactionAccounts(t *testing.T, svc *core.Service) ([]string, int64) {
	t.Helper()
	page, err := svc.Transactions(t.Context(), domain.TransactionFilter{Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(page.Rows)) != page.Totals.Count {
		t.Fatalf("read %d of %d cached transactions; raise the limit", len(page.Rows), page.Totals.Count)
	}
	var ids []string
	for _, tx := range page.Rows {
		if !slices.Contains(ids, tx.AccountID) {
			ids = append(ids, tx.AccountID)
		}
	}
	slices.Sort(ids)
	return ids, page.Totals.Count
}

// TestEachConnectionKeepsItsOwnCache connects two API keys of one bank, each
// limited to a different account, and proves their data never mixes: each
// connection's cache (its own database file) holds only what its key sees,
// the second starts empty, switching back reads the first's cache offline,
// and removing one with its cache leaves the other's intact.
func TestEachConnectionKeepsItsOwnCache(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dataDir := t.TempDir()
	store := connectionsSecrets(t)
	svc := openConnectionsService(t, dataDir, store)

	// Learn the bank's accounts with the published key, then restrict one
	// key to each of the first two (the same seed and clock give the same
	// bank).
	probe, err := svc.TestCredentials(ctx, domain.KindCustom, startSandbox(t), false, publishedCreds)
	if err != nil || !probe.OK || len(probe.Accounts) < 2 {
		t.Fatalf("probe: %+v %v", probe, err)
	}
	accA, accB := probe.Accounts[0].ID, probe.Accounts[1].ID
	keyA := sandbox.Key{ClientID: distinctive(t, "alphaid", 8), Secret: distinctive(t, "alphasecret", 8),
		APIKey: distinctive(t, "alphaapikey", 12), Scopes: sandbox.AllPBScopes, AccountIDs: []string{accA}}
	keyB := sandbox.Key{ClientID: distinctive(t, "betaid", 8), Secret: distinctive(t, "betasecret", 8),
		APIKey: distinctive(t, "betaapikey", 12), Scopes: sandbox.AllPBScopes, AccountIDs: []string{accB}}
	base := startSandbox(t, keyA, keyB)

	connect := func(name string, k sandbox.Key) domain.Connection {
		t.Helper()
		c, test, err := svc.Connect(ctx, domain.NewConnection{Name: name, Kind: domain.KindCustom, BaseURL: base,
			Credentials: domain.Credentials{ClientID: k.ClientID, ClientSecret: k.Secret, APIKey: k.APIKey}})
		if err != nil || !test.OK {
			t.Fatalf("connect %s: %+v %v", name, test, err)
		}
		if len(test.Accounts) != 1 || test.Accounts[0].ID != k.AccountIDs[0] {
			t.Fatalf("connect %s: the test saw accounts %+v, want only %s", name, test.Accounts, k.AccountIDs[0])
		}
		t.Cleanup(func() { _ = svc.RemoveConnection(context.Background(), c.ID, true) })
		return c
	}
	syncOK := func(name string) {
		t.Helper()
		run, err := svc.Sync(ctx, core.TriggerManual)
		if err != nil || run.Accounts != 1 || run.Failed != 0 || run.Added == 0 {
			t.Fatalf("sync %s: %+v %v", name, run, err)
		}
	}

	alpha := connect("Alpha", keyA)
	syncOK("Alpha")
	if got := accountIDs(t, svc); !slices.Equal(got, []string{accA}) {
		t.Fatalf("Alpha's cached accounts = %v, want [%s]", got, accA)
	}
	alphaTxAccounts, alphaCount := transactionAccounts(t, svc)
	if !slices.Equal(alphaTxAccounts, []string{accA}) || alphaCount == 0 {
		t.Fatalf("Alpha's cached transactions belong to %v (%d), want only %s", alphaTxAccounts, alphaCount, accA)
	}

	beta := connect("Beta", keyB)
	if cur, err := svc.CurrentConnection(ctx); err != nil || cur.ID != beta.ID {
		t.Fatalf("current after connecting Beta: %+v %v", cur, err)
	}
	if got := accountIDs(t, svc); len(got) != 0 {
		t.Fatalf("Beta's cache before its first sync holds accounts %v: the caches mix", got)
	}
	syncOK("Beta")
	if got := accountIDs(t, svc); !slices.Equal(got, []string{accB}) {
		t.Fatalf("Beta's cached accounts = %v, want [%s]", got, accB)
	}
	if got, _ := transactionAccounts(t, svc); !slices.Equal(got, []string{accB}) {
		t.Fatalf("Beta's cached transactions belong to %v, want only %s", got, accB)
	}

	// Each has its own database file in its own directory.
	for _, c := range []domain.Connection{alpha, beta} {
		if _, err := os.Stat(filepath.Join(dataDir, "connections", c.ID, "cache.db")); err != nil {
			t.Fatalf("%s has no cache database of its own: %v", c.Name, err)
		}
	}

	// Back on Alpha, its cache answers as it was.
	if _, err := svc.SwitchConnection(ctx, alpha.ID); err != nil {
		t.Fatal(err)
	}
	if got := accountIDs(t, svc); !slices.Equal(got, []string{accA}) {
		t.Fatalf("Alpha's cached accounts after switching back = %v, want [%s]", got, accA)
	}
	if got, n := transactionAccounts(t, svc); !slices.Equal(got, []string{accA}) || n != alphaCount {
		t.Fatalf("Alpha's transactions after switching back: %v (%d), want %s (%d)", got, n, accA, alphaCount)
	}

	// Removing Beta with its cache deletes its directory and its keyring
	// entries, and nothing of Alpha's.
	if err := svc.RemoveConnection(ctx, beta.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, "connections", beta.ID)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Beta's directory after removing it with its cache: %v", err)
	}
	for _, s := range connections.AllSecrets {
		if _, err := store.Get(ctx, connections.SecretKey(beta.ID, s)); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("the keyring still answers for Beta's %s: %v", s, err)
		}
		if v, err := store.Get(ctx, connections.SecretKey(alpha.ID, s)); err != nil || v == "" {
			t.Errorf("Alpha's %s is gone from the keyring: %v", s, err)
		}
	}
	if cache, err := svc.ConnectionCache(ctx, alpha.ID); err != nil || cache.Accounts != 1 || cache.Transactions != alphaCount {
		t.Fatalf("Alpha's cache after removing Beta: %+v %v", cache, err)
	}
}

// TestConnectStoresNothingUnlessItCan proves Connect keeps nothing when
// Investec refuses the credentials, and nothing (no connection, no
// directory, no file holding a secret) when the keyring is missing or
// locked: it says so, with the way forward, instead of falling back.
func TestConnectStoresNothingUnlessItCan(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	base := startSandbox(t)
	good := domain.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}

	t.Run("refused by the bank", func(t *testing.T) {
		t.Parallel()
		dataDir := t.TempDir()
		store := &countingStore{Store: connectionsSecrets(t)}
		svc := openConnectionsService(t, dataDir, store)
		before, err := svc.Connections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bad := good
		bad.ClientSecret = distinctive(t, "wrongsecret", 8)
		c, test, err := svc.Connect(ctx, domain.NewConnection{Name: "Refused", Kind: domain.KindCustom, BaseURL: base, Credentials: bad})
		if err != nil || test.OK || test.ErrorCode != domain.CodeUnauthorized || c.ID != "" {
			t.Fatalf("Connect with a wrong secret = %+v, %+v, %v; want a refusal and no connection", c, test, err)
		}
		if strings.Contains(test.Message, bad.ClientSecret) {
			t.Fatal("the refusal repeats the secret")
		}
		after, err := svc.Connections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before) || store.setCount() != 0 {
			t.Fatalf("after a refusal: connections %+v (were %+v), %d keyring writes; want none", after, before, store.setCount())
		}
		entries, _ := os.ReadDir(filepath.Join(dataDir, "connections"))
		for _, e := range entries {
			if e.Name() != connections.DemoID {
				t.Errorf("a refused connection left a directory behind: %s", e.Name())
			}
		}
	})

	t.Run("keyring unavailable", func(t *testing.T) {
		t.Parallel()
		dataDir := t.TempDir()
		locked := secrets.NewMemory()
		locked.Err = &secrets.UnavailableError{Reason: "the keyring is locked", Hint: "Unlock it, or explore with the demo data."}
		svc := openConnectionsService(t, dataDir, locked)
		c, test, err := svc.Connect(ctx, domain.NewConnection{Name: "Locked", Kind: domain.KindCustom, BaseURL: base, Credentials: good})
		if !test.OK {
			t.Fatalf("the bank should accept the published key: %+v", test)
		}
		if domain.ErrorCode(err) != domain.CodeKeyring || c.ID != "" {
			t.Fatalf("Connect with a locked keyring = %+v, %v; want a keyring error", c, err)
		}
		msg := domain.ErrorMessage(err)
		if !strings.Contains(msg, "the keyring is locked") || !strings.Contains(msg, "explore with the demo data") {
			t.Fatalf("message %q does not say what is wrong and the way forward", msg)
		}
		for _, v := range []string{good.ClientID, good.ClientSecret, good.APIKey} {
			if strings.Contains(msg, v) {
				t.Fatal("the message repeats a credential")
			}
		}
		list, err := svc.Connections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(list, func(c domain.Connection) bool { return c.Name == "Locked" }) {
			t.Fatalf("a connection whose credentials could not be kept was saved: %+v", list)
		}
		hits, files := scanFiles(t, dataDir, []needle{
			{"client ID", []byte(good.ClientID)}, {"client secret", []byte(good.ClientSecret)}, {"API key", []byte(good.APIKey)},
		})
		for _, h := range hits {
			t.Errorf("fell back to a file: %s", h)
		}
		if !slices.Contains(files, "connections.json") {
			t.Fatalf("scanned %q, want connections.json among them", files)
		}
	})
}

// TestRenameMoveAndRetestAConnection: Settings' edit and re-test. A rename
// keeps the connection's credentials and cache; moving a custom connection
// to another bank takes effect at the next call (the old bank is gone); a
// re-test records the permissions it found.
func TestRenameMoveAndRetestAConnection(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	store := connectionsSecrets(t)
	svc := openConnectionsService(t, t.TempDir(), store)
	firstBase, stopFirst := startStoppableSandbox(t)
	secondBase := startSandbox(t)

	c := connectCustom(t, svc, "Bank", firstBase)
	if run, err := svc.Sync(ctx, core.TriggerManual); err != nil || run.Failed != 0 || run.Accounts != 4 {
		t.Fatalf("sync: %+v %v", run, err)
	}

	renamed, err := svc.UpdateConnection(ctx, c.ID, "My bank", "")
	if err != nil || renamed.ID != c.ID || renamed.Name != "My bank" || renamed.BaseURL != firstBase || !renamed.HasCredentials || !renamed.Active {
		t.Fatalf("rename = %+v, %v", renamed, err)
	}
	if cache, err := svc.ConnectionCache(ctx, c.ID); err != nil || cache.Accounts != 4 {
		t.Fatalf("the cache after a rename: %+v %v", cache, err)
	}
	if _, err := svc.UpdateConnection(ctx, c.ID, "Demo", ""); domain.ErrorField(err) != "name" {
		t.Fatalf("renaming to the demo's name = %v, want a problem with the name", err)
	}

	// Move to the second bank, then take the first away: a sync must reach
	// the second.
	moved, err := svc.UpdateConnection(ctx, c.ID, "My bank", secondBase)
	if err != nil || moved.BaseURL != secondBase {
		t.Fatalf("move = %+v, %v", moved, err)
	}
	stopFirst()
	if run, err := svc.Sync(ctx, core.TriggerManual); err != nil || run.Failed != 0 || run.Accounts != 4 {
		t.Fatalf("sync after moving to %s: %+v %v", secondBase, run, err)
	}

	res, err := svc.TestConnection(ctx, c.ID)
	if err != nil || !res.OK || len(res.Accounts) != 4 || len(res.Missing) != 0 {
		t.Fatalf("re-test: %+v %v", res, err)
	}
	list, err := svc.Connections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(list, func(x domain.Connection) bool { return x.ID == c.ID })
	if i < 0 || list[i].LastTestedAt == "" || !slices.Contains(list[i].Permissions, "Beneficiary payments") {
		t.Fatalf("the re-test was not recorded: %+v", list)
	}

	// Edited credentials are the ones the next sync uses: a wrong secret is
	// refused, the right one works again.
	if err := svc.ReplaceCredentials(ctx, c.ID, domain.Credentials{ClientSecret: "not-the-secret-0000"}); err != nil {
		t.Fatal(err)
	}
	run, err := svc.Sync(ctx, core.TriggerManual)
	if domain.ErrorCode(err) != domain.CodeUnauthorized && run.ErrorCode != domain.CodeUnauthorized {
		t.Fatalf("sync after replacing the secret with a wrong one: %+v %v; want a refusal", run, err)
	}
	if err := svc.ReplaceCredentials(ctx, c.ID, domain.Credentials{ClientSecret: sandbox.PBSecret}); err != nil {
		t.Fatal(err)
	}
	if run, err := svc.Sync(ctx, core.TriggerManual); err != nil || run.Failed != 0 || run.ErrorCode != "" {
		t.Fatalf("sync after restoring the secret: %+v %v", run, err)
	}
}

// TestConnectAgainUnderTheSameName: logging in again under a connection's
// name replaces its credentials and, for a custom connection, moves it to
// the base URL the credentials were tested against; a name already used by
// another kind of connection is refused.
func TestConnectAgainUnderTheSameName(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	svc := openConnectionsService(t, t.TempDir(), connectionsSecrets(t))
	firstBase, stopFirst := startStoppableSandbox(t)
	secondBase := startSandbox(t)

	c := connectCustom(t, svc, "Bank", firstBase)

	again, test, err := svc.Connect(ctx, domain.NewConnection{Name: "bank", Kind: domain.KindCustom, BaseURL: secondBase, Credentials: publishedCreds})
	if err != nil || !test.OK || again.ID != c.ID || again.BaseURL != secondBase {
		t.Fatalf("connect again to %s = %+v, %+v, %v; want the same connection, moved", secondBase, again, test, err)
	}
	stopFirst()
	if run, err := svc.Sync(ctx, core.TriggerManual); err != nil || run.Failed != 0 || run.Accounts != 4 {
		t.Fatalf("sync after connecting again: %+v %v", run, err)
	}

	_, _, err = svc.Connect(ctx, domain.NewConnection{Name: "Bank", Kind: domain.KindCustom, BaseURL: secondBase, Business: true,
		Credentials: domain.Credentials{ClientID: sandbox.CIBClientID, ClientSecret: sandbox.CIBSecret, APIKey: sandbox.CIBAPIKey}})
	if domain.ErrorField(err) != "name" {
		t.Fatalf("connect a business key under a private connection's name = %v, want a problem with the name", err)
	}
	list, err := svc.Connections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(list, func(x domain.Connection) bool { return x.ID == c.ID }); i < 0 || list[i].Business || list[i].BaseURL != secondBase {
		t.Fatalf("the refused connect changed the connection: %+v", list)
	}
}
