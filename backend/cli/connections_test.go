package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// startCLISandbox serves the built-in sandbox for one test and returns its
// base URL.
func startCLISandbox(t *testing.T) string {
	t.Helper()
	base, _ := startStoppableCLISandbox(t)
	return base
}

// startStoppableCLISandbox is startCLISandbox for a test that takes the
// bank away midway: stop may be called again (cleanup calls it too).
func startStoppableCLISandbox(t *testing.T) (base string, stop func()) {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err = srv.Start(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return base, stop
}

// TestLoginAsksWithoutEchoOnATerminal runs login on a terminal with no
// INVESTEC_* variables: it asks for each credential through the no-echo
// reader, prints only the labels, and the answers end up in the keyring.
func TestLoginAsksWithoutEchoOnATerminal(t *testing.T) {
	t.Parallel()
	base := startCLISandbox(t)
	dir := t.TempDir()
	store := testSecrets(t)
	answers := []string{sandbox.PBClientID, " " + sandbox.PBSecret + " ", sandbox.PBAPIKey}
	asked := 0
	stdin := strings.NewReader("")
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"--data-dir", dir, "login", "--name", "Prompted", "--base-url", base}, Env{
		Stdin: stdin, Stdout: &out, Stderr: &errOut,
		Getenv:     func(string) string { return "" },
		IsTerminal: func(f any) bool { return f == stdin },
		ReadPassword: func() (string, error) {
			if asked >= len(answers) {
				return "", errors.New("asked more than three times")
			}
			asked++
			return answers[asked-1], nil
		},
		Secrets: store,
	})
	if code != 0 || asked != 3 {
		t.Fatalf("login: exit %d after %d questions; stdout %q stderr %q", code, asked, out.String(), errOut.String())
	}
	if want := "Client ID: \nClient secret: \nAPI key: \n"; errOut.String() != want {
		t.Fatalf("stderr = %q, want only the three labels %q", errOut.String(), want)
	}
	for _, v := range []string{sandbox.PBClientID, sandbox.PBSecret, sandbox.PBAPIKey} {
		if strings.Contains(out.String(), v) || strings.Contains(errOut.String(), v) {
			t.Fatalf("login printed a credential: stdout %q", out.String())
		}
	}
	reg, err := connections.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := reg.Get("Prompted")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, s := range connections.AllSecrets {
			_ = store.Delete(context.Background(), connections.SecretKey(conn.ID, s))
		}
	})
	if got, err := store.Get(t.Context(), connections.SecretKey(conn.ID, connections.SecretClientSecret)); err != nil || got != sandbox.PBSecret {
		t.Fatalf("the typed secret is not in the keyring (trimmed): %q %v", got, err)
	}
}

// TestLoginTakesNoSecretOnTheCommandLine proves there is no way to pass a
// credential as an argument, and that a mistaken attempt is refused without
// repeating the value.
func TestLoginTakesNoSecretOnTheCommandLine(t *testing.T) {
	t.Parallel()
	const value = "s3cr3t-typed-on-the-command-line"
	for _, args := range [][]string{
		{"--client-id", value}, {"--client-secret", value}, {"--secret", value}, {"--api-key", value}, {value},
	} {
		c := cliEnv{secrets: secrets.NewMemory()}
		dir := t.TempDir()
		r := c.run(t, append([]string{"--data-dir", dir, "login", "--name", "X"}, args...)...)
		if r.code != 2 || strings.Contains(r.stderr, value) || strings.Contains(r.stdout, value) {
			t.Errorf("login %v: exit %d, stderr %q; want usage error 2 without the value", args, r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "connections.json")); err == nil {
			raw, _ := os.ReadFile(filepath.Join(dir, "connections.json"))
			if bytes.Contains(raw, []byte(value)) {
				t.Errorf("login %v stored the value", args)
			}
		}
	}
}

// TestLoginSaysEachProblemOnce: a credential of the wrong shape is named
// once, on one line.
func TestLoginSaysEachProblemOnce(t *testing.T) {
	t.Parallel()
	c := cliEnv{vars: map[string]string{"INVESTEC_CLIENT_ID": "x", "INVESTEC_CLIENT_SECRET": "y", "INVESTEC_API_KEY": "z"}, secrets: secrets.NewMemory()}
	r := c.run(t, "--data-dir", t.TempDir(), "login", "--name", "Short")
	want := "investec-desk: clientId: That does not look like an Investec client ID; copy it again from Investec Online.\n"
	if r.code != 1 || r.stderr != want {
		t.Fatalf("login with short credentials: exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
}

// TestLogoutOfAConnectionWithoutSecrets: Investec's sandbox keeps nothing
// in the keyring, and logout says so rather than claiming to delete
// secrets.
func TestLogoutOfAConnectionWithoutSecrets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	reg, err := connections.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Add("Investec sandbox", domain.KindInvestecSandbox, "", false); err != nil {
		t.Fatal(err)
	}
	c := cliEnv{secrets: secrets.NewMemory()}
	r := c.run(t, "--data-dir", dir, "logout", "--name", "investec sandbox")
	if r.code != 0 || !strings.Contains(r.stdout, "it kept no secrets") || strings.Contains(r.stdout, "gone from the keyring") {
		t.Fatalf("logout: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestStoredConnectionWithALockedKeyring: once the keyring locks, commands
// that need the credentials fail with one line that says why and what to
// do; reads from the cache still work.
func TestStoredConnectionWithALockedKeyring(t *testing.T) {
	t.Parallel()
	base := startCLISandbox(t)
	dir := t.TempDir()
	store := secrets.NewMemory()
	vars := map[string]string{"INVESTEC_CLIENT_ID": sandbox.PBClientID, "INVESTEC_CLIENT_SECRET": sandbox.PBSecret, "INVESTEC_API_KEY": sandbox.PBAPIKey}
	if r := (cliEnv{vars: vars, secrets: store}).run(t, "--data-dir", dir, "login", "--name", "Bank", "--base-url", base); r.code != 0 {
		t.Fatalf("login: %d %q", r.code, r.stderr)
	}
	c := cliEnv{secrets: store}
	if r := c.run(t, "--data-dir", dir, "sync"); r.code != 0 {
		t.Fatalf("sync: %d %q", r.code, r.stderr)
	}
	store.Err = &secrets.UnavailableError{Reason: "the keyring is locked", Hint: "Unlock it, or explore with the demo data."}
	r := c.run(t, "--data-dir", dir, "sync")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 ||
		!strings.Contains(r.stderr, "the keyring is locked") || !strings.Contains(r.stderr, "explore with the demo data") {
		t.Fatalf("sync with a locked keyring: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := c.run(t, "--data-dir", dir, "accounts"); r.code != 0 || strings.Count(r.stdout, "\n") < 2 {
		t.Fatalf("accounts from the cache with a locked keyring: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = c.run(t, "--data-dir", dir, "connections")
	if r.code != 0 || !strings.Contains(r.stdout, "unknown (keyring unavailable)") || strings.Contains(r.stdout, "missing") ||
		r.stderr != "investec-desk: the system keyring is not available (the keyring is locked). Unlock it, or explore with the demo data.\n" {
		t.Fatalf("connections with a locked keyring: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = c.run(t, "--data-dir", dir, "connections", "--json")
	var list []domain.Connection
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
		t.Fatalf("connections --json with a locked keyring: %d %q %v", r.code, r.stdout, err)
	}
	if i := slices.IndexFunc(list, func(x domain.Connection) bool { return x.Name == "Bank" }); i < 0 ||
		list[i].HasCredentials || !strings.Contains(list[i].KeyringProblem, "the keyring is locked") {
		t.Fatalf("connections --json with a locked keyring: %+v", list)
	}
	store.Err = nil
	if r := c.run(t, "--data-dir", dir, "connections"); r.code != 0 || !strings.Contains(r.stdout, "set") || r.stderr != "" {
		t.Fatalf("connections with the keyring back: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// TestLoginWithoutASecretService runs login in a child process whose
// session bus does not exist, on the real keyring: it must exit 1 with one
// clear line and a way forward, and store nothing anywhere (no connection,
// no file holding a credential), never crash or fall back to a file.
func TestLoginWithoutASecretService(t *testing.T) {
	if dir := os.Getenv("CLI_NO_KEYRING_CHILD_DIR"); dir != "" {
		base := startCLISandbox(t)
		vars := map[string]string{"INVESTEC_CLIENT_ID": sandbox.PBClientID, "INVESTEC_CLIENT_SECRET": sandbox.PBSecret, "INVESTEC_API_KEY": sandbox.PBAPIKey}
		var out, errOut bytes.Buffer
		code := Main(context.Background(), []string{"--data-dir", dir, "login", "--name", "NoKeyring", "--base-url", base}, Env{
			Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
			Getenv:     func(k string) string { return vars[k] },
			IsTerminal: func(any) bool { return false },
			// Secrets nil: the OS keyring, as the binary uses it.
		})
		fmt.Printf("exit=%d\nstdout=%s\nstderr=%s", code, out.String(), errOut.String())
		return
	}
	t.Parallel()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoginWithoutASecretService$", "-test.v")
	cmd.Env = append(os.Environ(), "CLI_NO_KEYRING_CHILD_DIR="+dir,
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/investec-desk-bus", "DISPLAY=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	text := string(out)
	if !strings.Contains(text, "exit=1\n") {
		t.Fatalf("child did not exit 1:\n%s", text)
	}
	_, stderr, _ := strings.Cut(text, "stderr=")
	line, _, _ := strings.Cut(stderr, "\n")
	if !strings.HasPrefix(line, "investec-desk: the system keyring is not available") || !strings.Contains(line, "demo data") {
		t.Fatalf("stderr line %q: want a clear keyring message with the demo as a way forward", line)
	}
	for _, v := range []string{sandbox.PBClientID, sandbox.PBSecret, sandbox.PBAPIKey} {
		if strings.Contains(text, v) {
			t.Fatal("the output repeats a credential")
		}
	}
	reg, err := connections.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Get("NoKeyring"); err == nil {
		t.Fatal("a connection whose credentials could not be kept was saved")
	}
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, v := range []string{sandbox.PBClientID, sandbox.PBSecret, sandbox.PBAPIKey} {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s holds a credential: a fallback to a file", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
