package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
)

type result struct {
	code           int
	stdout, stderr string
	gui            *Globals
}

func run(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	var r result
	r.code = Main(context.Background(), args, Env{
		Stdin:      strings.NewReader(""),
		Stdout:     &out,
		Stderr:     &errOut,
		Getenv:     func(k string) string { return env[k] },
		IsTerminal: func(any) bool { return false },
		RunGUI: func(_ context.Context, g Globals) error {
			r.gui = &g
			return nil
		},
	})
	r.stdout, r.stderr = out.String(), errOut.String()
	return r
}

func TestHelpAndVersionRunHeadless(t *testing.T) {
	t.Parallel()
	r := run(t, nil, "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Run it with no command to open the window") {
		t.Fatalf("--help: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r.gui != nil {
		t.Fatal("--help opened the window")
	}

	r = run(t, nil, "version", "--json")
	var info domain.AppInfo
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil || r.code != 0 {
		t.Fatalf("version --json: code %d, %v, %q", r.code, err, r.stdout)
	}
	if info.Name != "Investec Desk" || info.Version == "" {
		t.Fatalf("version --json = %+v", info)
	}
}

func TestNoArgumentsOpensTheWindow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, nil, "--data-dir", dir)
	if r.code != 0 || r.gui == nil {
		t.Fatalf("code %d, gui %v, stderr %q", r.code, r.gui, r.stderr)
	}
	if r.gui.DataDir != dir {
		t.Fatalf("DataDir = %q, want %q", r.gui.DataDir, dir)
	}
}

func TestDataDirFromEnvironmentAndDefault(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, map[string]string{EnvDataDir: dir})
	if r.gui == nil || r.gui.DataDir != dir {
		t.Fatalf("env data dir not used: %+v", r.gui)
	}
	r = run(t, map[string]string{EnvDataDir: dir}, "--data-dir", filepath.Join(dir, "x"))
	if r.gui == nil || r.gui.DataDir != filepath.Join(dir, "x") {
		t.Fatalf("--data-dir should win over the environment: %+v", r.gui)
	}
	r = run(t, nil)
	if r.gui == nil || !strings.HasSuffix(r.gui.DataDir, "investec-desk") {
		t.Fatalf("default data dir = %+v", r.gui)
	}
}

func TestBadUsageIsOneLineAndExitTwo(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"no-such-command"}, {"--no-such-flag"}, {"version", "extra"}} {
		r := run(t, nil, args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, r.code, r.stderr)
		}
		if lines := strings.Count(strings.TrimSpace(r.stderr), "\n"); lines != 0 || !strings.HasPrefix(r.stderr, "investec-desk: ") {
			t.Errorf("%v: stderr %q, want one line starting with the binary's name", args, r.stderr)
		}
	}
}

// TestDateFlags: checkDates only checks the form of the dates given;
// checkDateRange also refuses --to before --from. Both are usage errors.
func TestDateFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		from, to         string
		dates, dateRange string // "" when accepted, else the message
	}{
		{"", "", "", ""},
		{"2026-03-01", "", "", ""},
		{"", "2026-03-01", "", ""},
		{"2026-03-01", "2026-03-01", "", ""},
		{"2026-02-30", "", `--from must be a date like 2026-03-01, not "2026-02-30"`, `--from must be a date like 2026-03-01, not "2026-02-30"`},
		{"2026-03-01", "tomorrow", `--to must be a date like 2026-03-01, not "tomorrow"`, `--to must be a date like 2026-03-01, not "tomorrow"`},
		{"2026-03-02", "2026-03-01", "", "--to (2026-03-01) is before --from (2026-03-02)"},
	} {
		for _, c := range []struct {
			name string
			err  error
			want string
		}{
			{"checkDates", checkDates(tc.from, tc.to), tc.dates},
			{"checkDateRange", checkDateRange(tc.from, tc.to), tc.dateRange},
		} {
			if c.want == "" {
				if c.err != nil {
					t.Errorf("%s(%q, %q) = %v, want nil", c.name, tc.from, tc.to, c.err)
				}
				continue
			}
			if c.err == nil || c.err.Error() != c.want || userMessage(c.err) != c.want {
				t.Errorf("%s(%q, %q) = %v, want %q", c.name, tc.from, tc.to, c.err, c.want)
			}
			if ee := (*exitError)(nil); !errors.As(c.err, &ee) || ee.code != 2 {
				t.Errorf("%s(%q, %q) = %#v, want a usage error (exit status 2)", c.name, tc.from, tc.to, c.err)
			}
		}
	}
}
