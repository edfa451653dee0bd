package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/sandbox"
)

func init() {
	registry = append(registry, newSandboxCmd)
}

func newSandboxCmd(env Env, _ *Globals) *cobra.Command {
	var (
		addr, state string
		n           int
	)
	cmd := &cobra.Command{
		Use:   "sandbox --addr 127.0.0.1:PORT [--transactions N]",
		Short: "Serve the built-in Investec sandbox over HTTP until interrupted",
		Long: "Serve the built-in sandbox: a faithful local Investec API with realistic demo data,\n" +
			"accepting Investec's published sandbox credentials. --transactions scales the\n" +
			"history (up to 1,000,000 and more) for benchmarks.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if n < 0 {
				return usageError("--transactions must be 0 or more")
			}
			return sandbox.ListenAndServe(cmd.Context(), addr, sandbox.Options{Transactions: n, StatePath: state, Logger: env.Logger},
				func(base string) {
					fmt.Fprintf(env.Stdout, "Investec sandbox listening on %s\n", base)
					fmt.Fprintf(env.Stdout, "Client ID %s, secret %s (Investec's published sandbox credentials)\n", sandbox.PBClientID, sandbox.PBSecret)
				})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on")
	cmd.Flags().IntVar(&n, "transactions", 0, "scale the history to this many transactions (0: two natural years)")
	cmd.Flags().StringVar(&state, "state", "", "keep the sandbox's state (what was done to it) in this file")
	return cmd
}
