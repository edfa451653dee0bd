package applog

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSensitiveAttributesAreMasked(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := New(&buf, slog.LevelDebug)
	log.Info("login", "client_secret", "S1", "apiKey", "S2", "Authorization", "Bearer S3", "access_token", "S4",
		"clientId", "S5", slog.Group("req", "x-api-key", "S6"), "account", "1234")
	out := buf.String()
	for _, s := range []string{"S1", "S2", "S3", "S4", "S5", "S6"} {
		if strings.Contains(out, s) {
			t.Errorf("log contains %s: %s", s, out)
		}
	}
	if !strings.Contains(out, `"account":"1234"`) {
		t.Errorf("ordinary attributes must stay: %s", out)
	}
}

func TestOpenCreatesPrivateFileAndRotates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "logs", "investec-desk.log")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), maxSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	log, c, err := Open(filepath.Dir(path), slog.LevelInfo)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("hello")
	_ = c.Close()
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 || st.Size() > 1000 {
		t.Fatalf("log file: %v %v", st, err)
	}
	if _, err := os.Stat(path + ".1"); err != nil {
		t.Fatal("the old log was not rotated")
	}
}
