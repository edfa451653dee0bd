package connections

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestRegistryPersistsWithoutSecretsAndPrivately(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Active(); ok {
		t.Fatal("a new registry has no active connection")
	}
	demo, err := r.EnsureDemo()
	if err != nil || demo.ID != DemoID {
		t.Fatalf("EnsureDemo = %+v, %v", demo, err)
	}
	if a, _ := r.Active(); a.ID != DemoID {
		t.Fatalf("demo should become active, got %q", a.ID)
	}
	mine, err := r.Add("My Investec", domain.KindInvestec, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if mine.BaseURL != ProductionURL || !strings.HasPrefix(mine.ID, "my-investec-") {
		t.Fatalf("Add = %+v", mine)
	}
	if err := r.SetActive(mine.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.SetOnboarded(); err != nil {
		t.Fatal(err)
	}

	st, err := os.Stat(filepath.Join(dir, "connections.json"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("connections.json mode = %v, %v; want 0600", st.Mode().Perm(), err)
	}
	r2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := r2.Active(); a.ID != mine.ID || !r2.Onboarded() || len(r2.List()) != 2 {
		t.Fatalf("reloaded: active %q onboarded %v list %+v", a.ID, r2.Onboarded(), r2.List())
	}
	if got, err := r2.Get("my investec"); err != nil || got.ID != mine.ID {
		t.Fatalf("Get by name (case-insensitive) = %+v, %v", got, err)
	}
}

func TestAddValidates(t *testing.T) {
	t.Parallel()
	r, _ := Open(t.TempDir())
	cases := []struct {
		name, url, field string
		kind             domain.ConnectionKind
	}{
		{"", "", "name", domain.KindInvestec},
		{strings.Repeat("x", 61), "", "name", domain.KindInvestec},
		{"a\nb", "", "name", domain.KindInvestec},
		{"Custom", "ftp://x", "baseUrl", domain.KindCustom},
		{"Custom", "http://example.com", "baseUrl", domain.KindCustom},
		{"Custom", "https://user:pw@example.com", "baseUrl", domain.KindCustom},
		{"Demo 2", "", "kind", domain.KindDemo},
		{"Odd", "", "kind", domain.ConnectionKind("odd")},
	}
	for _, c := range cases {
		_, err := r.Add(c.name, c.kind, c.url, false)
		if domain.ErrorCode(err) != domain.CodeInvalid || domain.ErrorField(err) != c.field {
			t.Errorf("Add(%q, %q, %q) = %v; want an invalid %s", c.name, c.kind, c.url, err, c.field)
		}
	}
	if e, err := r.Add("Local sim", domain.KindCustom, "http://127.0.0.1:3000/", false); err != nil || e.BaseURL != "http://127.0.0.1:3000" {
		t.Fatalf("loopback http should be allowed: %+v, %v", e, err)
	}
	if _, err := r.Add("local SIM", domain.KindInvestecSandbox, "", false); domain.ErrorField(err) != "name" {
		t.Fatalf("duplicate names (case-insensitive) must be refused: %v", err)
	}
}

func TestRemoveDeletesCacheOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r, _ := Open(dir)
	_, _ = r.EnsureDemo()
	a, _ := r.Add("A", domain.KindInvestecSandbox, "", false)
	b, _ := r.Add("B", domain.KindInvestecSandbox, "", false)
	for _, e := range []Entry{a, b} {
		if err := os.MkdirAll(r.Dir(e.ID), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	_ = r.SetActive(a.ID)
	if err := r.Remove(a.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(r.Dir(a.ID)); err != nil {
		t.Fatal("cache deleted although not asked to")
	}
	if act, _ := r.Active(); act.ID == a.ID || act.ID == "" {
		t.Fatalf("active after removing the active connection = %q", act.ID)
	}
	if err := r.Remove(b.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(r.Dir(b.ID)); !os.IsNotExist(err) {
		t.Fatal("cache kept although asked to delete it")
	}
	if err := r.Remove(b.ID, true); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("removing twice: %v", err)
	}
}

func TestDamagedFileIsAClearError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "connections.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir)
	if err == nil || !strings.Contains(domain.ErrorMessage(err), "damaged") {
		t.Fatalf("Open on a damaged file: %v", err)
	}
}

func TestSecretKeysAreDistinctPerConnection(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, id := range []string{"a-1", "b-2"} {
		for _, s := range AllSecrets {
			k := SecretKey(id, s)
			if seen[k] {
				t.Fatalf("duplicate key %s", k)
			}
			seen[k] = true
		}
	}
	if UsesKeyring(domain.KindDemo) || UsesKeyring(domain.KindInvestecSandbox) || !UsesKeyring(domain.KindInvestec) {
		t.Fatal("only real and custom connections keep secrets in the keyring")
	}
}

// TestUpdateRenamesAndMovesOnlyCustom: a rename keeps the ID (so the cache
// directory and the keyring keys stay), refuses a name in use, and only a
// custom connection's base URL can move, to a valid URL.
func TestUpdateRenamesAndMovesOnlyCustom(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.EnsureDemo(); err != nil {
		t.Fatal(err)
	}
	custom, err := r.Add("Custom", domain.KindCustom, "https://one.example.com/", false)
	if err != nil {
		t.Fatal(err)
	}
	prod, err := r.Add("Real", domain.KindInvestec, "", false)
	if err != nil {
		t.Fatal(err)
	}

	got, err := r.Update(custom.ID, "  Moved  ", "https://two.example.com/api/")
	if err != nil || got.ID != custom.ID || got.Name != "Moved" || got.BaseURL != "https://two.example.com/api" {
		t.Fatalf("Update custom = %+v, %v", got, err)
	}
	got, err = r.Update(prod.ID, "Renamed", "https://elsewhere.example.com")
	if err != nil || got.ID != prod.ID || got.Name != "Renamed" || got.BaseURL != ProductionURL {
		t.Fatalf("Update investec = %+v, %v; want renamed and still on %s", got, err, ProductionURL)
	}
	for _, tc := range []struct{ name, baseURL, field string }{
		{"demo", "", "name"},
		{"RENAMED", "", "name"},
		{"", "", "name"},
		{"Moved", "http://two.example.com", "baseUrl"},
		{"Moved", "not a url", "baseUrl"},
	} {
		if _, err := r.Update(custom.ID, tc.name, tc.baseURL); domain.ErrorField(err) != tc.field {
			t.Errorf("Update(%q, %q) = %v, want a problem with %s", tc.name, tc.baseURL, err, tc.field)
		}
	}
	if _, err := r.Update("gone", "Gone", ""); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("Update of a missing connection = %v, want not found", err)
	}

	r2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if e, err := r2.Get(custom.ID); err != nil || e.Name != "Moved" || e.BaseURL != "https://two.example.com/api" {
		t.Fatalf("reloaded = %+v, %v; the refused updates must not have changed it", e, err)
	}
}
