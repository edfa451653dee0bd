package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/buildinfo"
	"github.com/investec-desk/investec-desk/backend/connections"
	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
)

func init() {
	registry = append(registry, newConnectionsCmd, newLoginCmd, newLogoutCmd)
}

func newConnectionsCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "connections",
		Short: "List the connections (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				if _, err := svc.CurrentConnection(cmd.Context()); err != nil {
					return err
				}
				list, err := svc.Connections(cmd.Context())
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(env.Stdout, list)
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "\tNAME\tKIND\tBASE URL\tCREDENTIALS\tPERMISSIONS")
				keyringProblem := ""
				for _, c := range list {
					mark := ""
					if c.Active {
						mark = "*"
					}
					creds := "set"
					switch {
					case c.KeyringProblem != "":
						creds = "unknown (keyring unavailable)"
						keyringProblem = c.KeyringProblem
					case !c.HasCredentials:
						creds = "missing"
					}
					perms := orDash(strings.Join(c.Permissions, ", "))
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", mark, c.Name, kindLabel(c.Kind, c.Business), c.BaseURL, creds, perms)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				if keyringProblem != "" {
					// Said once, on stderr, so the table stays parseable.
					fmt.Fprintf(env.Stderr, "%s: %s\n", buildinfo.Binary, keyringProblem)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func kindLabel(k domain.ConnectionKind, business bool) string {
	s := map[domain.ConnectionKind]string{
		domain.KindDemo: "demo", domain.KindInvestecSandbox: "investec sandbox",
		domain.KindInvestec: "investec", domain.KindCustom: "custom",
	}[k]
	if s == "" {
		s = string(k)
	}
	if business {
		s += " (business)"
	}
	return s
}

func newLoginCmd(env Env, g *Globals) *cobra.Command {
	var name, baseURL string
	var business bool
	cmd := &cobra.Command{
		Use:   "login --name NAME [--base-url URL]",
		Short: "Connect an Investec account; secrets go to the OS keyring",
		Long: "Connect an Investec account. The client ID, client secret and API key come from\n" +
			"Investec Online (Manage, Investec Developer, Individual or Business Connections,\n" +
			"Create new API key). They are read from " + core.EnvClientID + ", " + core.EnvClientSecret + "\n" +
			"and " + core.EnvAPIKey + " when set, else asked for without echo; never from arguments.\n" +
			"They are tested with Investec first and stored only in the OS keyring.",
		// Not cobra.NoArgs: its message would repeat a secret typed as an
		// argument by mistake.
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError("login takes no arguments: the client ID, client secret and API key come from %s, %s and %s, or a prompt that does not echo; never from the command line",
					core.EnvClientID, core.EnvClientSecret, core.EnvAPIKey)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(name) == "" {
				return usageError("--name is required")
			}
			creds, err := readCredentials(env)
			if err != nil {
				return err
			}
			kind := domain.KindInvestec
			if baseURL != "" && strings.TrimRight(baseURL, "/") != connections.ProductionURL {
				kind = domain.KindCustom
			}
			// Credentials come from the environment for this command only;
			// the service must not treat them as an "environment" connection.
			genv := env
			genv.Getenv = func(k string) string {
				switch k {
				case core.EnvClientID, core.EnvClientSecret, core.EnvAPIKey:
					return ""
				}
				return env.Getenv(k)
			}
			return withService(cmd.Context(), genv, g, nil, func(svc *core.Service) error {
				conn, test, err := svc.Connect(cmd.Context(), domain.NewConnection{
					Name: name, Kind: kind, BaseURL: baseURL, Business: business, Credentials: creds,
				})
				if err != nil {
					return err
				}
				if !test.OK {
					return &exitError{code: 1, err: fmt.Errorf("%s (nothing was stored)", test.Message)}
				}
				fmt.Fprintf(env.Stdout, "Connected %q and made it the active connection. Its secrets are in the OS keyring.\n", conn.Name)
				printTest(env, test)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "a name for the connection, e.g. \"Personal\"")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "API base URL (default: Investec production, "+connections.ProductionURL+")")
	cmd.Flags().BoolVar(&business, "business", false, "a business (CIB) API key")
	return cmd
}

func printTest(env Env, t domain.ConnectionTest) {
	fmt.Fprintf(env.Stdout, "Permissions: %s\n", orDash(strings.Join(t.Permissions, ", ")))
	if len(t.Missing) > 0 {
		fmt.Fprintf(env.Stdout, "Not granted: %s\n", strings.Join(t.Missing, ", "))
	}
	for _, a := range t.Accounts {
		fmt.Fprintf(env.Stdout, "Account: %s %s (%s)\n", a.Number, a.Name, a.ProductName)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// readCredentials takes each credential from the environment or, on a
// terminal, from a prompt that does not echo.
func readCredentials(env Env) (domain.Credentials, error) {
	var c domain.Credentials
	fields := []struct {
		label, envVar string
		dst           *string
	}{
		{"Client ID", core.EnvClientID, &c.ClientID},
		{"Client secret", core.EnvClientSecret, &c.ClientSecret},
		{"API key", core.EnvAPIKey, &c.APIKey},
	}
	for _, f := range fields {
		if v := strings.TrimSpace(env.Getenv(f.envVar)); v != "" {
			*f.dst = v
			continue
		}
		if env.ReadPassword == nil || !interactive(env) {
			return c, usageError("%s is not set and there is no terminal to ask on: set %s", f.label, f.envVar)
		}
		fmt.Fprintf(env.Stderr, "%s: ", f.label)
		v, err := env.ReadPassword()
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return c, fmt.Errorf("read %s: %w", strings.ToLower(f.label), err)
		}
		*f.dst = strings.TrimSpace(v)
	}
	return c, nil
}

func newLogoutCmd(env Env, g *Globals) *cobra.Command {
	var name string
	var deleteCache bool
	cmd := &cobra.Command{
		Use:   "logout --name NAME [--delete-cache]",
		Short: "Remove a connection and its secrets from the OS keyring",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(name) == "" {
				return usageError("--name is required")
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				list, err := svc.Connections(cmd.Context())
				if err != nil {
					return err
				}
				for _, c := range list {
					if strings.EqualFold(c.Name, name) || c.ID == name {
						if err := svc.RemoveConnection(cmd.Context(), c.ID, deleteCache); err != nil {
							return err
						}
						what := "its cached data is kept (use --delete-cache to remove it)"
						if deleteCache {
							what = "its cached data was deleted"
						}
						keyringNote := "its secrets are gone from the keyring"
						if !connections.UsesKeyring(c.Kind) {
							keyringNote = "it kept no secrets (it uses published test credentials)"
						}
						fmt.Fprintf(env.Stdout, "Removed %q: %s; %s.\n", c.Name, keyringNote, what)
						return nil
					}
				}
				return domain.Errorf(domain.CodeNotFound, "There is no connection called %q.", name)
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the connection's name")
	cmd.Flags().BoolVar(&deleteCache, "delete-cache", false, "also delete the connection's cached data")
	return cmd
}
