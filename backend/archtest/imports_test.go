package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/investec-desk/investec-desk"

// imports returns, for every Go file under dir, the import paths it uses.
func imports(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[path] = append(out[path], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBackendNeverImportsWails enforces the rule that only main.go and
// app.go know Wails: everything under backend/ must run headless.
func TestBackendNeverImportsWails(t *testing.T) {
	t.Parallel()
	all := imports(t, "..")
	if len(all) < 5 {
		t.Fatalf("found only %d Go files under backend/: the walk is broken", len(all))
	}
	for file, paths := range all {
		for _, p := range paths {
			if strings.HasPrefix(p, "github.com/wailsapp/") {
				t.Errorf("%s imports %s: nothing under backend/ may import Wails", file, p)
			}
		}
	}
}

// TestDomainImportsOnlyStdlib keeps the shared vocabulary free of
// dependencies, so every package can use it.
func TestDomainImportsOnlyStdlib(t *testing.T) {
	t.Parallel()
	for file, paths := range imports(t, "../domain") {
		for _, p := range paths {
			if strings.Contains(strings.Split(p, "/")[0], ".") {
				t.Errorf("%s imports %s: backend/domain may import only the standard library", file, p)
			}
		}
	}
}

// TestLowerLayersDoNotImportUpperOnes keeps the dependency graph pointing
// one way: the API client, store, secrets and export packages never reach
// up into core or the CLI.
func TestLowerLayersDoNotImportUpperOnes(t *testing.T) {
	t.Parallel()
	upper := []string{module + "/backend/core", module + "/backend/cli"}
	for _, dir := range []string{"../investec", "../store", "../secrets", "../export", "../sandbox", "../sync", "../domain"} {
		for file, paths := range imports(t, dir) {
			for _, p := range paths {
				for _, u := range upper {
					if p == u || strings.HasPrefix(p, u+"/") {
						t.Errorf("%s imports %s: lower layers must not depend on %s", file, p, u)
					}
				}
			}
		}
	}
}
