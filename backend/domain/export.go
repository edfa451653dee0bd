package domain

import (
	"fmt"
	"time"
)

// PeriodPreset names a way of choosing the dates an export covers.
type PeriodPreset string

// The period presets.
const (
	// PresetMonth is one calendar month (PeriodRequest.Month, or the month
	// of today when it is empty).
	PresetMonth PeriodPreset = "month"
	// PresetLastMonth is the calendar month before today's.
	PresetLastMonth PeriodPreset = "last_month"
	// PresetTaxYear is one South African tax year, 1 March to the end of
	// February (PeriodRequest.TaxYear, or the tax year containing today
	// when it is 0).
	PresetTaxYear PeriodPreset = "tax_year"
	// PresetLastTaxYear is the tax year before the one containing today:
	// the last complete tax year, what an accountant usually asks for.
	PresetLastTaxYear PeriodPreset = "last_tax_year"
	// PresetCustom is any range of whole days, From to To inclusive.
	PresetCustom PeriodPreset = "custom"
)

// AllPeriodPresets lists every PeriodPreset, for the frontend's enum.
var AllPeriodPresets = []struct {
	Value  PeriodPreset
	TSName string
}{
	{PresetMonth, "Month"},
	{PresetLastMonth, "LastMonth"},
	{PresetTaxYear, "TaxYear"},
	{PresetLastTaxYear, "LastTaxYear"},
	{PresetCustom, "Custom"},
}

// PeriodRequest is what a person chose in the export dialog. Only the fields
// of the chosen preset are read.
type PeriodRequest struct {
	Preset PeriodPreset `json:"preset"`
	// Month is YYYY-MM for PresetMonth ("" = this month).
	Month string `json:"month"`
	// TaxYear is the calendar year a tax year starts in, for PresetTaxYear:
	// 2025 is "2025-26", 2025-03-01 to 2026-02-28 (0 = the current one).
	TaxYear int `json:"taxYear"`
	// From and To are YYYY-MM-DD, inclusive, for PresetCustom.
	From string `json:"from"`
	To   string `json:"to"`
}

// Period is a resolved range of whole days (by posting date) with the label
// people and file names use for it.
type Period struct {
	From  string `json:"from"`  // YYYY-MM-DD, inclusive
	To    string `json:"to"`    // YYYY-MM-DD, inclusive
	Label string `json:"label"` // "2025-26", "November 2026", "2026-01-05 to 2026-02-03"
}

const dateLayout = "2006-01-02"

// ResolvePeriod turns a PeriodRequest into concrete dates for the given
// today (only its calendar date in its own location is used). Invalid input
// is reported as a field error.
func ResolvePeriod(req PeriodRequest, today time.Time) (Period, error) {
	y, m, _ := today.Date()
	switch req.Preset {
	case PresetMonth:
		if req.Month != "" {
			t, err := time.Parse("2006-01", req.Month)
			if err != nil {
				return Period{}, FieldError("month", "Choose a month as YYYY-MM.")
			}
			y, m = t.Year(), t.Month()
		}
		return MonthPeriod(y, m), nil
	case PresetLastMonth:
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
		return MonthPeriod(first.Year(), first.Month()), nil
	case PresetTaxYear:
		start := req.TaxYear
		if start == 0 {
			start = TaxYearOf(today)
		}
		if start < 1900 || start > 9998 {
			return Period{}, FieldError("taxYear", "Choose a tax year between 1900 and 9998.")
		}
		return TaxYearPeriod(start), nil
	case PresetLastTaxYear:
		return TaxYearPeriod(TaxYearOf(today) - 1), nil
	case PresetCustom:
		return CustomPeriod(req.From, req.To)
	default:
		return Period{}, FieldError("preset", "Choose a period.")
	}
}

// MonthPeriod returns the calendar month m of year y, labelled like
// "November 2026".
func MonthPeriod(y int, m time.Month) Period {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	return Period{From: first.Format(dateLayout), To: last.Format(dateLayout), Label: first.Format("January 2006")}
}

// TaxYearOf returns the calendar year in which the South African tax year
// containing t's date starts (tax years run from 1 March to the end of
// February).
func TaxYearOf(t time.Time) int {
	if t.Month() < time.March {
		return t.Year() - 1
	}
	return t.Year()
}

// TaxYearPeriod returns the South African tax year starting on 1 March of
// start, labelled like "2025-26". It ends on the last day of February of
// the next year, the 29th in a leap year.
func TaxYearPeriod(start int) Period {
	from := time.Date(start, time.March, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(start+1, time.March, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	return Period{
		From:  from.Format(dateLayout),
		To:    to.Format(dateLayout),
		Label: fmt.Sprintf("%d-%02d", start, (start+1)%100),
	}
}

// CustomPeriod validates a range of whole days, from to to inclusive
// (YYYY-MM-DD), labelled like "2026-01-05 to 2026-02-03".
func CustomPeriod(from, to string) (Period, error) {
	var errs ValidationErrors
	f, err := time.Parse(dateLayout, from)
	if err != nil {
		errs = append(errs, FieldError("from", "Choose a start date."))
	}
	t, err2 := time.Parse(dateLayout, to)
	if err2 != nil {
		errs = append(errs, FieldError("to", "Choose an end date."))
	}
	if err == nil && err2 == nil && t.Before(f) {
		errs = append(errs, FieldError("to", "The end date is before the start date."))
	}
	if len(errs) > 0 {
		return Period{}, errs.Err()
	}
	return Period{From: from, To: to, Label: from + " to " + to}, nil
}

// Validate reports whether p holds two valid dates in order. A Period that
// did not come from ResolvePeriod (a CLI flag, say) should be checked.
func (p Period) Validate() error {
	_, err := CustomPeriod(p.From, p.To)
	return err
}

// Contains reports whether the date (YYYY-MM-DD) lies within p.
func (p Period) Contains(date string) bool {
	return date >= p.From && date <= p.To
}

// ExportPhase says what an export is doing when it reports progress.
type ExportPhase string

// The phases of an export.
const (
	ExportWorkbook  ExportPhase = "workbook"
	ExportCSV       ExportPhase = "csv"
	ExportOFX       ExportPhase = "ofx"
	ExportDocuments ExportPhase = "documents"
	ExportManifest  ExportPhase = "manifest"
	ExportDone      ExportPhase = "done"
)

// ExportProgress is one progress event of a running export (sent to the
// frontend as EventExportProgress).
type ExportProgress struct {
	Phase ExportPhase `json:"phase"`
	// File is the name of the file being written, relative to the pack.
	File string `json:"file"`
	// AccountID is the account whose rows are being written, if any.
	AccountID string `json:"accountId"`
	// Rows counts the rows written so far in this phase; Total is the
	// number expected, or 0 when unknown.
	Rows  int64 `json:"rows"`
	Total int64 `json:"total"`
}

// CheckStatus is the outcome of one reconciliation check.
type CheckStatus string

// The outcomes of a reconciliation check.
const (
	CheckOK          CheckStatus = "ok"
	CheckMismatch    CheckStatus = "mismatch"
	CheckUnavailable CheckStatus = "unavailable" // the bank sent no running balance
)

// ReconciliationCheck is one check of an account's figures: OK, or the
// difference in cents with a sentence saying where it was found.
type ReconciliationCheck struct {
	Status     CheckStatus `json:"status"`
	Difference Money       `json:"difference"`
	Detail     string      `json:"detail"`
}

// AccountReconciliation is what an export found for one account over the
// period: the figures on the workbook's Summary sheet and the two checks.
//
// Opening is the bank's balance before the period's first transaction
// (its running balance less its amount) or, with no transactions, the
// balance brought forward from the cache. Closing is the bank's running
// balance after the last transaction. Arithmetic checks Opening + In − Out
// = Closing; RunningBalance checks every row's running balance against the
// previous one plus its amount, and the opening against the balance brought
// forward from before the period.
type AccountReconciliation struct {
	AccountID      string              `json:"accountId"`
	AccountNumber  string              `json:"accountNumber"`
	AccountName    string              `json:"accountName"`
	ProductName    string              `json:"productName"`
	Sheet          string              `json:"sheet"` // the workbook sheet holding its rows
	Opening        Money               `json:"opening"`
	In             Money               `json:"in"`
	Out            Money               `json:"out"` // positive
	Closing        Money               `json:"closing"`
	Transactions   int64               `json:"transactions"`
	Pending        int64               `json:"pending"`
	Arithmetic     ReconciliationCheck `json:"arithmetic"`
	RunningBalance ReconciliationCheck `json:"runningBalance"`
}

// OK reports whether neither check found a difference.
func (r AccountReconciliation) OK() bool {
	return r.Arithmetic.Status != CheckMismatch && r.RunningBalance.Status != CheckMismatch
}

// ExportedFile is one file an export wrote, with its size and checksum.
type ExportedFile struct {
	Name   string `json:"name"` // relative to the pack, with "/" separators
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // hex
}

// ExportResult is what an accountant pack contains.
type ExportResult struct {
	Path     string                  `json:"path"`
	Period   Period                  `json:"period"`
	Files    []ExportedFile          `json:"files"`
	Accounts []AccountReconciliation `json:"accounts"`
}
