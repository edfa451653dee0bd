// Package cli is the headless face of investec-desk: one cobra command tree
// whose subcommands use the same core as the desktop window. With no
// subcommand the root command hands over to the GUI.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/buildinfo"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// EnvDataDir overrides the default data directory.
const EnvDataDir = "INVESTEC_DESK_DATA_DIR"

// Globals are the flags every command accepts, before or after the
// subcommand's name.
type Globals struct {
	DataDir    string // resolved: never empty after Execute parses flags
	Demo       bool   // use the built-in demo sandbox
	Connection string // connection name; "" means the active one
}

// GUIFunc opens the desktop window. It is provided by main, the only package
// that knows Wails.
type GUIFunc func(ctx context.Context, g Globals) error

// Env is everything a command touches outside its arguments, so commands
// can be run in tests without a terminal.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// IsTerminal reports whether the reader or writer is an interactive
	// terminal (prompts and progress bars need one).
	IsTerminal func(f any) bool
	// ReadPassword reads a line from the terminal without echoing it.
	ReadPassword func() (string, error)
	// RunGUI opens the window (nil in tests and headless-only builds).
	RunGUI GUIFunc
	// Secrets overrides the OS keyring (tests); nil means the keyring.
	Secrets secrets.Store
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
}

// isTerminal reports whether f is an interactive terminal.
func isTerminal(env Env, f any) bool { return env.IsTerminal != nil && env.IsTerminal(f) }

// interactive reports whether a person can answer on stdin.
func interactive(env Env) bool { return isTerminal(env, env.Stdin) }

// exitError carries an exit status through cobra without printing twice.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks bad command-line input (exit status 2).
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// checkDates checks that --from and --to, where given, are dates like
// 2026-03-01.
func checkDates(from, to string) error {
	for _, d := range []struct{ flag, v string }{{"--from", from}, {"--to", to}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return usageError("%s must be a date like 2026-03-01, not %q", d.flag, d.v)
		}
	}
	return nil
}

// checkDateRange is checkDates, and --to, when both are given, must not be
// before --from.
func checkDateRange(from, to string) error {
	if err := checkDates(from, to); err != nil {
		return err
	}
	if from != "" && to != "" && to < from {
		return usageError("--to (%s) is before --from (%s)", to, from)
	}
	return nil
}

// Main runs the command line and returns the process exit status: 0 on
// success, 1 when the command failed, 2 on bad usage. Errors are printed as
// one line on stderr; stack traces never reach the user.
func Main(ctx context.Context, args []string, env Env) int {
	root := newRoot(env)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintf(env.Stderr, "%s: %s\n", buildinfo.Binary, oneLine(userMessage(err)))
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isFlagError(err) {
		return 2
	}
	return 1
}

// userMessage is what a person sees for err: the safe message of an
// application error, or the text of a usage/flag error.
func userMessage(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Error()
	}
	var ee *exitError
	if errors.As(err, &ee) || isFlagError(err) {
		return err.Error()
	}
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	return domain.ErrorMessage(err)
}

func isFlagError(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") ||
		strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") ||
		strings.HasPrefix(msg, "invalid argument") ||
		strings.HasPrefix(msg, "flag needs an argument") ||
		strings.HasPrefix(msg, "required flag") ||
		strings.Contains(msg, "accepts ") && strings.Contains(msg, " arg(s)")
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

func newRoot(env Env) *cobra.Command {
	g := &Globals{}
	root := &cobra.Command{
		Use:   buildinfo.Binary,
		Short: "A local-first desktop client for Investec Programmable Banking",
		Long: buildinfo.Name + " keeps your Investec accounts and transactions in a local cache you can\n" +
			"review offline, moves money safely, manages programmable card code and exports\n" +
			"everything your accountant needs.\n\n" +
			"Run it with no command to open the window. Commands run headless and never need a display.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return g.resolve(env)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env.RunGUI == nil {
				return usageError("this build has no window; run %s --help for the commands", buildinfo.Binary)
			}
			return env.RunGUI(cmd.Context(), *g)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.DataDir, "data-dir", "", "where the cache, settings and documents live (env "+EnvDataDir+")")
	pf.BoolVar(&g.Demo, "demo", false, "use the built-in demo sandbox instead of a real connection")
	pf.StringVar(&g.Connection, "connection", "", "connection to use (default: the active one)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%s", err) })

	root.AddCommand(newVersionCmd(env))
	for _, add := range registry {
		root.AddCommand(add(env, g))
	}
	return root
}

// registry holds constructors of the subcommands defined in other files of
// this package.
var registry []func(Env, *Globals) *cobra.Command

func (g *Globals) resolve(env Env) error {
	if g.DataDir == "" {
		g.DataDir = env.Getenv(EnvDataDir)
	}
	if g.DataDir == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return fmt.Errorf("cannot find a place for the data directory (set --data-dir or %s): %w", EnvDataDir, err)
		}
		g.DataDir = filepath.Join(dir, buildinfo.Binary)
	}
	abs, err := filepath.Abs(g.DataDir)
	if err != nil {
		return usageError("invalid --data-dir %q", g.DataDir)
	}
	g.DataDir = abs
	return nil
}

func newVersionCmd(env Env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info := buildinfo.Get()
			if asJSON {
				return writeJSON(env.Stdout, info)
			}
			rev := info.Revision
			if len(rev) > 12 {
				rev = rev[:12]
			}
			if rev == "" {
				rev = "unknown"
			}
			_, err := fmt.Fprintf(env.Stdout, "%s %s (revision %s, %s, %s)\n", info.Name, info.Version, rev, info.GoVersion, info.Platform)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
