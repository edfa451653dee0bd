package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// demoNow is the fixed clock of the export and documents tests: the demo
// bank's two years of history end here, and the last tax year is 2025-26.
var demoNow = time.Date(2026, time.June, 15, 10, 30, 0, 0, time.FixedZone("SAST", 2*60*60))

// events records what the core emits.
type events struct {
	mu   sync.Mutex
	list []event
	hook func(name string, payload any)
}

type event struct {
	name    string
	payload any
}

func (e *events) Emit(name string, payload any) {
	e.mu.Lock()
	e.list = append(e.list, event{name, payload})
	hook := e.hook
	e.mu.Unlock()
	if hook != nil {
		hook(name, payload)
	}
}

func (e *events) setHook(h func(name string, payload any)) {
	e.mu.Lock()
	e.hook = h
	e.mu.Unlock()
}

func (e *events) named(name string) []any {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []any
	for _, ev := range e.list {
		if ev.name == name {
			out = append(out, ev.payload)
		}
	}
	return out
}

// recordingOpener is an Opener that records the paths it was asked to open
// instead of launching anything.
type recordingOpener struct {
	mu    sync.Mutex
	paths []string
}

func (o *recordingOpener) Open(_ context.Context, path string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.paths = append(o.paths, path)
	return nil
}

func (o *recordingOpener) opened() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.paths...)
}

// demoService is a Service on the built-in demo bank, synced, with a
// recording opener and exports going to exportDir.
type demoService struct {
	*Service
	ev        *events
	opener    *recordingOpener
	dataDir   string
	exportDir string
}

func newDemoService(t *testing.T) *demoService {
	t.Helper()
	d := &demoService{ev: &events{}, opener: &recordingOpener{}, dataDir: t.TempDir(), exportDir: t.TempDir()}
	env := map[string]string{EnvExportDir: d.exportDir}
	svc, err := Open(Config{
		DataDir: d.dataDir, Demo: true, Secrets: secrets.NewMemory(),
		Now:     func() time.Time { return demoNow },
		Getenv:  func(k string) string { return env[k] },
		Emitter: d.ev,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Close() })
	svc.SetOpener(d.opener)
	d.Service = svc
	run, err := svc.Sync(t.Context(), TriggerCLI)
	if err != nil || run.Failed > 0 {
		t.Fatalf("demo sync: %v %+v", err, run)
	}
	return d
}

// client is the session's own API client (talking to the demo bank over
// HTTP), for comparing against what the bank itself lists and serves.
func (d *demoService) client(t *testing.T) *investec.Client {
	t.Helper()
	sess, err := d.current(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c, err := sess.api(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (d *demoService) session(t *testing.T) *session {
	t.Helper()
	sess, err := d.current(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

func (d *demoService) accounts(t *testing.T) []domain.Account {
	t.Helper()
	accounts, err := d.Accounts(t.Context())
	if err != nil || len(accounts) == 0 {
		t.Fatalf("accounts: %v (%d)", err, len(accounts))
	}
	return accounts
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// lastTaxYear is the demo's last complete tax year at demoNow.
var lastTaxYear = domain.TaxYearPeriod(2025)
