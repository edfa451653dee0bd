package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
)

func init() {
	registry = append(registry, newSyncCmd, newAccountsCmd, newTransactionsCmd)
}

func newSyncCmd(env Env, g *Globals) *cobra.Command {
	return &cobra.Command{
		Use:   "sync",
		Short: "Fetch new transactions, balances, beneficiaries and document lists into the cache",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bar := newProgress(env)
			return withService(cmd.Context(), env, g, core.EmitterFunc(bar.event), func(svc *core.Service) error {
				run, err := svc.Sync(cmd.Context(), core.TriggerCLI)
				bar.end()
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Synced %d account(s): %d transaction(s) fetched, %d added, %d removed.\n",
					run.Accounts-run.Failed, run.Fetched, run.Added, run.Removed)
				if run.Failed > 0 {
					return &exitError{code: 1, err: fmt.Errorf("%d of %d accounts failed: %s", run.Failed, run.Accounts, run.ErrorMessage)}
				}
				return nil
			})
		},
	}
}

// progress prints sync progress on stderr: a bar redrawn in place on a
// terminal, one line per finished account otherwise. The bar never moves
// back: the phases after the last account (beneficiaries, the end of the
// run) keep it full.
type progress struct {
	statusLine
	count int // accounts in this run, once known
	done  int // accounts finished so far
}

func newProgress(env Env) *progress { return &progress{statusLine: newStatusLine(env)} }

func (p *progress) event(name string, payload any) {
	ev, ok := payload.(domain.SyncProgress)
	if name != domain.EventSyncProgress || !ok {
		return
	}
	if !p.tty {
		switch ev.Phase {
		case domain.PhaseAccountDone:
			fmt.Fprintf(p.w, "synced %s (%d/%d)\n", ev.AccountName, ev.AccountIndex, ev.AccountCount)
		case domain.PhaseAccountError:
			fmt.Fprintf(p.w, "failed %s (%d/%d): %s\n", ev.AccountName, ev.AccountIndex, ev.AccountCount, ev.Message)
		case domain.PhaseWaiting:
			fmt.Fprintf(p.w, "waiting: %s\n", ev.Message)
		}
		return
	}
	const width = 24
	if ev.AccountCount > 0 {
		p.count = ev.AccountCount
	}
	switch {
	case ev.Phase == domain.PhaseAccountDone || ev.Phase == domain.PhaseAccountError:
		p.done = max(p.done, ev.AccountIndex)
	case ev.AccountIndex == 0 && p.count > 0 && (ev.Phase == domain.PhaseBeneficiaries || ev.Phase == domain.PhaseFinished):
		p.done = p.count // every account has had its turn
	}
	filled := 0
	if p.count > 0 {
		filled = width * min(p.done, p.count) / p.count
	}
	what := strings.TrimSpace(ev.AccountName + " " + ev.WindowFrom + " " + ev.WindowTo)
	if ev.AccountIndex == 0 {
		what = string(ev.Phase)
	}
	p.draw(fmt.Sprintf("[%s%s] %d/%d %s, %d fetched",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.done, p.count, what, ev.Fetched))
}

func newAccountsCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "accounts",
		Short: "List the cached accounts and balances (works offline)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				accounts, err := svc.Accounts(cmd.Context())
				if err != nil {
					return err
				}
				if asJSON {
					out := make([]accountJSON, 0, len(accounts))
					for _, a := range accounts {
						out = append(out, toAccountJSON(a))
					}
					if err := writeJSON(env.Stdout, out); err != nil {
						return err
					}
					return printLastSync(cmd.Context(), env, svc)
				}
				if len(accounts) == 0 {
					fmt.Fprintln(env.Stdout, "No accounts are cached yet. Run: investec-desk sync")
					return nil
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintln(tw, "NUMBER\tNAME\tPRODUCT\tCURRENT\tAVAILABLE\tSYNCED\t")
				for _, a := range accounts {
					cur, avail := "-", "-"
					if a.Balance != nil {
						cur, avail = a.Balance.Current.String(), a.Balance.Available.String()
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", a.Number, a.Name, a.ProductName, cur, avail, ago(a.LastSyncedAt, time.Now()))
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				return printLastSync(cmd.Context(), env, svc)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON (amounts as decimal strings)")
	return cmd
}

// printLastSync tells, on stderr, how fresh the cached data is.
func printLastSync(ctx context.Context, env Env, svc *core.Service) error {
	st, err := svc.Status(ctx)
	if err != nil {
		return err
	}
	if st.LastSyncedAt == "" {
		fmt.Fprintln(env.Stderr, "Never synced. Run: investec-desk sync")
		return nil
	}
	fmt.Fprintf(env.Stderr, "Data from the cache, last synced %s.\n", ago(st.LastSyncedAt, time.Now()))
	return nil
}

// ago renders an RFC 3339 time as "2 h ago".
func ago(rfc3339 string, now time.Time) string {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	default:
		return fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
}

type accountJSON struct {
	AccountID        string `json:"accountId"`
	AccountNumber    string `json:"accountNumber"`
	AccountName      string `json:"accountName"`
	ReferenceName    string `json:"referenceName"`
	ProductName      string `json:"productName"`
	ProfileID        string `json:"profileId"`
	ProfileName      string `json:"profileName"`
	Kind             string `json:"kind"`
	CurrentBalance   string `json:"currentBalance,omitempty"`
	AvailableBalance string `json:"availableBalance,omitempty"`
	Currency         string `json:"currency,omitempty"`
	BalanceFetchedAt string `json:"balanceFetchedAt,omitempty"`
	LastSyncedAt     string `json:"lastSyncedAt"`
}

func toAccountJSON(a domain.Account) accountJSON {
	j := accountJSON{
		AccountID: a.ID, AccountNumber: a.Number, AccountName: a.Name, ReferenceName: a.ReferenceName,
		ProductName: a.ProductName, ProfileID: a.ProfileID, ProfileName: a.ProfileName, Kind: string(a.Kind),
		LastSyncedAt: a.LastSyncedAt,
	}
	if b := a.Balance; b != nil {
		j.CurrentBalance, j.AvailableBalance, j.Currency, j.BalanceFetchedAt = b.Current.String(), b.Available.String(), b.Currency, b.FetchedAt
	}
	return j
}

// transactionJSON mirrors the API's field names, with amounts as exact
// decimal strings, plus the user's annotation.
type transactionJSON struct {
	AccountID       string  `json:"accountId"`
	Type            string  `json:"type"`
	TransactionType string  `json:"transactionType"`
	Status          string  `json:"status"`
	Description     string  `json:"description"`
	CardNumber      string  `json:"cardNumber"`
	PostedOrder     int64   `json:"postedOrder"`
	PostingDate     string  `json:"postingDate"`
	ValueDate       string  `json:"valueDate"`
	ActionDate      string  `json:"actionDate"`
	TransactionDate string  `json:"transactionDate"`
	Amount          string  `json:"amount"`
	RunningBalance  *string `json:"runningBalance"`
	UUID            string  `json:"uuid,omitempty"`
	Category        string  `json:"category"`
	Note            string  `json:"note"`
}

func toTransactionJSON(t domain.Transaction) transactionJSON {
	j := transactionJSON{
		AccountID: t.AccountID, Type: string(t.Type), TransactionType: t.TransactionType, Status: string(t.Status),
		Description: t.Description, CardNumber: t.CardNumber, PostedOrder: t.PostedOrder, PostingDate: t.PostingDate,
		ValueDate: t.ValueDate, ActionDate: t.ActionDate, TransactionDate: t.TransactionDate, Amount: t.Amount.String(),
		UUID: t.UUID, Category: t.Category, Note: t.Note,
	}
	if t.RunningBalance != nil {
		s := t.RunningBalance.String()
		j.RunningBalance = &s
	}
	return j
}

func newTransactionsCmd(env Env, g *Globals) *cobra.Command {
	var (
		account, from, to, search, status string
		asJSON                            bool
	)
	cmd := &cobra.Command{
		Use:   "transactions",
		Short: "List cached transactions (works offline)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := domain.TransactionFilter{FromDate: from, ToDate: to, Search: search, Sort: domain.SortDate}
			switch status {
			case "posted", "pending", "all":
				f.Status = domain.StatusFilter(status)
			default:
				return usageError("--status must be posted, pending or all")
			}
			if err := checkDates(from, to); err != nil {
				return err
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				if account != "" {
					id, err := resolveAccount(cmd.Context(), svc, account)
					if err != nil {
						return err
					}
					f.AccountIDs = []string{id}
				}
				if asJSON {
					if err := writeTransactionsJSON(env.Stdout, svc.AllTransactions(cmd.Context(), f)); err != nil {
						return err
					}
					return printLastSync(cmd.Context(), env, svc)
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "DATE\tDESCRIPTION\tTYPE\tAMOUNT\tBALANCE\tSTATUS\tCATEGORY")
				n := 0
				for t, err := range svc.AllTransactions(cmd.Context(), f) {
					if err != nil {
						return err
					}
					date, bal := t.PostingDate, ""
					if date == "" {
						date = t.TransactionDate
					}
					if t.RunningBalance != nil {
						bal = t.RunningBalance.String()
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", date, t.Description, t.TransactionType,
						t.SignedAmount.String(), bal, strings.ToLower(string(t.Status)), t.Category)
					n++
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "%d transaction(s).\n", n)
				return printLastSync(cmd.Context(), env, svc)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&account, "account", "", "account ID or number")
	fl.StringVar(&from, "from", "", "first date, YYYY-MM-DD")
	fl.StringVar(&to, "to", "", "last date, YYYY-MM-DD")
	fl.StringVar(&search, "search", "", "words to find in descriptions")
	fl.StringVar(&status, "status", "all", "posted, pending or all")
	fl.BoolVar(&asJSON, "json", false, "print as JSON (the API's field names; amounts as decimal strings)")
	return cmd
}

// writeTransactionsJSON streams a JSON array so a large cache never has to
// fit in memory.
func writeTransactionsJSON(w io.Writer, rows func(func(domain.Transaction, error) bool)) error {
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	first := true
	for t, err := range rows {
		if err != nil {
			return err
		}
		sep := ",\n  "
		if first {
			sep, first = "\n  ", false
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		if err := writeCompactJSON(w, toTransactionJSON(t)); err != nil {
			return err
		}
	}
	end := "\n]\n"
	if first {
		end = "]\n"
	}
	_, err := io.WriteString(w, end)
	return err
}

// resolveAccount accepts an account ID or number and returns the ID.
func resolveAccount(ctx context.Context, svc *core.Service, s string) (string, error) {
	accounts, err := svc.Accounts(ctx)
	if err != nil {
		return "", err
	}
	for _, a := range accounts {
		if a.ID == s || a.Number == s {
			return a.ID, nil
		}
	}
	return "", domain.Errorf(domain.CodeNotFound, "No cached account has the ID or number %q. Run: investec-desk accounts", s)
}
