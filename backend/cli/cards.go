package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
)

func init() {
	registry = append(registry, newCardsCmd)
}

// errDeclined is returned when a person answers no to a confirmation.
var errDeclined = &exitError{code: 1, err: errors.New("not confirmed: nothing was sent to Investec")}

// canConfirm refuses, before anything is read or sent, a command that
// writes to the bank when it can neither ask (no terminal) nor was told
// --yes.
func canConfirm(env Env, yes bool) error {
	if yes || interactive(env) {
		return nil
	}
	return usageError("this changes the card at Investec and there is no terminal to confirm on: add --yes")
}

// confirm asks question on the terminal unless yes; anything but y or yes
// declines.
func confirm(env Env, yes bool, question string) error {
	if yes {
		return nil
	}
	if err := canConfirm(env, false); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "%s [y/N] ", question)
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read the answer: %w", err)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return errDeclined
}

func cardName(c domain.Card) string {
	name := c.EmbossedName
	if name == "" {
		name = c.AccountName
	}
	return fmt.Sprintf("card %s (%s, %s)", c.Key, c.Number, strings.TrimSpace(name))
}

// readFile reads a file a command was pointed at; "-" is stdin.
func readFile(env Env, path string) ([]byte, error) {
	if path == "-" {
		b, err := io.ReadAll(env.Stdin)
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError("cannot read %s: %v", path, errors.Unwrap(err))
	}
	return b, nil
}

// writeNewFile writes a file the user asked for (mode 0600: env.json may
// hold a third party's keys), refusing to replace one unless force.
func writeNewFile(path string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if errors.Is(err, os.ErrExist) {
		return usageError("%s exists: add --force to replace it", path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func newCardsCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "cards",
		Short: "List the cards; manage their programmable code, environment variables and logs",
		Long: "List the cards the connection can see. Subcommands read and change a card's\n" +
			"programmable code (save, publish), its environment variables and the programmable\n" +
			"feature, run simulations (on Investec or in the offline emulator) and show the\n" +
			"execution log. CARDKEY is the card's key or, when unique, the last four digits of\n" +
			"its number. Commands that change the card at Investec ask for confirmation on a\n" +
			"terminal and otherwise need --yes; they are sent once and never retried.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				cards, err := svc.Cards(cmd.Context())
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(env.Stdout, cards)
				}
				if len(cards) == 0 {
					fmt.Fprintln(env.Stdout, "The connection sees no cards.")
					return nil
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "KEY\tNUMBER\tNAME\tSTATUS\tPROGRAMMABLE\tACCOUNT")
				for _, c := range cards {
					prog := "off"
					if c.Programmable {
						prog = "on"
					}
					acct := c.AccountNumber
					if c.AccountName != "" {
						acct += " " + c.AccountName
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Key, c.Number, c.EmbossedName, c.Status, prog, acct)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.AddCommand(newCardCodeCmd(env, g), newCardEnvCmd(env, g), newCardSimulateCmd(env, g),
		newCardLogsCmd(env, g), newCardToggleCmd(env, g))
	return cmd
}

func newCardCodeCmd(env Env, g *Globals) *cobra.Command {
	code := &cobra.Command{
		Use:   "code",
		Short: "Get, save or publish a card's JavaScript",
		Args:  cobra.NoArgs,
	}

	var (
		getFile   string
		published bool
		force     bool
	)
	get := &cobra.Command{
		Use:   "get CARDKEY [--file main.js] [--published]",
		Short: "Print the card's saved code (or its published code), or write it to a file",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				st, err := svc.CardCode(cmd.Context(), card.Key)
				if err != nil {
					return err
				}
				which, what := st.Saved, "saved"
				if published {
					which, what = st.Published, "published"
				}
				if getFile == "" {
					_, err := io.WriteString(env.Stdout, ensureNewline(which.Code))
					return err
				}
				if err := writeNewFile(getFile, []byte(ensureNewline(which.Code)), force); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "Wrote the %s code of %s (version %s) to %s.\n", what, cardName(card), which.CodeID, getFile)
				if !published && st.Differs {
					fmt.Fprintln(env.Stderr, "The saved code is not published yet.")
				}
				return nil
			})
		},
	}
	get.Flags().StringVar(&getFile, "file", "", "write the code to this file instead of printing it")
	get.Flags().BoolVar(&published, "published", false, "the published code (what runs on real transactions)")
	get.Flags().BoolVar(&force, "force", false, "replace --file if it exists")

	var (
		saveFile string
		saveYes  bool
	)
	save := &cobra.Command{
		Use:   "save CARDKEY [--file main.js] [--yes]",
		Short: "Save code on the card (checked for syntax errors first; not published)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := canConfirm(env, saveYes); err != nil {
				return err
			}
			src, err := readFile(env, saveFile)
			if err != nil {
				return err
			}
			text := string(src)
			if chk := core.CheckCardCode(text); !chk.OK {
				return &exitError{code: 1, err: fmt.Errorf("%s: %s (nothing was sent)", saveFile, chk.Message)}
			}
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				if err := confirm(env, saveYes, fmt.Sprintf("Save %s (%d lines) as the code of %s? It is not published.",
					saveFile, len(splitLines(text)), cardName(card))); err != nil {
					return err
				}
				saved, err := svc.SaveCardCode(cmd.Context(), card.Key, text)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Saved as version %s of %s. Publish it with: investec-desk cards code publish %s\n",
					saved.CodeID, cardName(card), card.Key)
				return nil
			})
		},
	}
	save.Flags().StringVar(&saveFile, "file", "main.js", "the code to save (- reads stdin)")
	save.Flags().BoolVar(&saveYes, "yes", false, "do not ask for confirmation")

	var pubYes bool
	publish := &cobra.Command{
		Use:   "publish CARDKEY [--yes]",
		Short: "Publish the card's latest saved code, after showing what changes",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := canConfirm(env, pubYes); err != nil {
				return err
			}
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				st, err := svc.CardCode(cmd.Context(), card.Key)
				if err != nil {
					return err
				}
				changed, err := writeUnifiedDiff(env.Stdout, "published ("+orDash(st.Published.CodeID)+")",
					"saved ("+st.Saved.CodeID+")", st.Published.Code, st.Saved.Code)
				if err != nil {
					return err
				}
				if !changed {
					// Publishing it again would change nothing on the card: write nothing to the bank.
					fmt.Fprintln(env.Stdout, "The saved code is the same as the published code: nothing to publish.")
					return nil
				}
				if err := confirm(env, pubYes, fmt.Sprintf("Publish version %s to %s? It will run on every real transaction.",
					st.Saved.CodeID, cardName(card))); err != nil {
					return err
				}
				pub, err := svc.PublishCardCode(cmd.Context(), card.Key, st.Saved.CodeID)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Published version %s to %s.\n", pub.CodeID, cardName(card))
				return nil
			})
		},
	}
	publish.Flags().BoolVar(&pubYes, "yes", false, "do not ask for confirmation")

	code.AddCommand(get, save, publish)
	return code
}

func ensureNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// envJSON reads an env.json object; every value must be a string, as
// Investec keeps them.
func envJSON(b []byte) ([]domain.EnvVar, error) {
	// Read the object key by key, so a name given twice is refused
	// instead of the last value silently winning.
	dec := json.NewDecoder(bytes.NewReader(b))
	notObject := func(err error) error { return fmt.Errorf("not a JSON object of names and values: %w", err) }
	if t, err := dec.Token(); err != nil {
		return nil, notObject(err)
	} else if d, ok := t.(json.Delim); !ok || d != '{' {
		return nil, notObject(errors.New("it does not start with {"))
	}
	out := []domain.EnvVar{}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, notObject(err)
		}
		k, _ := t.(string)
		if seen[k] {
			return nil, fmt.Errorf("%q is given twice; keep one", k)
		}
		seen[k] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, notObject(err)
		}
		var str string
		if err := json.Unmarshal(v, &str); err != nil {
			return nil, fmt.Errorf("the value of %q must be a string (Investec keeps every value as text), e.g. \"500\"", k)
		}
		out = append(out, domain.EnvVar{Key: k, Value: str})
	}
	if _, err := dec.Token(); err != nil {
		return nil, notObject(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, notObject(errors.New("there is more after the object"))
	}
	slices.SortFunc(out, func(a, b domain.EnvVar) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

func envObject(vars []domain.EnvVar) map[string]string {
	m := make(map[string]string, len(vars))
	for _, v := range vars {
		m[v.Key] = v.Value
	}
	return m
}

func newCardEnvCmd(env Env, g *Globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "env",
		Short: "Get or replace a card's environment variables (process.env in card code)",
		Args:  cobra.NoArgs,
	}
	var (
		getFile string
		force   bool
	)
	get := &cobra.Command{
		Use:   "get CARDKEY [--file env.json]",
		Short: "Print the card's environment variables as JSON, or write them to a file",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				ce, err := svc.CardEnv(cmd.Context(), card.Key)
				if err != nil {
					return err
				}
				if getFile == "" {
					return writeJSON(env.Stdout, envObject(ce.Variables))
				}
				b, err := json.MarshalIndent(envObject(ce.Variables), "", "  ")
				if err != nil {
					return err
				}
				if err := writeNewFile(getFile, append(b, '\n'), force); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "Wrote %d variable(s) of %s to %s.\n", len(ce.Variables), cardName(card), getFile)
				return nil
			})
		},
	}
	get.Flags().StringVar(&getFile, "file", "", "write them to this file instead of printing them")
	get.Flags().BoolVar(&force, "force", false, "replace --file if it exists")

	var (
		setFile string
		setYes  bool
	)
	set := &cobra.Command{
		Use:   "set CARDKEY [--file env.json] [--yes]",
		Short: "Replace all of the card's environment variables with a JSON object of strings",
		Long: "Replace all of the card's environment variables with the JSON object in --file\n" +
			"(names and string values). Investec has no partial update: a variable missing\n" +
			"from the file is removed. The changes are listed before anything is sent.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := canConfirm(env, setYes); err != nil {
				return err
			}
			src, err := readFile(env, setFile)
			if err != nil {
				return err
			}
			vars, err := envJSON(src)
			if err != nil {
				return usageError("%s: %v", setFile, err)
			}
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				changes, err := svc.CardEnvChanges(cmd.Context(), card.Key, vars)
				if err != nil {
					return envProblem(err)
				}
				if len(changes) == 0 {
					fmt.Fprintf(env.Stdout, "%s already has exactly these variables: nothing to do.\n", cardName(card))
					return nil
				}
				for _, c := range changes {
					switch c.Kind {
					case domain.EnvAdded:
						fmt.Fprintf(env.Stdout, "+ %s = %q\n", c.Key, c.New)
					case domain.EnvChanged:
						fmt.Fprintf(env.Stdout, "~ %s = %q (was %q)\n", c.Key, c.New, c.Old)
					case domain.EnvRemoved:
						fmt.Fprintf(env.Stdout, "- %s (was %q)\n", c.Key, c.Old)
					}
				}
				if err := confirm(env, setYes, fmt.Sprintf("Replace the environment variables of %s (%d change(s))?", cardName(card), len(changes))); err != nil {
					return err
				}
				ce, err := svc.SaveCardEnv(cmd.Context(), card.Key, vars)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Replaced: %s now has %d variable(s).\n", cardName(card), len(ce.Variables))
				return nil
			})
		},
	}
	set.Flags().StringVar(&setFile, "file", "env.json", "JSON object of names and string values (- reads stdin)")
	set.Flags().BoolVar(&setYes, "yes", false, "do not ask for confirmation")
	cmd.AddCommand(get, set)
	return cmd
}

// envProblem names the variable a validation error is about (the field
// "variables.N.key" means nothing on the command line).
func envProblem(err error) error {
	p := domain.Payload(err)
	if p.Code != domain.CodeInvalid || len(p.Fields) == 0 {
		return err
	}
	msgs := make([]string, 0, len(p.Fields))
	for _, f := range p.Fields {
		msgs = append(msgs, f.Message)
	}
	return &exitError{code: 1, err: fmt.Errorf("%s (nothing was sent)", strings.Join(msgs, "; "))}
}

func newCardSimulateCmd(env Env, g *Globals) *cobra.Command {
	var (
		local, asJSON                        bool
		amount, merchant, mcc, city, country string
		currency, file                       string
	)
	cmd := &cobra.Command{
		Use:   "simulate CARDKEY --amount 123.45 --merchant NAME [--local] [--mcc CODE] [--city CITY] [--country ZA] [--currency zar] [--file main.js]",
		Short: "Run card code against a made-up transaction, on Investec or locally",
		Long: "Run the card's saved code (or --file, without saving it) against a made-up card\n" +
			"transaction, with the card's environment variables. By default it runs in\n" +
			"Investec's simulator, which records the run in the card's execution log at\n" +
			"Investec. With --local it runs in this app's offline emulator instead (no network\n" +
			"or file access for the code, Investec's 2 s limit for beforeTransaction); the run\n" +
			"is kept in the local log. Nothing is charged either way.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(amount) == "" || strings.TrimSpace(merchant) == "" {
				return usageError("--amount and --merchant are required")
			}
			var code string
			if file != "" {
				src, err := readFile(env, file)
				if err != nil {
					return err
				}
				code = string(src)
			}
			mode := domain.SimulateInvestec
			if local {
				mode = domain.SimulateLocal
			}
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				source := file
				if file == "" {
					st, err := svc.CardCode(cmd.Context(), card.Key)
					if err != nil {
						return err
					}
					code, source = st.Saved.Code, "the saved code (version "+st.Saved.CodeID+")"
				}
				res, err := svc.SimulateCard(cmd.Context(), card.Key, domain.SimulationRequest{
					Mode: mode, Code: code, Amount: amount, CurrencyCode: currency, MerchantCode: mcc,
					MerchantName: merchant, MerchantCity: city, CountryCode: country,
				})
				if err != nil {
					return invalidInput(err, simulateFlagNames, nil)
				}
				if asJSON {
					return writeJSON(env.Stdout, res)
				}
				return printSimulation(env.Stdout, card, source, res)
			})
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&local, "local", false, "run in the offline emulator instead of on Investec")
	fl.StringVar(&amount, "amount", "", "amount in the currency's main unit, e.g. 123.45 rands")
	fl.StringVar(&merchant, "merchant", "", "merchant name")
	fl.StringVar(&mcc, "mcc", "5999", "merchant category code")
	fl.StringVar(&city, "city", "Johannesburg", "merchant city")
	fl.StringVar(&country, "country", "ZA", "merchant country (two-letter code)")
	fl.StringVar(&currency, "currency", "zar", "currency code")
	fl.StringVar(&file, "file", "", "run this code instead of the card's saved code (- reads stdin)")
	fl.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

// simulateFlagNames maps the simulation's field names to the simulate
// command's flags.
var simulateFlagNames = map[string]string{"amount": "--amount", "merchantCode": "--mcc", "merchantName": "--merchant",
	"countryCode": "--country", "currencyCode": "--currency", "code": "the code"}

// printSimulation writes a simulation result, saying plainly where it ran.
func printSimulation(w io.Writer, card domain.Card, source string, res domain.SimulationResult) error {
	where := "ON INVESTEC (Investec's simulator; the run is in the card's execution log at Investec)"
	if res.Mode == domain.SimulateLocal {
		where = "LOCALLY (this app's offline emulator; nothing was sent to Investec)"
	}
	verdict := "APPROVED"
	if !res.Approved {
		verdict = "DECLINED"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Ran %s\n", where)
	fmt.Fprintf(&b, "Code: %s, on %s\n", source, cardName(card))
	fmt.Fprintf(&b, "Transaction: %d minor units\n", res.CentsAmount.Cents())
	fmt.Fprintf(&b, "Result: %s\n", verdict)
	for _, e := range res.Executions {
		fmt.Fprintf(&b, "\n%s", e.Type)
		if e.Approved != nil {
			if *e.Approved {
				b.WriteString(": approved")
			} else {
				b.WriteString(": declined")
			}
		}
		b.WriteString("\n")
		if len(e.Logs) == 0 {
			b.WriteString("  (no log lines)\n")
		}
		for _, l := range e.Logs {
			fmt.Fprintf(&b, "  %s %-5s %s\n", l.CreatedAt, l.Level, l.Content)
		}
		if e.Error != "" {
			fmt.Fprintf(&b, "  error: %s\n", e.Error)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func newCardLogsCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "logs CARDKEY [--json]",
		Short: "Show the card's execution log: real, Investec-simulated and local runs",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				log, err := svc.CardExecutions(cmd.Context(), card.Key)
				if err != nil {
					return err
				}
				if log.BankMessage != "" {
					fmt.Fprintln(env.Stderr, log.BankMessage)
				}
				if asJSON {
					return writeJSON(env.Stdout, log)
				}
				return printExecutions(env.Stdout, log)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func printExecutions(w io.Writer, log domain.CardExecutionLog) error {
	if len(log.Executions) == 0 {
		_, err := fmt.Fprintln(w, "No executions.")
		return err
	}
	var b strings.Builder
	for _, e := range log.Executions {
		result := ""
		if e.Approved != nil {
			result = " declined"
			if *e.Approved {
				result = " approved"
			}
		}
		at := e.CreatedAt
		if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
			at = t.Local().Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(&b, "%s  %-9s %s%s", at, e.Source, e.Type, result)
		if e.Transaction != nil {
			fmt.Fprintf(&b, "  -> transaction %d: %s %s R%s", e.Transaction.TransactionID, e.Transaction.TransactionDate,
				e.Transaction.Description, e.Transaction.Amount.String())
		}
		b.WriteString("\n")
		for _, l := range e.Logs {
			fmt.Fprintf(&b, "    %-5s %s\n", l.Level, l.Content)
		}
		if e.Error != "" {
			fmt.Fprintf(&b, "    error: %s\n", e.Error)
		}
	}
	fmt.Fprintf(&b, "%d execution(s); %d real one(s) linked to cached transactions.\n", len(log.Executions), log.Linked)
	_, err := io.WriteString(w, b.String())
	return err
}

func newCardToggleCmd(env Env, g *Globals) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:       "toggle CARDKEY on|off [--yes]",
		Short:     "Switch the card's programmable feature on or off",
		Args:      cobra.ExactArgs(2),
		ValidArgs: []string{"on", "off"},
		RunE: func(cmd *cobra.Command, args []string) error {
			var on bool
			switch strings.ToLower(args[1]) {
			case "on":
				on = true
			case "off":
			default:
				return usageError("say on or off, not %q", args[1])
			}
			if err := canConfirm(env, yes); err != nil {
				return err
			}
			return withCard(cmd.Context(), env, g, args[0], func(svc *core.Service, card domain.Card) error {
				what := "off: its code will no longer run on transactions"
				if on {
					what = "on: its published code will run on every transaction"
				}
				if err := confirm(env, yes, fmt.Sprintf("Switch the programmable feature of %s %s?", cardName(card), what)); err != nil {
					return err
				}
				state, err := svc.SetCardProgrammable(cmd.Context(), card.Key, on)
				if err != nil {
					return err
				}
				now := "off"
				if state {
					now = "on"
				}
				fmt.Fprintf(env.Stdout, "The programmable feature of %s is %s.\n", cardName(card), now)
				if state != on {
					return &exitError{code: 1, err: fmt.Errorf("investec reports the feature %s, not %s", now, args[1])}
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask for confirmation")
	return cmd
}

// withCard runs fn with the service and the card that ref names (its key,
// or the last four digits of its number when those are unique).
func withCard(ctx context.Context, env Env, g *Globals, ref string, fn func(*core.Service, domain.Card) error) error {
	return withService(ctx, env, g, nil, func(svc *core.Service) error {
		card, err := svc.ResolveCard(ctx, ref)
		if err != nil {
			return err
		}
		return fn(svc, card)
	})
}
