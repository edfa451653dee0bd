package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/payments"
)

func init() {
	registry = append(registry, newTransferCmd, newPayCmd, newPaymentsCmd)
}

// exitUnknownOutcome is the exit status when a transfer or payment may or
// may not have been made: check the transactions before trying again.
const exitUnknownOutcome = 3

// moveFlags are the flags transfer and pay share.
type moveFlags struct {
	from, amount, myRef, theirRef string
	yes, allowDuplicate, noSync   bool
}

func (m *moveFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&m.from, "from", "", "the account the money comes from (ID or account number)")
	fl.StringVar(&m.amount, "amount", "", "amount in rands, e.g. 10.12 (a point for cents; no commas)")
	fl.StringVar(&m.myRef, "my-ref", "", fmt.Sprintf("reference on your statement (at most %d characters)", payments.MaxMyReference))
	fl.StringVar(&m.theirRef, "their-ref", "", fmt.Sprintf("reference on the recipient's statement (at most %d characters)", payments.MaxTheirReference))
	fl.BoolVar(&m.yes, "yes", false, "send without asking (needed when there is no terminal to confirm on)")
	fl.BoolVar(&m.allowDuplicate, "allow-duplicate", false, "send even if an identical one was sent in the last 10 minutes")
	fl.BoolVar(&m.noSync, "no-sync", false, "do not sync afterwards")
}

// require checks the shared required flags and that the person can confirm.
func (m *moveFlags) require(env Env, extra ...[2]string) error {
	flags := append(append([][2]string{{"--from", m.from}}, extra...), [][2]string{{"--amount", m.amount}, {"--my-ref", m.myRef}, {"--their-ref", m.theirRef}}...)
	for _, f := range flags {
		if strings.TrimSpace(f[1]) == "" {
			return usageError("%s is required", f[0])
		}
	}
	if !m.yes && !interactive(env) {
		return usageError("refusing to move money without a terminal to confirm on: run it in a terminal, or pass --yes to send without asking")
	}
	return nil
}

// payFlagNames maps the core's field names to this command's flags, so a
// problem is reported against the flag the person typed.
var payFlagNames = map[string]string{
	"fromAccountId": "--from", "toAccountId": "--to", "amount": "--amount", "total": "--amount",
	"myReference": "--my-ref", "theirReference": "--their-ref",
	"lines[0].beneficiaryId": "--beneficiary", "lines[0].amount": "--amount", "lines[0].myReference": "--my-ref",
	"lines[0].theirReference": "--their-ref", "lines[0].fasterPayment": "--faster",
	"authoriserAId": "--authoriser-a", "authoriserBId": "--authoriser-b", "authPeriodId": "--auth-period",
}

// invalidInput turns a validation error into one usage line naming, for
// each problem, the flag its field comes from (flags maps field names to
// flags; a field not in it keeps its name) and adding extra's note on the
// field, if any. Any other error is returned as it is.
func invalidInput(err error, flags, extra map[string]string) error {
	p := domain.Payload(err)
	if p.Code != domain.CodeInvalid || len(p.Fields) == 0 {
		return err
	}
	parts := make([]string, 0, len(p.Fields))
	for _, f := range p.Fields {
		name := flags[f.Field]
		if name == "" {
			name = f.Field
		}
		msg := f.Message
		if more := extra[f.Field]; more != "" {
			msg = strings.TrimSuffix(msg, ".") + " " + more
		}
		parts = append(parts, name+": "+msg)
	}
	return usageError("%s", strings.Join(parts, "; "))
}

// ensureAccounts syncs first when nothing is cached yet, so a first headless
// transfer can find the accounts.
func ensureAccounts(ctx context.Context, env Env, svc *core.Service) error {
	accounts, err := svc.Accounts(ctx)
	if err != nil || len(accounts) > 0 {
		return err
	}
	fmt.Fprintln(env.Stderr, "No accounts are cached yet; syncing first.")
	_, err = svc.Sync(ctx, core.TriggerCLI)
	return err
}

func newTransferCmd(env Env, g *Globals) *cobra.Command {
	var m moveFlags
	var to string
	cmd := &cobra.Command{
		Use:   "transfer --from ACCOUNT --to ACCOUNT --amount 10.12 --my-ref TEXT --their-ref TEXT",
		Short: "Move money between your own accounts (shows a review and asks before sending)",
		Long: "Move money between two of your own Investec accounts. ACCOUNT is an account ID or number.\n" +
			"The transfer is checked and shown in full; on a terminal you confirm by typing the amount again\n" +
			"or CONFIRM. Without a terminal it is refused unless --yes is given. It is sent once and never\n" +
			"retried: if the outcome is unknown (exit status 3), check your transactions before trying again.\n" +
			"References: " + payments.ReferenceCharacters + ".",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := m.require(env, [2]string{"--to", to}); err != nil {
				return err
			}
			ctx := cmd.Context()
			return withService(ctx, env, g, nil, func(svc *core.Service) error {
				if err := ensureAccounts(ctx, env, svc); err != nil {
					return err
				}
				r, err := svc.ReviewTransfer(ctx, domain.TransferForm{FromAccountID: m.from, ToAccountID: to, Amount: m.amount,
					MyReference: m.myRef, TheirReference: m.theirRef})
				if err != nil {
					return invalidInput(err, payFlagNames, nil)
				}
				return confirmAndSend(ctx, env, svc, &m, r)
			})
		},
	}
	m.register(cmd)
	cmd.Flags().StringVar(&to, "to", "", "the account the money goes to (ID or account number)")
	return cmd
}

func newPayCmd(env Env, g *Globals) *cobra.Command {
	var m moveFlags
	var beneficiary, authA, authB, period string
	var faster bool
	cmd := &cobra.Command{
		Use:   "pay --from ACCOUNT --beneficiary ID --amount 10.12 --my-ref TEXT --their-ref TEXT [--faster]",
		Short: "Pay a beneficiary (shows a review and asks before sending)",
		Long: "Pay one beneficiary created in Investec Online. ACCOUNT is an account ID or number; the\n" +
			"beneficiary is its ID or its exact name. Accounts with dual authorisation also need\n" +
			"--authoriser-a, --authoriser-b and --auth-period (the choices are listed if they are missing).\n" +
			"The payment is shown in full; on a terminal you confirm by typing the amount again or CONFIRM.\n" +
			"Without a terminal it is refused unless --yes is given. It is sent once and never retried: if\n" +
			"the outcome is unknown (exit status 3), check your transactions before trying again.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := m.require(env, [2]string{"--beneficiary", beneficiary}); err != nil {
				return err
			}
			ctx := cmd.Context()
			return withService(ctx, env, g, nil, func(svc *core.Service) error {
				if err := ensureAccounts(ctx, env, svc); err != nil {
					return err
				}
				setup, err := svc.PayAccount(ctx, m.from)
				if err != nil {
					return invalidInput(err, payFlagNames, nil)
				}
				id, err := resolveBeneficiary(setup.Beneficiaries, beneficiary)
				if err != nil {
					return err
				}
				r, err := svc.ReviewPayment(ctx, domain.PaymentForm{FromAccountID: m.from, AuthoriserAID: authA, AuthoriserBID: authB,
					AuthPeriodID: period, Lines: []domain.PaymentLineForm{{BeneficiaryID: id, Amount: m.amount,
						MyReference: m.myRef, TheirReference: m.theirRef, FasterPayment: faster}}})
				if err != nil {
					return invalidInput(err, payFlagNames, authorisationChoices(setup.Authorisation))
				}
				return confirmAndSend(ctx, env, svc, &m, r)
			})
		},
	}
	m.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&beneficiary, "beneficiary", "", "the beneficiary's ID (or exact name)")
	fl.BoolVar(&faster, "faster", false, "faster payment (only where the beneficiary allows it)")
	fl.StringVar(&authA, "authoriser-a", "", "first authoriser's ID (accounts with dual authorisation)")
	fl.StringVar(&authB, "authoriser-b", "", "second authoriser's ID (accounts with dual authorisation)")
	fl.StringVar(&period, "auth-period", "", "authorisation period ID (accounts with dual authorisation)")
	return cmd
}

// resolveBeneficiary finds a beneficiary by ID, or by a unique exact name.
func resolveBeneficiary(list []domain.Beneficiary, s string) (string, error) {
	s = strings.TrimSpace(s)
	var byName []domain.Beneficiary
	for _, b := range list {
		if b.ID == s {
			return b.ID, nil
		}
		if strings.EqualFold(b.Name, s) || strings.EqualFold(b.BeneficiaryName, s) {
			byName = append(byName, b)
		}
	}
	switch len(byName) {
	case 1:
		return byName[0].ID, nil
	case 0:
		return "", usageError("--beneficiary: no beneficiary of this account has the ID or name %q; list them in the app or with the beneficiary ID from Investec Online", s)
	}
	return "", usageError("--beneficiary: %d beneficiaries are called %q; use the ID", len(byName), s)
}

// authorisationChoices lists, per authorisation field, the IDs to choose
// from.
func authorisationChoices(a *domain.PayAuthorisation) map[string]string {
	if a == nil {
		return nil
	}
	list := func(cs []domain.PayChoice) string {
		parts := make([]string, 0, len(cs))
		for _, c := range cs {
			parts = append(parts, c.ID+" ("+c.Name+")")
		}
		return "(one of: " + strings.Join(parts, ", ") + ")"
	}
	return map[string]string{"authoriserAId": list(a.AuthorisersA), "authoriserBId": list(a.AuthorisersB), "authPeriodId": list(a.Periods)}
}

// confirmAndSend prints the review, gets the person's confirmation (or
// --yes), sends the one batch and prints the outcome; after a transfer or
// payment that moved money it syncs.
func confirmAndSend(ctx context.Context, env Env, svc *core.Service, m *moveFlags, r domain.PayReview) error {
	printReview(env.Stdout, r)
	b := r.Batches[0]
	typed := payments.ConfirmWord
	ack := false
	in := bufio.NewReader(env.Stdin)
	if b.Duplicate != nil {
		fmt.Fprintf(env.Stdout, "Already sent: %s\n", b.Duplicate.Message)
		switch {
		case m.allowDuplicate:
			ack = true
		case m.yes:
			return usageError("an identical %s was sent %s; nothing was sent (pass --allow-duplicate to send it again)", kindName(r.Kind), minutesAgo(b.Duplicate.MinutesAgo))
		}
	}
	if !m.yes {
		fmt.Fprintf(env.Stderr, "Type the amount again (%s) or %s to send; anything else cancels: ", b.Total, payments.ConfirmWord)
		line, err := readLine(in)
		if err != nil {
			return err
		}
		if !payments.ConfirmationMatches(line, b.Total) {
			return &exitError{code: 1, err: errors.New("cancelled: nothing was sent")}
		}
		typed = line
		if b.Duplicate != nil && !ack {
			fmt.Fprintf(env.Stderr, "This is the second time. Type %s again to send it anyway; anything else cancels: ", payments.ConfirmWord)
			line, err := readLine(in)
			if err != nil {
				return err
			}
			if !strings.EqualFold(strings.TrimSpace(line), payments.ConfirmWord) {
				return &exitError{code: 1, err: errors.New("cancelled: nothing was sent")}
			}
			ack = true
		}
	}
	a, err := svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: b.AttemptID, Typed: typed, AcknowledgeDuplicate: ack})
	if err != nil {
		return err
	}
	printOutcome(env.Stdout, a)
	switch a.Status {
	case domain.PaySucceeded, domain.PayPartial:
		if !m.noSync {
			fmt.Fprintln(env.Stderr, "Syncing so it shows in your transactions and balances…")
			if _, err := svc.SyncAfterPayment(ctx); err != nil {
				fmt.Fprintf(env.Stderr, "The sync after the %s failed (%s); run: investec-desk sync\n", kindName(a.Kind), domain.ErrorMessage(err))
			}
		}
		if a.Status == domain.PayPartial {
			return &exitError{code: 1, err: errors.New(a.ErrorMessage)}
		}
		return nil
	case domain.PayUnknown, domain.PaySending:
		return &exitError{code: exitUnknownOutcome, err: errors.New("the outcome is unknown: check your transactions before trying again; it will not be sent again automatically")}
	}
	return &exitError{code: 1, err: errors.New(a.ErrorMessage)}
}

// minutesAgo says how long ago, in words, something was m minutes ago.
func minutesAgo(m int) string {
	switch {
	case m <= 0:
		return "less than a minute ago"
	case m == 1:
		return "1 minute ago"
	}
	return fmt.Sprintf("%d minutes ago", m)
}

// readLine reads one line of the answer; the end of input is a cancel.
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the confirmation: %w", err)
	}
	return strings.TrimSpace(line), nil
}

func kindName(k domain.PayKind) string {
	if k == domain.PayTransfer {
		return "transfer"
	}
	return "payment"
}

// kindTitle is kindName with a capital letter, to start a line.
func kindTitle(k domain.PayKind) string {
	name := kindName(k)
	return strings.ToUpper(name[:1]) + name[1:]
}

func rands(m domain.Money) string { return "R" + m.String() }

// printReview prints exactly what will be sent.
func printReview(w io.Writer, r domain.PayReview) {
	fmt.Fprintf(w, "Review — nothing has been sent yet.\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	from := fmt.Sprintf("%s · %s (%s)", r.From.Name, r.From.Number, r.From.ProductName)
	if r.From.Available != nil {
		from += ", available " + rands(*r.From.Available)
	}
	fmt.Fprintf(tw, "  %s\t%s\n", kindTitle(r.Kind), rands(r.Total))
	fmt.Fprintf(tw, "  From\t%s\n", from)
	for _, b := range r.Batches {
		for _, l := range b.Lines {
			to := l.TargetName + " · " + l.TargetNumber
			if r.Kind == domain.PayPayment {
				to = fmt.Sprintf("%s · %s %s", l.TargetName, l.TargetBank, l.TargetNumber)
			}
			fmt.Fprintf(tw, "  To\t%s\n", to)
			if len(r.Batches) > 1 || len(b.Lines) > 1 {
				fmt.Fprintf(tw, "  Amount\t%s\n", rands(l.Amount))
			}
			fmt.Fprintf(tw, "  My reference\t%s\n", l.MyReference)
			fmt.Fprintf(tw, "  Their reference\t%s\n", l.TheirReference)
			if r.Kind == domain.PayPayment {
				fmt.Fprintf(tw, "  Faster payment\t%s\n", yesNo(l.FasterPayment))
			}
		}
	}
	if a := r.Authorisers; a != nil {
		fmt.Fprintf(tw, "  Authoriser A\t%s\n", a.AuthoriserA.Name)
		fmt.Fprintf(tw, "  Authoriser B\t%s\n", a.AuthoriserB.Name)
		fmt.Fprintf(tw, "  Authorisation period\t%s\n", a.Period.Name)
	}
	fmt.Fprintf(tw, "  Daily limit\t%s used of %s today\n", rands(r.Limits.UsedToday), rands(r.Limits.DailyLimit))
	_ = tw.Flush()
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "Warning: %s\n", warn.Message)
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// printOutcome prints what the bank answered.
func printOutcome(w io.Writer, a domain.PayAttempt) {
	fmt.Fprintf(w, "%s: %s\n", kindTitle(a.Kind), a.StatusText)
	for _, l := range a.Lines {
		if l.PaymentReference != "" {
			fmt.Fprintf(w, "  Reference %s, payment date %s\n", l.PaymentReference, l.PaymentDate)
		}
		for _, s := range l.BankStatus {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if a.ErrorMessage != "" {
		fmt.Fprintf(w, "  %s\n", a.ErrorMessage)
	}
}

// paymentJSON is one journal entry with amounts as exact decimal strings.
type paymentJSON struct {
	ID           string            `json:"id"`
	Kind         string            `json:"kind"`
	Status       string            `json:"status"`
	StatusText   string            `json:"statusText"`
	Batch        string            `json:"batch"`
	FromID       string            `json:"fromAccountId"`
	FromNumber   string            `json:"fromAccountNumber"`
	FromName     string            `json:"fromAccountName"`
	Total        string            `json:"total"`
	Lines        []paymentLineJSON `json:"lines"`
	ErrorCode    string            `json:"errorCode,omitempty"`
	ErrorMessage string            `json:"errorMessage,omitempty"`
	BankMessage  string            `json:"bankMessage,omitempty"`
	ReviewedAt   string            `json:"reviewedAt"`
	SentAt       string            `json:"sentAt"`
	FinishedAt   string            `json:"finishedAt,omitempty"`
	MatchedAt    string            `json:"matchedAt,omitempty"`
}

type paymentLineJSON struct {
	To                    string   `json:"to"`
	ToName                string   `json:"toName"`
	ToNumber              string   `json:"toNumber"`
	Amount                string   `json:"amount"`
	MyReference           string   `json:"myReference"`
	TheirReference        string   `json:"theirReference"`
	FasterPayment         bool     `json:"fasterPayment"`
	PaymentReference      string   `json:"paymentReference,omitempty"`
	PaymentDate           string   `json:"paymentDate,omitempty"`
	BankStatus            []string `json:"bankStatus"`
	AuthorisationRequired bool     `json:"authorisationRequired"`
	MatchedTransaction    string   `json:"matchedTransaction,omitempty"`
}

func toPaymentJSON(a domain.PayAttempt) paymentJSON {
	j := paymentJSON{ID: a.ID, Kind: string(a.Kind), Status: string(a.Status), StatusText: a.StatusText,
		Batch: fmt.Sprintf("%d/%d", a.BatchIndex, a.BatchCount), FromID: a.From.ID, FromNumber: a.From.Number,
		FromName: a.From.Name, Total: a.Total.String(), ErrorCode: string(a.ErrorCode), ErrorMessage: a.ErrorMessage,
		BankMessage: a.BankMessage, ReviewedAt: a.ReviewedAt, SentAt: a.SentAt, FinishedAt: a.FinishedAt, MatchedAt: a.MatchedAt,
		Lines: []paymentLineJSON{}}
	for _, l := range a.Lines {
		lj := paymentLineJSON{To: l.TargetID, ToName: l.TargetName, ToNumber: l.TargetNumber, Amount: l.Amount.String(),
			MyReference: l.MyReference, TheirReference: l.TheirReference, FasterPayment: l.FasterPayment,
			PaymentReference: l.PaymentReference, PaymentDate: l.PaymentDate, BankStatus: l.BankStatus,
			AuthorisationRequired: l.AuthorisationRequired}
		if lj.BankStatus == nil {
			lj.BankStatus = []string{}
		}
		if m := l.Match; m != nil {
			lj.MatchedTransaction = fmt.Sprintf("%s %s %s", m.PostingDate, m.Description, m.Amount)
		}
		j.Lines = append(j.Lines, lj)
	}
	return j
}

func newPaymentsCmd(env Env, g *Globals) *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "payments",
		Short: "Print the journal of transfers and payments (works offline)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 0 {
				return usageError("--limit must not be negative")
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				list, err := svc.PayJournal(cmd.Context(), limit)
				if err != nil {
					return err
				}
				if asJSON {
					out := make([]paymentJSON, 0, len(list))
					for _, a := range list {
						out = append(out, toPaymentJSON(a))
					}
					return writeJSON(env.Stdout, out)
				}
				if len(list) == 0 {
					fmt.Fprintln(env.Stdout, "No transfers or payments have been sent from this app yet.")
					return nil
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "SENT\tKIND\tFROM\tTO\tAMOUNT\tSTATUS\tREFERENCE")
				for _, a := range list {
					to := a.Lines[0].TargetName
					if len(a.Lines) > 1 {
						to = fmt.Sprintf("%d beneficiaries", len(a.Lines))
					}
					ref := orDash(a.Lines[0].PaymentReference)
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.SentAt, kindName(a.Kind), a.From.Name, to, a.Total, a.StatusText, ref)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON (amounts as decimal strings)")
	cmd.Flags().IntVar(&limit, "limit", 0, "at most this many entries, newest first (0: all)")
	return cmd
}
