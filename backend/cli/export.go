package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/export"
)

func init() {
	registry = append(registry, newExportCmd, newPackCmd, newDocumentsCmd)
}

// periodFlags are the ways a command can name a period.
type periodFlags struct {
	from, to    string
	taxYear     int
	month       string
	lastTaxYear bool
	lastMonth   bool
}

func (p *periodFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&p.from, "from", "", "first posting date, YYYY-MM-DD (with --to)")
	fl.StringVar(&p.to, "to", "", "last posting date, YYYY-MM-DD (with --from)")
	fl.IntVar(&p.taxYear, "tax-year", 0, "a South African tax year by the year it starts: 2025 is 1 March 2025 to the end of February 2026")
	fl.StringVar(&p.month, "month", "", "one calendar month, YYYY-MM")
	fl.BoolVar(&p.lastTaxYear, "last-tax-year", false, "the last complete tax year")
	fl.BoolVar(&p.lastMonth, "last-month", false, "the last complete calendar month")
}

// request turns the flags into a period request: exactly one way of naming
// a period must be used.
func (p *periodFlags) request() (domain.PeriodRequest, error) {
	var chosen []domain.PeriodRequest
	if p.from != "" || p.to != "" {
		if p.from == "" || p.to == "" {
			return domain.PeriodRequest{}, usageError("--from and --to go together")
		}
		if err := checkDateRange(p.from, p.to); err != nil {
			return domain.PeriodRequest{}, err
		}
		chosen = append(chosen, domain.PeriodRequest{Preset: domain.PresetCustom, From: p.from, To: p.to})
	}
	if p.taxYear != 0 {
		if p.taxYear < 1900 || p.taxYear > 9998 {
			return domain.PeriodRequest{}, usageError("--tax-year must be a year like 2025, not %d", p.taxYear)
		}
		chosen = append(chosen, domain.PeriodRequest{Preset: domain.PresetTaxYear, TaxYear: p.taxYear})
	}
	if p.month != "" {
		if _, err := time.Parse("2006-01", p.month); err != nil {
			return domain.PeriodRequest{}, usageError("--month must be a month like 2026-10, not %q", p.month)
		}
		chosen = append(chosen, domain.PeriodRequest{Preset: domain.PresetMonth, Month: p.month})
	}
	if p.lastTaxYear {
		chosen = append(chosen, domain.PeriodRequest{Preset: domain.PresetLastTaxYear})
	}
	if p.lastMonth {
		chosen = append(chosen, domain.PeriodRequest{Preset: domain.PresetLastMonth})
	}
	switch len(chosen) {
	case 0:
		return domain.PeriodRequest{}, usageError("choose a period: --from and --to, --tax-year, --month, --last-month or --last-tax-year")
	case 1:
		return chosen[0], nil
	default:
		return domain.PeriodRequest{}, usageError("choose one period: --from and --to, --tax-year, --month, --last-month or --last-tax-year")
	}
}

// resolveAccounts turns --account values (IDs or numbers) into IDs.
func resolveAccounts(ctx context.Context, svc *core.Service, values []string) ([]string, error) {
	var ids []string
	for _, v := range values {
		id, err := resolveAccount(ctx, svc, v)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

const periodHelp = `Periods are by posting date: --from and --to (inclusive), --month 2026-10,
--last-month, --tax-year 2025 or --last-tax-year. South African tax years run
from 1 March to the end of February: --tax-year 2025 is 1 March 2025 to
28 February 2026 (the "2025-26" tax year).`

func newExportCmd(env Env, g *Globals) *cobra.Command {
	var (
		pf       periodFlags
		out      string
		format   string
		accounts []string
		asJSON   bool
	)
	cmd := &cobra.Command{
		Use:   "export --out PATH (--from DATE --to DATE | --tax-year YYYY | --month YYYY-MM | ...)",
		Short: "Export cached transactions to an Excel workbook, CSV or OFX files (works offline)",
		Long: `Export the cached posted transactions of a period for an accountant.

  xlsx  one workbook: a Summary that reconciles every account, a sheet per
        account, pending transactions and categories (--out is the file)
  csv   one CSV file per account (--out is a folder; it is created)
  ofx   one OFX 1.0.2 statement per account (--out is a folder)

` + periodHelp + `

Nothing is written until the export is complete; an interrupted export leaves
no partial file. Progress goes to stderr. The exit status is 1 when an
account does not reconcile (the workbook is still written; its Summary
sheet shows the difference).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			req, err := pf.request()
			if err != nil {
				return err
			}
			f := domain.ExportFormat(strings.ToLower(format))
			switch f {
			case domain.FormatXLSX, domain.FormatCSV, domain.FormatOFX:
			default:
				return usageError("--format must be xlsx, csv or ofx, not %q (for everything at once: %s pack)", format, cmd.Root().Name())
			}
			if out == "" {
				return usageError("--out is required: the workbook file, or the folder for CSV or OFX files")
			}
			return runExport(cmd.Context(), env, g, accounts, domain.ExportRequest{Period: req, Format: f, Path: out}, asJSON)
		},
	}
	pf.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&out, "out", "", "where to write: the .xlsx file, or the folder for CSV and OFX files")
	fl.StringVar(&format, "format", "xlsx", "xlsx, csv or ofx")
	fl.StringArrayVar(&accounts, "account", nil, "account ID or number to export (repeat for several; default: all)")
	fl.BoolVar(&asJSON, "json", false, "print what was written as JSON (amounts as decimal strings)")
	return cmd
}

func newPackCmd(env Env, g *Globals) *cobra.Command {
	var (
		pf          periodFlags
		out         string
		accounts    []string
		noDocuments bool
		asJSON      bool
	)
	cmd := &cobra.Command{
		Use:   "pack --tax-year YYYY --out PATH",
		Short: "Make the accountant pack: workbook, CSV and OFX files, statements, tax certificates and a manifest",
		Long: `Make everything an accountant needs for a period in one folder or zip archive:
the Excel workbook, a CSV and an OFX file per account, every statement and tax
certificate Investec lists for the period (with the statement and tax
certificates issued in the month after it, which close it), and MANIFEST.txt
and manifest.json with each file's size and SHA-256 and each account's
reconciliation.

--tax-year 2025 is the 2025-26 tax year: 1 March 2025 to 28 February 2026.
` + periodHelp + `

--out ending in .zip makes a zip archive (an existing one is replaced);
otherwise a folder is made. An existing folder with files in it is never
written into: the pack is created inside it instead. Documents already
downloaded are taken from the local archive, so a pack can be made offline
once they are there. Nothing is left behind when the pack fails.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			req, err := pf.request()
			if err != nil {
				return err
			}
			if out == "" {
				return usageError("--out is required: a folder, or a file ending in .zip")
			}
			return runExport(cmd.Context(), env, g, accounts,
				domain.ExportRequest{Period: req, Format: domain.FormatPack, Path: out, NoDocuments: noDocuments}, asJSON)
		},
	}
	pf.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&out, "out", "", "the pack's folder, or a file ending in .zip")
	fl.StringArrayVar(&accounts, "account", nil, "account ID or number to include (repeat for several; default: all)")
	fl.BoolVar(&noDocuments, "no-documents", false, "leave out statements and tax certificates (an API key without the documents permission)")
	fl.BoolVar(&asJSON, "json", false, "print what was written as JSON (amounts as decimal strings)")
	return cmd
}

// runExport makes the export req describes, of the accounts the --account
// values name (all when there are none), with progress on stderr, and
// reports what it wrote.
func runExport(ctx context.Context, env Env, g *Globals, accounts []string, req domain.ExportRequest, asJSON bool) error {
	bar := newExportProgress(env)
	return withService(ctx, env, g, core.EmitterFunc(bar.event), func(svc *core.Service) error {
		ids, err := resolveAccounts(ctx, svc, accounts)
		if err != nil {
			return err
		}
		req.AccountIDs = ids
		res, err := svc.Export(ctx, req)
		bar.end()
		if err != nil {
			return err
		}
		return reportExport(env, res, asJSON)
	})
}

// exportProgress prints export progress on stderr: a line redrawn in place
// on a terminal, one line per file otherwise.
type exportProgress struct {
	statusLine
	file string
}

func newExportProgress(env Env) *exportProgress {
	return &exportProgress{statusLine: newStatusLine(env)}
}

func (p *exportProgress) event(name string, payload any) {
	ev, ok := payload.(domain.ExportProgress)
	if name != domain.EventExportProgress || !ok || ev.Phase == domain.ExportDone {
		return
	}
	if !p.tty {
		if ev.File != "" && ev.File != p.file {
			p.file = ev.File
			fmt.Fprintf(p.w, "%s: %s\n", ev.Phase, ev.File)
		}
		return
	}
	line := fmt.Sprintf("%s %s %d", ev.Phase, ev.File, ev.Rows)
	if ev.Total > 0 {
		line += "/" + strconv.FormatInt(ev.Total, 10)
	}
	p.draw(line)
}

// exportJSON is the --json form of an export's outcome, with amounts as
// exact decimal strings.
type exportJSON struct {
	Format       string                `json:"format"`
	Path         string                `json:"path"`
	Period       domain.Period         `json:"period"`
	Transactions int64                 `json:"transactions"`
	Files        []domain.ExportedFile `json:"files"`
	Accounts     []reconciliationJSON  `json:"accounts"`
}

type reconciliationJSON struct {
	AccountID      string    `json:"accountId"`
	AccountNumber  string    `json:"accountNumber"`
	AccountName    string    `json:"accountName"`
	Opening        string    `json:"opening"`
	In             string    `json:"in"`
	Out            string    `json:"out"`
	Closing        string    `json:"closing"`
	Transactions   int64     `json:"transactions"`
	Pending        int64     `json:"pending"`
	Arithmetic     checkJSON `json:"arithmetic"`
	RunningBalance checkJSON `json:"runningBalance"`
	OK             bool      `json:"ok"`
}

type checkJSON struct {
	Status     string `json:"status"`
	Difference string `json:"difference,omitempty"`
	Detail     string `json:"detail,omitempty"`
}

func toCheckJSON(c domain.ReconciliationCheck) checkJSON {
	j := checkJSON{Status: string(c.Status), Detail: c.Detail}
	if c.Difference != 0 {
		j.Difference = c.Difference.String()
	}
	return j
}

// reportExport prints what an export wrote and fails when an account does
// not reconcile.
func reportExport(env Env, res domain.ExportOutcome, asJSON bool) error {
	bad := 0
	for _, r := range res.Accounts {
		if !r.OK() {
			bad++
		}
	}
	if asJSON {
		j := exportJSON{Format: string(res.Format), Path: res.Path, Period: res.Period, Transactions: res.Transactions,
			Files: res.Files, Accounts: []reconciliationJSON{}}
		for _, r := range res.Accounts {
			j.Accounts = append(j.Accounts, reconciliationJSON{
				AccountID: r.AccountID, AccountNumber: r.AccountNumber, AccountName: r.AccountName,
				Opening: r.Opening.String(), In: r.In.String(), Out: r.Out.String(), Closing: r.Closing.String(),
				Transactions: r.Transactions, Pending: r.Pending,
				Arithmetic: toCheckJSON(r.Arithmetic), RunningBalance: toCheckJSON(r.RunningBalance), OK: r.OK(),
			})
		}
		if err := writeJSON(env.Stdout, j); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(env.Stdout, "Wrote %s (%s to %s, %d transaction(s), %d file(s)).\n",
			res.Path, res.Period.From, res.Period.To, res.Transactions, len(res.Files))
		if len(res.Accounts) > 0 {
			tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ACCOUNT\tOPENING\tIN\tOUT\tCLOSING\tTRANSACTIONS\tRECONCILED")
			for _, r := range res.Accounts {
				status := "OK"
				switch {
				case r.Arithmetic.Status == domain.CheckMismatch:
					status = "DIFFERENCE " + r.Arithmetic.Difference.String()
				case r.RunningBalance.Status == domain.CheckMismatch:
					status = "DIFFERENCE " + r.RunningBalance.Difference.String()
				case r.RunningBalance.Status == domain.CheckUnavailable:
					status = "OK (no running balances to check)"
				}
				label := export.AccountLabel(domain.Account{Number: r.AccountNumber, ProductName: r.ProductName, Name: r.AccountName})
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", label, r.Opening, r.In, r.Out, r.Closing, r.Transactions, status)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
	}
	if bad > 0 {
		return &exitError{code: 1, err: fmt.Errorf("the export was written, but %d account(s) do not reconcile; see the Summary sheet", bad)}
	}
	return nil
}

func newDocumentsCmd(env Env, g *Globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "documents",
		Short: "List and download statements and tax certificates (kept in a local archive for offline use)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newDocumentsListCmd(env, g), newDocumentsDownloadCmd(env, g))
	return cmd
}

// documentFlags select documents.
type documentFlags struct {
	accounts []string
	from, to string
	types    []string
}

func (d *documentFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVar(&d.accounts, "account", nil, "account ID or number (repeat for several; default: all)")
	fl.StringVar(&d.from, "from", "", "first document date, YYYY-MM-DD")
	fl.StringVar(&d.to, "to", "", "last document date, YYYY-MM-DD")
	fl.StringArrayVar(&d.types, "type", nil, "Statement or TaxCertificate (repeat for both; default: all)")
}

func (d *documentFlags) query(ctx context.Context, svc *core.Service, refresh bool) (domain.DocumentQuery, error) {
	ids, err := resolveAccounts(ctx, svc, d.accounts)
	if err != nil {
		return domain.DocumentQuery{}, err
	}
	return domain.DocumentQuery{AccountIDs: ids, From: d.from, To: d.to, Types: d.types, Refresh: refresh}, nil
}

func (d *documentFlags) check() error {
	if err := checkDateRange(d.from, d.to); err != nil {
		return err
	}
	for i, t := range d.types {
		switch strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(t, " ", ""), "-", "")) {
		case "statement", "statements":
			d.types[i] = domain.DocumentStatement
		case "taxcertificate", "taxcertificates":
			d.types[i] = domain.DocumentTaxCertificate
		default:
			return usageError("--type must be Statement or TaxCertificate, not %q", t)
		}
	}
	return nil
}

type documentJSON struct {
	AccountID     string `json:"accountId"`
	AccountNumber string `json:"accountNumber"`
	DocumentType  string `json:"documentType"`
	DocumentDate  string `json:"documentDate"`
	Downloaded    bool   `json:"downloaded"`
	Size          int64  `json:"size"`
	SHA256        string `json:"sha256,omitempty"`
}

func toDocumentJSON(e domain.DocumentEntry) documentJSON {
	return documentJSON{AccountID: e.AccountID, AccountNumber: e.AccountNumber, DocumentType: e.DocumentType,
		DocumentDate: e.DocumentDate, Downloaded: e.Downloaded, Size: e.Size, SHA256: e.SHA256}
}

func newDocumentsListCmd(env Env, g *Globals) *cobra.Command {
	var (
		df      documentFlags
		refresh bool
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List statements and tax certificates, and whether each is downloaded",
		Long: `List the statements and tax certificates Investec listed for your accounts
(a sync refreshes the list for the last two years), newest first, and whether
each is in the local archive, where it stays available offline. --refresh
asks Investec for the list first; offline, the cached list is shown.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := df.check(); err != nil {
				return err
			}
			return withService(cmd.Context(), env, g, nil, func(svc *core.Service) error {
				q, err := df.query(cmd.Context(), svc, refresh)
				if err != nil {
					return err
				}
				list, err := svc.Documents(cmd.Context(), q)
				if err != nil {
					return err
				}
				if list.RefreshMessage != "" {
					fmt.Fprintf(env.Stderr, "Showing the cached list: %s\n", list.RefreshMessage)
				}
				if asJSON {
					out := make([]documentJSON, 0, len(list.Documents))
					for _, e := range list.Documents {
						out = append(out, toDocumentJSON(e))
					}
					return writeJSON(env.Stdout, out)
				}
				if len(list.Documents) == 0 {
					fmt.Fprintln(env.Stdout, "No documents are listed for that. Run: investec-desk sync, or add --refresh")
					return nil
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ACCOUNT\tTYPE\tDATE\tDOWNLOADED\tSIZE")
				for _, e := range list.Documents {
					down, size := "no", ""
					if e.Downloaded {
						down, size = "yes", strconv.FormatInt(e.Size, 10)
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.AccountNumber, e.TypeLabel, e.DocumentDate, down, size)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "%d document(s).\n", len(list.Documents))
				return nil
			})
		},
	}
	df.add(cmd)
	cmd.Flags().BoolVar(&refresh, "refresh", false, "ask Investec for the list first")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func newDocumentsDownloadCmd(env Env, g *Globals) *cobra.Command {
	var (
		df     documentFlags
		out    string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "download",
		Short: "Download statements and tax certificates into the local archive (and optionally copy them out)",
		Long: `Download the statements and tax certificates that match into the local
archive (documents already there are not fetched again); they then stay
available offline. The list is refreshed from Investec first. With --out the
documents are also copied into that folder, named like
"Statement 2026-03-16 - Private Bank Account 5044.pdf"; no file is replaced.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := df.check(); err != nil {
				return err
			}
			emit := core.EmitterFunc(func(name string, payload any) {
				if p, ok := payload.(domain.DocumentsProgress); ok && name == domain.EventDocumentsProgress && p.Done > 0 && !p.Finished {
					fmt.Fprintf(env.Stderr, "%d/%d %s %s\n", p.Done, p.Total, p.Current.DocumentType, p.Current.DocumentDate)
				}
			})
			return withService(cmd.Context(), env, g, emit, func(svc *core.Service) error {
				q, err := df.query(cmd.Context(), svc, true)
				if err != nil {
					return err
				}
				res, err := svc.DownloadDocuments(cmd.Context(), q)
				if err != nil {
					return err
				}
				var copied []string
				if out != "" && res.Failed == 0 {
					q.Refresh = false
					if copied, err = svc.CopyDocuments(cmd.Context(), q, out); err != nil {
						return err
					}
				}
				if asJSON {
					list := make([]documentJSON, 0, len(res.Documents))
					for _, e := range res.Documents {
						list = append(list, toDocumentJSON(e))
					}
					if err := writeJSON(env.Stdout, struct {
						Downloaded int            `json:"downloaded"`
						Archived   int            `json:"archived"`
						Failed     int            `json:"failed"`
						Copied     []string       `json:"copied"`
						Documents  []documentJSON `json:"documents"`
					}{res.Downloaded, res.Archived, res.Failed, append([]string{}, copied...), list}); err != nil {
						return err
					}
				} else {
					fmt.Fprintf(env.Stdout, "%d downloaded, %d already in the archive, %d failed.\n", res.Downloaded, res.Archived, res.Failed)
					if len(copied) > 0 {
						fmt.Fprintf(env.Stdout, "Copied %d file(s) to %s.\n", len(copied), out)
					}
				}
				if res.Failed > 0 {
					return &exitError{code: 1, err: fmt.Errorf("%d document(s) could not be downloaded: %s", res.Failed, res.ErrorMessage)}
				}
				return nil
			})
		},
	}
	df.add(cmd)
	cmd.Flags().StringVar(&out, "out", "", "also copy the documents into this folder")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}
