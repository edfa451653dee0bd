package core

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// testSecrets returns the Memory store, or under scripts/with-keyring.sh
// the real keyring under a service name of this test's own.
func testSecrets(t *testing.T) secrets.Store {
	t.Helper()
	if os.Getenv("INVESTEC_DESK_REAL_KEYRING") != "1" {
		return secrets.NewMemory()
	}
	return secrets.NewKeyring("investec-desk-cards-test-"+randomHex(t, 4), 10*time.Second)
}

func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// openDemoIn opens a Service on the demo bank in dataDir with the given
// secrets store.
func openDemoIn(t *testing.T, dataDir string, sec secrets.Store) *Service {
	t.Helper()
	svc, err := Open(Config{DataDir: dataDir, Demo: true, Secrets: sec})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := svc.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return svc
}

func TestCardsFromTheCacheOffline(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()

	// Never loaded: offline there is nothing to show, and the error says why.
	if err := svc.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cards(ctx); domain.ErrorCode(err) != domain.CodeOffline {
		t.Fatalf("offline with an empty cache: %v", err)
	}
	if err := svc.SetDemoOffline(ctx, false); err != nil {
		t.Fatal(err)
	}

	live, err := svc.Cards(ctx)
	if err != nil || len(live) != 2 {
		t.Fatalf("online: %+v %v", live, err)
	}
	for _, c := range live {
		if c.Cached || c.FetchedAt == "" {
			t.Errorf("a live card is marked cached or has no fetch time: %+v", c)
		}
	}
	if err := svc.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}
	cached, err := svc.Cards(ctx)
	if err != nil {
		t.Fatalf("offline: %v", err)
	}
	if len(cached) != len(live) {
		t.Fatalf("offline: %d cards, want %d", len(cached), len(live))
	}
	for i, c := range cached {
		want := live[i]
		want.Cached = true
		if c != want {
			t.Errorf("cached card %d:\n got %+v\nwant %+v", i, c, want)
		}
	}
	// ResolveCard works from the cache too (the command line offline).
	if got, err := svc.ResolveCard(ctx, live[1].Last4); err != nil || got.Key != live[1].Key || !got.Cached {
		t.Errorf("ResolveCard offline: %+v %v", got, err)
	}
	// Writes stay online-only, with a plain offline error.
	if _, err := svc.SetCardProgrammable(ctx, live[0].Key, false); domain.ErrorCode(err) != domain.CodeOffline ||
		!strings.Contains(domain.ErrorMessage(err), "cannot be reached") {
		t.Errorf("toggle offline: %v", err)
	}
	if _, err := svc.SaveCardEnv(ctx, live[0].Key, []domain.EnvVar{{Key: "a", Value: "b"}}); domain.ErrorCode(err) != domain.CodeOffline {
		t.Errorf("save env offline: %v", err)
	}
	if _, err := svc.SaveCardCode(ctx, live[0].Key, "// x\n"); domain.ErrorCode(err) != domain.CodeOffline {
		t.Errorf("save code offline: %v", err)
	}
	if _, err := svc.SimulateCard(ctx, live[0].Key, simRequest(domain.SimulateInvestec, "// x\n", "X")); domain.ErrorCode(err) != domain.CodeOffline {
		t.Errorf("simulate on Investec offline: %v", err)
	}
}

func TestCardsRefusedAreNotServedFromTheCache(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	if _, err := svc.Cards(ctx); err != nil {
		t.Fatal(err)
	}
	// Investec answers, and refuses: that is shown, not hidden behind the
	// cache.
	demoBank(t, svc).Faults().Fail(1, http.StatusForbidden, sandbox.Match{PathPrefix: "/za/v1/cards"})
	if cards, err := svc.Cards(ctx); domain.ErrorCode(err) != domain.CodeForbidden {
		t.Errorf("refused: %+v %v", cards, err)
	}
}

func TestCardCodeFromTheHistoryOffline(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	v1, err := svc.SaveCardCode(ctx, card.Key, "// one\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PublishCardCode(ctx, card.Key, v1.CodeID); err != nil {
		t.Fatal(err)
	}
	v2, err := svc.SaveCardCode(ctx, card.Key, "// two\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}
	st, err := svc.CardCode(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Cached || st.Saved.CodeID != v2.CodeID || st.Saved.Code != "// two\n" ||
		st.Published.CodeID != v1.CodeID || st.Published.Code != "// one\n" || st.Published.PublishedAt == "" || !st.Differs {
		t.Errorf("offline code %+v", st)
	}
	// A card with no history has nothing to show offline.
	other := ""
	cards, _ := svc.Cards(ctx)
	for _, c := range cards {
		if c.Key != card.Key {
			other = c.Key
		}
	}
	if _, err := svc.CardCode(ctx, other); domain.ErrorCode(err) != domain.CodeOffline {
		t.Errorf("card without history offline: %v", err)
	}
}

// TestSimulateLocallyOffline keeps a distinctive environment variable
// through CardEnv, switches the demo bank off and runs the emulator: the
// verdict and the log show the variable came from the keyring copy, and
// its value is in no file of the cache.
func TestSimulateLocallyOffline(t *testing.T) {
	t.Parallel()
	dataDir := t.TempDir()
	sec := testSecrets(t)
	svc := openDemoIn(t, dataDir, sec)
	ctx := t.Context()
	card := firstCard(t, svc)
	secret := "sk_live_" + randomHex(t, 20)
	defer func() {
		// Leave nothing behind in the (real) keyring.
		_ = svc.forgetCardEnvCopies(ctx, connections.DemoID)
	}()
	if _, err := svc.SaveCardEnv(ctx, card.Key, []domain.EnvVar{{Key: "apiKey", Value: secret}, {Key: "blockMerchant", Value: "The Coders Bakery"}}); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}

	env, err := svc.CardEnv(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	wantVars := []domain.EnvVar{{Key: "apiKey", Value: secret}, {Key: "blockMerchant", Value: "The Coders Bakery"}}
	if !env.Cached || env.CachedAt == "" || !slices.Equal(env.Variables, wantVars) {
		t.Errorf("offline env %+v", env)
	}

	code := `const beforeTransaction = async (authorization) => {
  console.log('key ' + process.env.apiKey.length + ' ' + process.env.apiKey.slice(0, 8) + ' account ' + authorization.accountNumber);
  return authorization.merchant.name !== process.env.blockMerchant;
};`
	res, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, code, "The Coders Bakery"))
	if err != nil {
		t.Fatalf("local run offline: %v", err)
	}
	wantLog := "key " + strconv.Itoa(len(secret)) + " sk_live_ account " + card.AccountNumber
	if res.Approved || len(res.Executions) != 1 || len(res.Executions[0].Logs) != 1 || res.Executions[0].Logs[0].Content != wantLog {
		t.Fatalf("local run offline: %+v (want the log %q)", res, wantLog)
	}
	ok, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, code, "Pick n Pay"))
	if err != nil || !ok.Approved {
		t.Errorf("another merchant offline: %+v %v", ok, err)
	}

	// The value is in the keyring only: not in the cache, its WAL or logs.
	files, _ := filepath.Glob(filepath.Join(dataDir, "connections", "*", "cache.db*"))
	if len(files) < 2 {
		t.Fatalf("no cache database and WAL to scan: %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s holds the card's environment variable", f)
		}
	}
	if got, err := sec.Get(ctx, CardEnvKey(connections.DemoID, card.Key)); err != nil || !strings.Contains(got, secret) {
		t.Errorf("the keyring copy: %v", err)
	}
}

// TestResetDemoForgetsCardEnv keeps a copy of a demo card's environment
// variables, resets the demo: the copy and its index are gone from the
// keyring, and offline the card's variables are no longer available.
func TestResetDemoForgetsCardEnv(t *testing.T) {
	t.Parallel()
	sec := testSecrets(t)
	svc := openDemoIn(t, t.TempDir(), sec)
	ctx := t.Context()
	card := firstCard(t, svc)
	defer func() { _ = svc.forgetCardEnvCopies(ctx, connections.DemoID) }()
	if _, err := svc.SaveCardEnv(ctx, card.Key, []domain.EnvVar{{Key: "token", Value: "t-" + randomHex(t, 8)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sec.Get(ctx, CardEnvKey(connections.DemoID, card.Key)); err != nil {
		t.Fatalf("no keyring copy before the reset: %v", err)
	}

	if err := svc.ResetDemo(ctx); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{CardEnvKey(connections.DemoID, card.Key), cardEnvIndexKey(connections.DemoID)} {
		if _, err := sec.Get(ctx, k); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("the keyring still answers for %s after the reset: %v", k, err)
		}
	}
	firstCard(t, svc) // the cards are cached again
	if err := svc.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CardEnv(ctx, card.Key); domain.ErrorCode(err) != domain.CodeOffline {
		t.Errorf("env offline after the reset: %v", err)
	}
}

func TestSimulateLocallyOfflineNeedsWhatWasSeen(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc) // the cards are cached, the env never read
	if err := svc.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}
	_, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, "const beforeTransaction = async () => true;", "X"))
	if domain.ErrorCode(err) != domain.CodeOffline || !strings.Contains(domain.ErrorMessage(err), "environment variables") {
		t.Errorf("no env copy: %v", err)
	}
	_, err = svc.SimulateCard(ctx, "no-such-card", simRequest(domain.SimulateLocal, "const beforeTransaction = async () => true;", "X"))
	if domain.ErrorCode(err) != domain.CodeOffline || !strings.Contains(domain.ErrorMessage(err), "not in the cache") {
		t.Errorf("unknown card: %v", err)
	}
	if _, err := svc.CardEnv(ctx, card.Key); domain.ErrorCode(err) != domain.CodeOffline {
		t.Errorf("env never read: %v", err)
	}
}

// TestRemovingAConnectionForgetsItsCardEnv connects a custom connection to
// a sandbox started here, reads two cards' environment variables (kept in
// the keyring), and removes the connection: every copy is gone.
func TestRemovingAConnectionForgetsItsCardEnv(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	sec := testSecrets(t)
	key := sandbox.Key{ClientID: "cid-" + randomHex(t, 8), Secret: "sec-" + randomHex(t, 8), APIKey: "key-" + randomHex(t, 8), Scopes: sandbox.AllPBScopes}
	sb, err := sandbox.New(sandbox.Options{Keys: []sandbox.Key{key}})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err := sb.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	svc, err := Open(Config{DataDir: t.TempDir(), Secrets: sec})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	conn, test, err := svc.Connect(ctx, domain.NewConnection{Name: "Mine", Kind: domain.KindCustom, BaseURL: base,
		Credentials: domain.Credentials{ClientID: key.ClientID, ClientSecret: key.Secret, APIKey: key.APIKey}})
	if err != nil || !test.OK {
		t.Fatalf("connect: %+v %v", test, err)
	}
	cards, err := svc.Cards(ctx)
	if err != nil || len(cards) < 2 {
		t.Fatalf("cards: %+v %v", cards, err)
	}
	if _, err := svc.SaveCardEnv(ctx, cards[0].Key, []domain.EnvVar{{Key: "token", Value: "t-" + randomHex(t, 8)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CardEnv(ctx, cards[1].Key); err != nil {
		t.Fatal(err)
	}
	for _, c := range cards[:2] {
		if _, err := sec.Get(ctx, CardEnvKey(conn.ID, c.Key)); err != nil {
			t.Fatalf("no keyring copy for card %s: %v", c.Key, err)
		}
	}

	// The bank goes away (a real network error, not the demo switch): the
	// cards and environment variables come from the cache and the keyring.
	stop()
	cached, err := svc.Cards(ctx)
	if err != nil || len(cached) != len(cards) || !cached[0].Cached || cached[0].Key != cards[0].Key {
		t.Fatalf("cards with the bank gone: %+v %v", cached, err)
	}
	if env, err := svc.CardEnv(ctx, cards[0].Key); err != nil || !env.Cached || len(env.Variables) != 1 || env.Variables[0].Key != "token" {
		t.Fatalf("env with the bank gone: %+v %v", env, err)
	}

	if err := svc.RemoveConnection(ctx, conn.ID, true); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{CardEnvKey(conn.ID, cards[0].Key), CardEnvKey(conn.ID, cards[1].Key), cardEnvIndexKey(conn.ID)} {
		if _, err := sec.Get(ctx, k); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("the keyring still answers for %s after the connection was removed: %v", k, err)
		}
	}
	if m, ok := sec.(*secrets.Memory); ok && len(m.Keys()) != 0 {
		t.Errorf("keys left in the store: %q", m.Keys())
	}
}
