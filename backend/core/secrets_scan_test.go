package core_test

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/applog"
	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// bearerRecorder is an http.RoundTripper that notes every Bearer token and
// Basic credential the client sends, so the scan can look for the access
// tokens too (they are never stored by the app, so this is the only place
// the test can learn them).
type bearerRecorder struct {
	next http.RoundTripper

	mu     sync.Mutex
	tokens []string
	basics []string
}

func (r *bearerRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	auth := req.Header.Get("Authorization")
	r.mu.Lock()
	if tok, ok := strings.CutPrefix(auth, "Bearer "); ok && !slices.Contains(r.tokens, tok) {
		r.tokens = append(r.tokens, tok)
	}
	if b, ok := strings.CutPrefix(auth, "Basic "); ok && !slices.Contains(r.basics, b) {
		r.basics = append(r.basics, b)
	}
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

func (r *bearerRecorder) seen() (tokens, basics []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.tokens), slices.Clone(r.basics)
}

// distinctive returns a long random value no file could contain by chance.
func distinctive(t *testing.T, prefix string, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b)
}

// needle is a value that must not appear in any file, and what it is.
type needle struct {
	what  string
	value []byte
}

// scanFiles reads every file under dir (zip archives such as workbooks and
// packs also entry by entry, decompressed) and returns each place a needle
// was found, plus the files it read.
func scanFiles(t *testing.T, dir string, needles []needle) (hits, files []string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files = append(files, rel)
		hits = append(hits, match(rel, b, needles)...)
		if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Errorf("%s looks like a zip archive but does not open: %v", rel, err)
				return nil
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Errorf("%s: %s: %v", rel, f.Name, err)
					continue
				}
				eb, err := io.ReadAll(rc)
				_ = rc.Close()
				if err != nil {
					t.Errorf("%s: %s: %v", rel, f.Name, err)
					continue
				}
				hits = append(hits, match(rel+"!"+f.Name, eb, needles)...)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits, files
}

func match(where string, b []byte, needles []needle) []string {
	var hits []string
	for _, n := range needles {
		if bytes.Contains(b, n.value) {
			hits = append(hits, where+" contains the "+n.what)
		}
	}
	return hits
}

// TestScannerFindsPlantedSecrets proves the scan below can fail: the same
// scanner finds a value planted raw, in a log line and inside a zip entry.
func TestScannerFindsPlantedSecrets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	secret := distinctive(t, "planted-", 16)
	if err := os.WriteFile(filepath.Join(dir, "plain.log"), []byte(`{"msg":"x","v":"`+secret+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("xl/sharedStrings.xml")
	_, _ = w.Write([]byte("<si><t>" + secret + "</t></si>"))
	_ = zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "book.xlsx"), zb.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	hits, files := scanFiles(t, dir, []needle{{"planted secret", []byte(secret)}})
	want := []string{"book.xlsx!xl/sharedStrings.xml contains the planted secret", "plain.log contains the planted secret"}
	slices.Sort(hits)
	if !slices.Equal(hits, want) || len(files) != 2 {
		t.Fatalf("hits = %q (files %q), want %q", hits, files, want)
	}
}

// TestSecretsNeverLeaveTheKeyring connects a custom connection with
// distinctive credentials to a sandbox started here, syncs, tests the
// connection, downloads documents and exports in every format, then reads
// every file in the data directory (cache database with its WAL, logs,
// connections.json, documents, exports, the sandbox's state) and fails if
// any holds the client ID, the client secret, the API key, their Basic
// encoding or an access token. Under scripts/with-keyring.sh (as in `make
// test`) the credentials go through the real Secret Service.
func TestSecretsNeverLeaveTheKeyring(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dataDir := t.TempDir()
	key := sandbox.Key{
		ClientID: distinctive(t, "scanclient", 20),
		Secret:   distinctive(t, "scansecret", 20),
		APIKey:   distinctive(t, "scanapikey", 32),
		Scopes:   sandbox.AllPBScopes,
	}

	var store secrets.Store = secrets.NewMemory()
	if os.Getenv("INVESTEC_DESK_REAL_KEYRING") == "1" {
		store = secrets.NewKeyring(distinctive(t, "investec-desk-scan-", 4), 10*time.Second)
	}

	log, logFile, err := applog.Open(filepath.Join(dataDir, "logs"), slog.LevelDebug)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()

	sb, err := sandbox.New(sandbox.Options{
		Keys:      []sandbox.Key{key},
		StatePath: filepath.Join(dataDir, "sandbox", "state.json"),
		Logger:    log.With("component", "sandbox"),
	})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err := sb.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	rec := &bearerRecorder{next: http.DefaultTransport}
	exportDir := filepath.Join(dataDir, "exports")
	svc, err := core.Open(core.Config{
		DataDir:    dataDir,
		Secrets:    store,
		Logger:     log,
		HTTPClient: &http.Client{Transport: rec, Timeout: time.Minute},
		Getenv: func(k string) string {
			if k == core.EnvExportDir {
				return exportDir
			}
			return ""
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			_ = svc.Close()
		}
	}()

	creds := domain.Credentials{ClientID: key.ClientID, ClientSecret: key.Secret, APIKey: key.APIKey}
	conn, test, err := svc.Connect(ctx, domain.NewConnection{Name: "Scan", Kind: domain.KindCustom, BaseURL: base, Credentials: creds})
	if err != nil || !test.OK {
		t.Fatalf("Connect: %+v %v", test, err)
	}
	defer func() {
		// Leave nothing behind in the (real) keyring.
		if err := svc.RemoveConnection(ctx, conn.ID, false); err != nil && !closed {
			t.Errorf("remove the connection: %v", err)
		}
	}()
	list, err := svc.Connections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(list, func(c domain.Connection) bool { return c.ID == conn.ID }); i < 0 || !list[i].HasCredentials || !list[i].Active {
		t.Fatalf("the connection is not saved with its credentials and active: %+v", list)
	}

	run, err := svc.Sync(ctx, core.TriggerManual)
	if err != nil || run.Accounts != 4 || run.Failed != 0 {
		t.Fatalf("sync: %+v %v", run, err)
	}
	if res, err := svc.TestConnection(ctx, conn.ID); err != nil || !res.OK {
		t.Fatalf("TestConnection: %+v %v", res, err)
	}
	period := domain.PeriodRequest{Preset: domain.PresetLastTaxYear}
	if res, err := svc.DownloadDocuments(ctx, domain.DocumentQuery{Refresh: true}); err != nil || res.Downloaded == 0 {
		t.Fatalf("download documents: %+v %v", res, err)
	}
	for _, f := range []domain.ExportFormat{domain.FormatXLSX, domain.FormatCSV, domain.FormatOFX, domain.FormatPack} {
		out, err := svc.Export(ctx, domain.ExportRequest{Period: period, Format: f, Zip: f == domain.FormatPack})
		if err != nil || len(out.Files) == 0 {
			t.Fatalf("export %s: %+v %v", f, out, err)
		}
	}
	// A card's environment variable (people keep third parties' API keys
	// there) is read, replaced and used by a local run: it is kept in the
	// keyring only.
	envSecret := distinctive(t, "scancardenv", 20)
	cards, err := svc.Cards(ctx)
	if err != nil || len(cards) == 0 {
		t.Fatalf("cards: %+v %v", cards, err)
	}
	if _, err := svc.SaveCardEnv(ctx, cards[0].Key, []domain.EnvVar{{Key: "partnerKey", Value: envSecret}}); err != nil {
		t.Fatal(err)
	}
	if env, err := svc.CardEnv(ctx, cards[0].Key); err != nil || len(env.Variables) != 1 || env.Variables[0].Value != envSecret {
		t.Fatalf("card env: %+v %v", env, err)
	}
	sim := domain.SimulationRequest{Mode: domain.SimulateLocal, Amount: "10.00", MerchantCode: "5462", MerchantName: "Bakery",
		Code: "const beforeTransaction = async () => { console.log('key length ' + process.env.partnerKey.length); return true; };"}
	if res, err := svc.SimulateCard(ctx, cards[0].Key, sim); err != nil || !res.Approved {
		t.Fatalf("local run: %+v %v", res, err)
	}
	log.Debug("scan test: every step done", "connection", conn.ID)

	tokens, basics := rec.seen()
	if len(tokens) == 0 {
		t.Fatal("no Bearer token was seen: the recorder is not on the client's transport")
	}
	basic := base64.StdEncoding.EncodeToString([]byte(key.ClientID + ":" + key.Secret))
	if !slices.Contains(basics, basic) {
		t.Fatalf("the token requests did not carry base64(id:secret) as Basic credentials: %q", basics)
	}
	needles := []needle{
		{"client ID", []byte(key.ClientID)},
		{"client secret", []byte(key.Secret)},
		{"API key", []byte(key.APIKey)},
		{"base64 of id:secret", []byte(basic)},
		{"URL-safe base64 of id:secret", []byte(base64.URLEncoding.EncodeToString([]byte(key.ClientID + ":" + key.Secret)))},
	}
	for i, tok := range tokens {
		needles = append(needles, needle{"access token " + string(rune('A'+i)), []byte(tok)})
	}
	envNeedle := []needle{{"card environment variable", []byte(envSecret)}}

	// Once with everything open (the WAL and shared-memory files exist),
	// once after closing (checkpointed, log flushed).
	scan := func(when string, want ...string) {
		hits, files := scanFiles(t, dataDir, needles)
		for _, h := range hits {
			t.Errorf("%s: %s", when, h)
		}
		// The bank keeps the card's variables (the sandbox's state stands in
		// for Investec); nothing of the app's may.
		envHits, _ := scanFiles(t, dataDir, envNeedle)
		bankHeld := false
		for _, h := range envHits {
			if strings.HasPrefix(filepath.ToSlash(h), "sandbox/") {
				bankHeld = true
				continue
			}
			t.Errorf("%s: %s", when, h)
		}
		if !bankHeld {
			t.Errorf("%s: the sandbox's state does not hold the card's variable: the scan looks for the wrong value", when)
		}
		for _, w := range want {
			if !slices.ContainsFunc(files, func(f string) bool { return strings.HasSuffix(filepath.ToSlash(f), w) }) {
				t.Errorf("%s: no file %s was scanned (scanned %q)", when, w, files)
			}
		}
		if !slices.ContainsFunc(files, func(f string) bool { return strings.HasSuffix(f, ".pdf") }) {
			t.Errorf("%s: no downloaded document was scanned", when)
		}
		t.Logf("%s: scanned %d files for %d values", when, len(files), len(needles))
	}
	scan("while open", "cache.db", "cache.db-wal", "cache.db-shm", "connections.json", "logs/investec-desk.log",
		"sandbox/state.json", ".xlsx", ".csv", ".ofx", ".zip")

	if err := svc.RemoveConnection(ctx, conn.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	closed = true
	stop()
	if err := logFile.Close(); err != nil {
		t.Fatal(err)
	}
	for _, k := range connections.AllSecrets {
		if _, err := store.Get(ctx, connections.SecretKey(conn.ID, k)); !errors.Is(err, secrets.ErrNotFound) {
			t.Errorf("the keyring still answers for %s after the connection was removed: %v", k, err)
		}
	}
	if _, err := store.Get(ctx, core.CardEnvKey(conn.ID, cards[0].Key)); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("the keyring still answers for the card's environment variables after the connection was removed: %v", err)
	}
	scan("after closing", "cache.db", "connections.json", "logs/investec-desk.log", "sandbox/state.json")
}
