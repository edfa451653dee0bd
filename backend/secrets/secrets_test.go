package secrets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// realKeyring reports whether the test runs inside scripts/with-keyring.sh,
// which starts a throwaway gnome-keyring on a private D-Bus session. `make
// test` always does; there the real Secret Service MUST work.
func realKeyring() bool { return os.Getenv("INVESTEC_DESK_REAL_KEYRING") == "1" }

func testService(t *testing.T) string {
	return fmt.Sprintf("investec-desk-test-%s-%d", t.Name(), time.Now().UnixNano())
}

func TestKeyringRoundTripOnRealSecretService(t *testing.T) {
	ctx := context.Background()
	k := NewKeyring(testService(t), 5*time.Second)
	err := k.Probe(ctx)
	if !realKeyring() {
		// Outside the harness there may or may not be a Secret Service; if
		// there is none, the error must be the clear, typed one.
		if err != nil && !IsUnavailable(err) {
			t.Fatalf("Probe without a Secret Service: %v, want an UnavailableError", err)
		}
		if err != nil {
			t.Logf("no Secret Service here (run under scripts/with-keyring.sh for the real one): %v", err)
			return
		}
	} else if err != nil {
		t.Fatalf("Probe on the real Secret Service: %v", err)
	}

	const secret = "s3cr3t-Ω-value with spaces"
	if _, err := k.Get(ctx, "client_secret"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: %v, want ErrNotFound", err)
	}
	if err := k.Set(ctx, "client_secret", secret); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(ctx, "client_secret"); err != nil || got != secret {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if err := k.Set(ctx, "client_secret", secret+"2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := k.Get(ctx, "client_secret"); got != secret+"2" {
		t.Fatalf("Set did not replace: %q", got)
	}
	if err := k.Delete(ctx, "client_secret"); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(ctx, "client_secret"); err != nil {
		t.Fatalf("deleting a missing key: %v", err)
	}
	if _, err := k.Get(ctx, "client_secret"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
}

func TestKeyringConcurrentUse(t *testing.T) {
	if !realKeyring() {
		t.Log("runs against the real Secret Service under scripts/with-keyring.sh; checking the memory store instead")
	}
	ctx := context.Background()
	var s Store = NewMemory()
	if realKeyring() {
		s = NewKeyring(testService(t), 10*time.Second)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprintf("k%d", i)
			if err := s.Set(ctx, key, key+"-v"); err != nil {
				errs <- err
				return
			}
			got, err := s.Get(ctx, key)
			switch {
			case err != nil:
				errs <- fmt.Errorf("get(%s): %w", key, err)
			case got != key+"-v":
				errs <- fmt.Errorf("get(%s) = %q, want %q", key, got, key+"-v")
			}
			errs <- s.Delete(ctx, key)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestMissingSecretServiceIsAClearError runs a child process whose session
// bus does not exist: the keyring must answer with UnavailableError and a
// way forward, never crash, hang or fall back to a file.
func TestMissingSecretServiceIsAClearError(t *testing.T) {
	if os.Getenv("SECRETS_TEST_CHILD") == "1" {
		err := NewKeyring("investec-desk-child", 5*time.Second).Set(context.Background(), "k", "the-secret-value")
		fmt.Println(err)
		if !IsUnavailable(err) {
			os.Exit(3)
		}
		return
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestMissingSecretServiceIsAClearError$")
	cmd.Env = append(os.Environ(), "SECRETS_TEST_CHILD=1",
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/investec-desk-bus", "DISPLAY=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	text := string(out)
	if !strings.Contains(text, "system keyring is not available") || !strings.Contains(text, "demo data") {
		t.Fatalf("child said %q, want a clear message with a way forward", text)
	}
	if strings.Contains(text, "the-secret-value") {
		t.Fatal("the error message contains the secret")
	}
}

func TestTimeoutWhenKeyringHangs(t *testing.T) {
	t.Parallel()
	k := NewKeyring("x", 50*time.Millisecond)
	start := time.Now()
	err := k.do(context.Background(), func() error { time.Sleep(time.Second); return nil })
	if !IsUnavailable(err) || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("err = %v, want an UnavailableError about a locked keyring", err)
	}
	// Well before the hung call's 1 s: it gave up rather than waited (loose, for busy machines).
	if time.Since(start) > 900*time.Millisecond {
		t.Fatal("did not give up after the timeout")
	}
}

func TestTranslate(t *testing.T) {
	t.Parallel()
	for in, reason := range map[string]string{
		`exec: "dbus-launch": executable file not found in $PATH`:                        "no D-Bus session",
		`The name org.freedesktop.secrets was not provided by any .service files`:        "no Secret Service",
		`failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'`: "locked",
	} {
		err := translate(errors.New(in))
		if !IsUnavailable(err) || !strings.Contains(err.Error(), reason) {
			t.Errorf("translate(%q) = %v, want reason containing %q", in, err, reason)
		}
	}
}

func TestMemoryStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := NewMemory()
	if _, err := m.Get(ctx, "a"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	_ = m.Set(ctx, "a", "1")
	if v, _ := m.Get(ctx, "a"); v != "1" {
		t.Fatal(v)
	}
	m.Err = &UnavailableError{Reason: "test", Hint: "h"}
	if err := m.Set(ctx, "b", "2"); !IsUnavailable(err) {
		t.Fatal(err)
	}
}
