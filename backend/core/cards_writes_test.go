package core_test

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// cardWriteEnv is a core Service on a custom connection to the built-in
// sandbox over real HTTP, through a recorder that counts every write
// (POST) to a card that the bank receives.
type cardWriteEnv struct {
	svc  *core.Service
	sb   *sandbox.Server
	bank *bankRecorder // the card POSTs
}

func newCardWriteEnv(t *testing.T) *cardWriteEnv {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := &cardWriteEnv{sb: sb}
	e.bank = recordBank(t, sb, func(path string) bool { return strings.HasPrefix(path, "/za/v1/cards/") })
	svc, err := core.Open(core.Config{DataDir: t.TempDir(), Secrets: secrets.NewMemory(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Close() })
	e.svc = svc
	ctx := t.Context()
	conn, err := svc.AddConnection(ctx, domain.NewConnection{Name: "Bank", Kind: domain.KindCustom, BaseURL: e.bank.URL,
		Credentials: domain.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SwitchConnection(ctx, conn.ID); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestCardWritesAreNeverResent proves that a toggle, a save, a publish and
// an environment replacement whose answer is a server error, never comes
// (timeout) or is lost after the bank acted reach the bank exactly once and
// are reported as unknown, not retried.
func TestCardWritesAreNeverResent(t *testing.T) {
	t.Parallel()
	e := newCardWriteEnv(t)
	ctx := t.Context()
	cards, err := e.svc.Cards(ctx)
	if err != nil || len(cards) == 0 {
		t.Fatalf("cards: %v %v", cards, err)
	}
	key := cards[0].Key
	st, err := e.svc.CardCode(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	writes := []struct {
		name, path string
		do         func(context.Context) error
	}{
		{"toggle", "/toggle-programmable-feature", func(ctx context.Context) error {
			_, err := e.svc.SetCardProgrammable(ctx, key, true)
			return err
		}},
		{"save", "/code", func(ctx context.Context) error {
			_, err := e.svc.SaveCardCode(ctx, key, "// once\n")
			return err
		}},
		{"publish", "/publish", func(ctx context.Context) error {
			// Publish needs the latest save's code ID; ask the bank for it.
			now, err := e.svc.CardCode(ctx, key)
			if err != nil {
				return err
			}
			_, err = e.svc.PublishCardCode(ctx, key, now.Saved.CodeID)
			return err
		}},
		{"environment", "/environmentvariables", func(ctx context.Context) error {
			_, err := e.svc.SaveCardEnv(ctx, key, []domain.EnvVar{{Key: "limit", Value: "5"}})
			return err
		}},
	}
	post := sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/v1/cards/"}
	faults := []struct {
		name string
		set  func()
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{name: "server error", set: func() { e.sb.Faults().Fail(1, http.StatusBadGateway, post) }},
		{name: "dropped after acting", set: func() { e.sb.Faults().DropResponse(1, post) }},
		{name: "timeout", set: func() { e.sb.Faults().Delay(1, 30*time.Second, post) },
			ctx: func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 700*time.Millisecond) }},
	}
	want := 0
	for _, w := range writes {
		for _, f := range faults {
			f.set()
			cctx, cancel := ctx, context.CancelFunc(func() {})
			if f.ctx != nil {
				cctx, cancel = f.ctx()
			}
			err := w.do(cctx)
			cancel()
			e.sb.Faults().Clear()
			want++
			got := e.bank.sent()
			if err == nil {
				t.Fatalf("%s, %s: no error", w.name, f.name)
			}
			if domain.ErrorCode(err) != domain.CodeUnknownOutcome {
				t.Errorf("%s, %s: code %s (%v), want unknown outcome", w.name, f.name, domain.ErrorCode(err), err)
			}
			if len(got) != want || !strings.HasSuffix(got[len(got)-1].path, w.path) {
				t.Fatalf("%s, %s: the bank got %d writes %v, want %d ending %s", w.name, f.name, len(got), got, want, w.path)
			}
		}
	}
	// The dropped save reached the bank once: its code is the saved one.
	after, err := e.svc.CardCode(ctx, key)
	if err != nil || after.Saved.Code != "// once\n" || after.Saved.CodeID == st.Saved.CodeID {
		t.Fatalf("after the saves: %+v, %v", after.Saved, err)
	}
}
