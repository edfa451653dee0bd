package export

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// MoneyFormat is the number format of every amount in the workbook: rands
// with a thousands separator and two decimals, negatives in red with a
// minus sign. Excel, LibreOffice and Google Sheets all render it.
const MoneyFormat = `"R" #,##0.00;[Red]-"R" #,##0.00`

// DateFormat is the number format of every date cell: ISO dates, which no
// reader can take for month-first or day-first.
const DateFormat = "yyyy-mm-dd"

// The fixed sheets.
const (
	SummarySheet    = "Summary"
	PendingSheet    = "Pending"
	CategoriesSheet = "Categories"
)

// Uncategorised is the category shown for transactions without one.
const Uncategorised = "Uncategorised"

// LedgerHeader is the header row of every account sheet.
var LedgerHeader = []string{"Date", "Value date", "Description", "Transaction type", "Category", "Note", "Money in", "Money out", "Balance"}

// SummaryHeader is the header row of the Summary sheet's account table.
var SummaryHeader = []string{"Account number", "Account name", "Product", "Sheet", "Opening balance", "Money in", "Money out",
	"Closing balance", "Transactions", "Pending", "Opening + in − out = closing", "Running balances"}

// PendingHeader is the header row of the Pending sheet.
var PendingHeader = []string{"Account", "Transaction date", "Description", "Transaction type", "Category", "Note", "Money in", "Money out"}

// maxSheetRows is Excel's row limit; a variable so tests can exercise the
// split of a long account over several sheets without a million rows.
var maxSheetRows = excelize.TotalRows

// summaryFirstRow is the row of the first account on the Summary sheet.
const summaryFirstRow = 9

type styles struct {
	title, label, header, date, money, moneyBold, bold, note, check int
}

type workbook struct {
	f      *excelize.File
	st     styles
	names  uniqueNames
	req    Request
	rep    *reporter
	cats   map[catKey]*catTotal
	recons []domain.AccountReconciliation
	sheets []string // first sheet of each account
	parts  []int    // sheets per account
}

type catKey struct{ month, category string }

type catTotal struct{ in, out domain.Money }

// WriteWorkbook writes the Excel workbook for req to w: the Summary sheet
// first, one ledger sheet per account, then the Pending and Categories
// sheets. It streams every row and returns each account's reconciliation
// (the figures on the Summary sheet, computed in Go). On error, what was
// written to w is incomplete; WriteWorkbookFile removes it.
func WriteWorkbook(ctx context.Context, w io.Writer, req Request, src Source, progress ProgressFunc) ([]domain.AccountReconciliation, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	accounts, err := src.Accounts(ctx, req.AccountIDs)
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	rep := &reporter{fn: progress}
	rep.start(domain.ExportWorkbook, WorkbookFileName(req.Period, accounts), countAll(ctx, src, accounts, req.Period))
	recons, err := writeWorkbook(ctx, w, req, src, accounts, rep)
	if err != nil {
		return nil, err
	}
	rep.send()
	return recons, nil
}

// WriteWorkbookFile writes the workbook to path through a temporary file in
// the same folder, renamed into place only when complete, so a cancelled or
// failed export leaves nothing behind.
func WriteWorkbookFile(ctx context.Context, path string, req Request, src Source, progress ProgressFunc) ([]domain.AccountReconciliation, error) {
	var recons []domain.AccountReconciliation
	err := writeFileAtomic(path, func(w io.Writer) error {
		var err error
		recons, err = WriteWorkbook(ctx, w, req, src, progress)
		return err
	})
	return recons, err
}

func writeWorkbook(ctx context.Context, w io.Writer, req Request, src Source, accounts []domain.Account, rep *reporter) ([]domain.AccountReconciliation, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	// Write the package straight to w: excelize would otherwise assemble
	// the whole zip in memory first.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })

	wb := &workbook{f: f, req: req, rep: rep, cats: map[catKey]*catTotal{}, names: uniqueNames{max: maxSheetName}}
	if err := wb.setup(); err != nil {
		return nil, err
	}
	for _, a := range accounts {
		if err := wb.writeAccount(ctx, src, a); err != nil {
			return nil, err
		}
	}
	if err := wb.writePending(ctx, src, accounts); err != nil {
		return nil, err
	}
	if err := wb.writeCategories(); err != nil {
		return nil, err
	}
	if err := wb.writeSummary(accounts); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	if err := f.Write(io.Discard); err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return wb.recons, nil
}

func (wb *workbook) setup() error {
	f := wb.f
	money, date := MoneyFormat, DateFormat
	var err error
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	headerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE3EA"}}
	wb.st = styles{
		title:     style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		label:     style(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		bold:      style(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		header:    style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: headerFill, Border: []excelize.Border{{Type: "bottom", Color: "7F8C99", Style: 1}}}),
		date:      style(&excelize.Style{CustomNumFmt: &date}),
		money:     style(&excelize.Style{CustomNumFmt: &money}),
		moneyBold: style(&excelize.Style{CustomNumFmt: &money, Font: &excelize.Font{Bold: true}}),
		note:      style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}}),
		check:     style(&excelize.Style{CustomNumFmt: &money, Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center"}}),
	}
	if err != nil {
		return fmt.Errorf("workbook styles: %w", err)
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return fmt.Errorf("workbook calc properties: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "Investec Desk",
		Title:   "Investec statements " + wb.req.Period.Label,
		Created: wb.req.now().UTC().Format(time.RFC3339),
	}); err != nil {
		return fmt.Errorf("workbook properties: %w", err)
	}
	// Reserve the fixed sheet names so no account can take them.
	for _, n := range []string{SummarySheet, PendingSheet, CategoriesSheet} {
		wb.names.take(n, "")
	}
	if err := f.SetSheetName("Sheet1", SummarySheet); err != nil {
		return fmt.Errorf("name summary sheet: %w", err)
	}
	return nil
}

// newSheet adds a sheet and returns its stream writer with the given column
// widths and, if freeze, the first row frozen.
func (wb *workbook) newSheet(name string, widths []float64, freeze bool) (*excelize.StreamWriter, error) {
	if _, err := wb.f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("add sheet: %w", err)
	}
	return wb.stream(name, widths, freeze)
}

func (wb *workbook) stream(name string, widths []float64, freeze bool) (*excelize.StreamWriter, error) {
	// Print landscape, one page wide: set on the empty sheet, before the
	// stream writer takes it over.
	landscape, wide, tall, fit := "landscape", 1, 0, true
	if err := wb.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return nil, fmt.Errorf("page layout: %w", err)
	}
	if err := wb.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, fmt.Errorf("page layout: %w", err)
	}
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("stream sheet: %w", err)
	}
	// One call per run of equal widths: excelize's cost grows with the
	// number of calls (a long period has many month columns).
	for i := 0; i < len(widths); {
		j := i
		for j+1 < len(widths) && widths[j+1] == widths[i] {
			j++
		}
		if err := sw.SetColWidth(i+1, j+1, widths[i]); err != nil {
			return nil, fmt.Errorf("column width: %w", err)
		}
		i = j + 1
	}
	if freeze {
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
		}); err != nil {
			return nil, fmt.Errorf("freeze header: %w", err)
		}
	}
	return sw, nil
}

func (wb *workbook) headerRow(sw *excelize.StreamWriter, row int, names []string) error {
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = excelize.Cell{StyleID: wb.st.header, Value: n}
	}
	return sw.SetRow("A"+strconv.Itoa(row), vals)
}

// moneyCell is an amount as an xlsx number. The division of an int64 by 100
// is correctly rounded and excelize writes the shortest decimal that reads
// back as the same float64, which for amounts up to 13 digits of rands is
// exactly the cents' decimal string.
func (wb *workbook) moneyCell(m domain.Money) excelize.Cell {
	return excelize.Cell{StyleID: wb.st.money, Value: float64(m) / 100}
}

// dateCell is a YYYY-MM-DD date as a real date (a serial number with a date
// format); anything else is kept as text, and "" is no cell at all.
func (wb *workbook) dateCell(s string) any {
	if s == "" {
		return nil
	}
	if serial, ok := excelSerial(s); ok {
		return excelize.Cell{StyleID: wb.st.date, Value: serial}
	}
	return s
}

// text is a merchant's or user's text: always a string cell (never a
// formula, whatever it starts with), or no cell when empty.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

var ledgerWidths = []float64{11.5, 11.5, 44, 20, 18, 28, 15, 15, 16}

// accountSheet is one sheet of an account's ledger (an account longer than
// Excel's row limit continues on further sheets).
type accountSheet struct {
	sw       *excelize.StreamWriter
	name     string
	row      int // last row written
	in, out  domain.Money
	opening  *domain.Money
	lastRB   *domain.Money
	dataRows int
}

func (wb *workbook) startAccountSheet(a domain.Account) (*accountSheet, error) {
	name := wb.names.take(cleanSheetName(AccountLabel(a)), "")
	sw, err := wb.newSheet(name, ledgerWidths, true)
	if err != nil {
		return nil, err
	}
	if err := wb.headerRow(sw, 1, LedgerHeader); err != nil {
		return nil, fmt.Errorf("write header: %w", err)
	}
	return &accountSheet{sw: sw, name: name, row: 1}, nil
}

func (wb *workbook) writeAccount(ctx context.Context, src Source, a domain.Account) error {
	led := &ledger{}
	bf, ok, err := src.BroughtForward(ctx, a.ID, wb.req.Period.From)
	if err != nil {
		return fmt.Errorf("balance brought forward: %w", err)
	}
	led.broughtForward, led.hasBroughtForward = bf, ok
	wb.rep.account(a.ID)

	sh, err := wb.startAccountSheet(a)
	if err != nil {
		return err
	}
	first, parts := sh.name, 1
	row := make([]any, len(LedgerHeader))
	for t, err := range src.Posted(ctx, a.ID, wb.req.Period.From, wb.req.Period.To) {
		if err != nil {
			return fmt.Errorf("read transactions: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if t.Status == domain.Pending {
			continue
		}
		if err := led.add(t); err != nil {
			return err
		}
		if sh.row+1 > maxSheetRows-4 { // room for the blank, opening, total and filtered-total rows
			if err := wb.finishAccountSheet(sh); err != nil {
				return err
			}
			if sh, err = wb.startAccountSheet(a); err != nil {
				return err
			}
			parts++
		}
		signed := domain.Signed(t.Type, t.Amount)
		clear(row)
		row[0] = wb.dateCell(t.PostingDate)
		row[1] = wb.dateCell(t.ValueDate)
		row[2] = text(t.Description)
		row[3] = text(t.TransactionType)
		row[4] = text(t.Category)
		row[5] = text(t.Note)
		if signed >= 0 {
			row[6] = wb.moneyCell(signed)
			sh.in += signed
		} else {
			row[7] = wb.moneyCell(-signed)
			sh.out -= signed
		}
		if t.RunningBalance != nil {
			rb := *t.RunningBalance
			row[8] = wb.moneyCell(rb)
			if sh.dataRows == 0 {
				op := rb - signed
				sh.opening = &op
			}
			sh.lastRB = &rb
		} else {
			sh.lastRB = nil
		}
		sh.dataRows++
		sh.row++
		if err := sh.sw.SetRow("A"+strconv.Itoa(sh.row), row); err != nil {
			return fmt.Errorf("write row: %w", err)
		}
		wb.addCategory(t, signed)
		wb.rep.row()
	}
	if sh.dataRows == 0 && parts == 1 && ok {
		sh.opening, sh.lastRB = &bf, &bf
	}
	if err := wb.finishAccountSheet(sh); err != nil {
		return err
	}
	r := led.result(a, wb.req.Period.From)
	r.Sheet = first
	wb.recons = append(wb.recons, r)
	wb.sheets = append(wb.sheets, first)
	wb.parts = append(wb.parts, parts)
	return nil
}

// finishAccountSheet writes the opening balance and totals rows under the
// ledger, the autofilter over it, and flushes the sheet.
func (wb *workbook) finishAccountSheet(sh *accountSheet) error {
	sw, st := sh.sw, wb.st
	first, last := 2, sh.row
	if sh.dataRows == 0 {
		sh.row++
		if err := sw.SetRow("A"+strconv.Itoa(sh.row), []any{excelize.Cell{StyleID: st.note, Value: "No posted transactions in this period."}}); err != nil {
			return fmt.Errorf("write row: %w", err)
		}
	}
	sh.row += 2 // one blank row
	opening := []any{excelize.Cell{StyleID: st.bold, Value: "Opening balance"}, nil, nil, nil, nil, nil, nil, nil, nil}
	if sh.opening != nil {
		opening[8] = excelize.Cell{StyleID: st.moneyBold, Value: float64(*sh.opening) / 100}
	}
	if err := sw.SetRow("A"+strconv.Itoa(sh.row), opening); err != nil {
		return fmt.Errorf("write totals: %w", err)
	}
	sh.row++
	total := []any{excelize.Cell{StyleID: st.bold, Value: "Total"}, nil, nil, nil, nil, nil,
		wb.moneyTotal(fmt.Sprintf("SUM(G%d:G%d)", first, last), sh.in, sh.dataRows > 0),
		wb.moneyTotal(fmt.Sprintf("SUM(H%d:H%d)", first, last), sh.out, sh.dataRows > 0), nil}
	if sh.lastRB != nil {
		total[8] = wb.moneyTotal(fmt.Sprintf("I%d", last), *sh.lastRB, sh.dataRows > 0)
	}
	if err := sw.SetRow("A"+strconv.Itoa(sh.row), total); err != nil {
		return fmt.Errorf("write totals: %w", err)
	}
	sh.row++
	if sh.dataRows > 0 {
		filtered := []any{excelize.Cell{StyleID: st.note, Value: "Total of the rows the filter shows"}, nil, nil, nil, nil, nil,
			wb.moneyTotal(fmt.Sprintf("SUBTOTAL(109,G%d:G%d)", first, last), sh.in, true),
			wb.moneyTotal(fmt.Sprintf("SUBTOTAL(109,H%d:H%d)", first, last), sh.out, true)}
		if err := sw.SetRow("A"+strconv.Itoa(sh.row), filtered); err != nil {
			return fmt.Errorf("write totals: %w", err)
		}
	}
	if last < 2 {
		last = 2
	}
	if err := wb.f.AutoFilter(sh.name, fmt.Sprintf("A1:I%d", last), nil); err != nil {
		return fmt.Errorf("autofilter: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet: %w", err)
	}
	return nil
}

// moneyTotal is a bold amount: a formula with its value cached (so viewers
// that do not calculate still show it), or a plain value when there are no
// rows for a formula to cover.
func (wb *workbook) moneyTotal(formula string, cached domain.Money, useFormula bool) excelize.Cell {
	c := excelize.Cell{StyleID: wb.st.moneyBold, Value: float64(cached) / 100}
	if useFormula {
		c.Formula = formula
	}
	return c
}

func (wb *workbook) addCategory(t domain.Transaction, signed domain.Money) {
	month := t.PostingDate
	if len(month) >= 7 {
		month = month[:7]
	}
	cat := strings.TrimSpace(t.Category)
	if cat == "" {
		cat = Uncategorised
	}
	k := catKey{month, cat}
	c := wb.cats[k]
	if c == nil {
		c = &catTotal{}
		wb.cats[k] = c
	}
	if signed >= 0 {
		c.in += signed
	} else {
		c.out -= signed
	}
}

// includePending reports whether a pending transaction belongs to the
// period: by its transaction date, or, without one, when the period
// includes today.
func includePending(t domain.Transaction, p domain.Period, today string) bool {
	if t.TransactionDate != "" {
		return p.Contains(t.TransactionDate)
	}
	return p.Contains(today)
}

func (wb *workbook) writePending(ctx context.Context, src Source, accounts []domain.Account) error {
	sw, err := wb.newSheet(PendingSheet, []float64{28, 15, 44, 20, 18, 28, 15, 15}, true)
	if err != nil {
		return err
	}
	if err := wb.headerRow(sw, 1, PendingHeader); err != nil {
		return fmt.Errorf("write header: %w", err)
	}
	r, today := 1, wb.req.now().Format("2006-01-02")
	vals := make([]any, len(PendingHeader))
	for i, a := range accounts {
		for t, err := range src.Pending(ctx, a.ID) {
			if err != nil {
				return fmt.Errorf("read pending transactions: %w", err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if !includePending(t, wb.req.Period, today) {
				continue
			}
			wb.recons[i].Pending++
			signed := domain.Signed(t.Type, t.Amount)
			clear(vals)
			vals[0] = AccountLabel(a)
			vals[1] = wb.dateCell(t.TransactionDate)
			vals[2] = text(t.Description)
			vals[3] = text(t.TransactionType)
			vals[4] = text(t.Category)
			vals[5] = text(t.Note)
			if signed >= 0 {
				vals[6] = wb.moneyCell(signed)
			} else {
				vals[7] = wb.moneyCell(-signed)
			}
			r++
			if err := sw.SetRow("A"+strconv.Itoa(r), vals); err != nil {
				return fmt.Errorf("write row: %w", err)
			}
		}
	}
	if r == 1 {
		r++
		if err := sw.SetRow("A2", []any{excelize.Cell{StyleID: wb.st.note, Value: "No pending transactions in this period."}}); err != nil {
			return fmt.Errorf("write row: %w", err)
		}
	}
	if err := wb.f.AutoFilter(PendingSheet, fmt.Sprintf("A1:H%d", r), nil); err != nil {
		return fmt.Errorf("autofilter: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet: %w", err)
	}
	return nil
}

// writeCategories writes two month × category tables: money out, then
// money in, each with a total column and a total row.
func (wb *workbook) writeCategories() error {
	months := map[string]bool{}
	cats := map[string]bool{}
	for k := range wb.cats {
		months[k.month] = true
		cats[k.category] = true
	}
	monthList := slices.Sorted(func(yield func(string) bool) {
		for m := range months {
			if !yield(m) {
				return
			}
		}
	})
	catList := make([]string, 0, len(cats))
	for c := range cats {
		if c != Uncategorised {
			catList = append(catList, c)
		}
	}
	slices.SortFunc(catList, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	if cats[Uncategorised] {
		catList = append(catList, Uncategorised)
	}

	widths := []float64{28}
	for range monthList {
		widths = append(widths, 14)
	}
	widths = append(widths, 16)
	sw, err := wb.newSheet(CategoriesSheet, widths, false)
	if err != nil {
		return err
	}
	row := 1
	if len(catList) == 0 {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: wb.st.note, Value: "No posted transactions in this period."}}); err != nil {
			return fmt.Errorf("write row: %w", err)
		}
	} else {
		for _, out := range []bool{true, false} {
			title := "Money in by category and month"
			if out {
				title = "Money out by category and month"
			}
			if row, err = wb.categoryTable(sw, row, title, monthList, catList, out); err != nil {
				return err
			}
			row += 2
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet: %w", err)
	}
	return nil
}

func (wb *workbook) categoryTable(sw *excelize.StreamWriter, row int, title string, months, cats []string, out bool) (int, error) {
	st := wb.st
	if err := sw.SetRow("A"+strconv.Itoa(row), []any{excelize.Cell{StyleID: st.label, Value: title}}); err != nil {
		return 0, fmt.Errorf("write row: %w", err)
	}
	row++
	header := []string{"Category"}
	for _, m := range months {
		header = append(header, monthLabel(m))
	}
	header = append(header, "Total")
	if err := wb.headerRow(sw, row, header); err != nil {
		return 0, fmt.Errorf("write header: %w", err)
	}
	firstData := row + 1
	lastCol, _ := excelize.ColumnNumberToName(len(months) + 1)
	totalCol, _ := excelize.ColumnNumberToName(len(months) + 2)
	colTotals := make([]domain.Money, len(months))
	var grand domain.Money
	for _, c := range cats {
		row++
		vals := []any{c}
		var sum domain.Money
		for i, m := range months {
			var v domain.Money
			if t := wb.cats[catKey{m, c}]; t != nil {
				v = t.in
				if out {
					v = t.out
				}
			}
			sum += v
			colTotals[i] += v
			if v == 0 {
				vals = append(vals, nil)
			} else {
				vals = append(vals, wb.moneyCell(v))
			}
		}
		grand += sum
		vals = append(vals, wb.moneyTotal(fmt.Sprintf("SUM(B%d:%s%d)", row, lastCol, row), sum, true))
		if err := sw.SetRow("A"+strconv.Itoa(row), vals); err != nil {
			return 0, fmt.Errorf("write row: %w", err)
		}
	}
	lastData := row
	row++
	vals := []any{excelize.Cell{StyleID: st.bold, Value: "Total"}}
	for i := range months {
		col, _ := excelize.ColumnNumberToName(i + 2)
		vals = append(vals, wb.moneyTotal(fmt.Sprintf("SUM(%s%d:%s%d)", col, firstData, col, lastData), colTotals[i], true))
	}
	vals = append(vals, wb.moneyTotal(fmt.Sprintf("SUM(%s%d:%s%d)", totalCol, firstData, totalCol, lastData), grand, true))
	if err := sw.SetRow("A"+strconv.Itoa(row), vals); err != nil {
		return 0, fmt.Errorf("write row: %w", err)
	}
	return row, nil
}

// monthLabel turns YYYY-MM into "Mar 2025" (or returns it unchanged).
func monthLabel(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("Jan 2006")
}

func (wb *workbook) writeSummary(accounts []domain.Account) error {
	st := wb.st
	sw, err := wb.stream(SummarySheet, []float64{17, 22, 24, 30, 16, 16, 16, 16, 13, 10, 26, 22}, false)
	if err != nil {
		return err
	}
	p := wb.req.Period
	now := wb.req.now()
	var profiles []string
	for _, a := range accounts {
		if a.ProfileName != "" && !slices.Contains(profiles, a.ProfileName) {
			profiles = append(profiles, a.ProfileName)
		}
	}
	lines := [][]any{
		{excelize.Cell{StyleID: st.title, Value: "Investec statements " + p.Label}},
		{excelize.Cell{StyleID: st.label, Value: "Period"}, p.From + " to " + p.To + " (by posting date)"},
		{excelize.Cell{StyleID: st.label, Value: "Generated"}, now.Format("2006-01-02 15:04:05 MST")},
		{excelize.Cell{StyleID: st.label, Value: "Connection"}, text(wb.req.ConnectionName)},
		{excelize.Cell{StyleID: st.label, Value: "Profile"}, text(strings.Join(profiles, ", "))},
		{excelize.Cell{StyleID: st.label, Value: "Generated by"}, "Investec Desk from the bank's transaction history; pending transactions are listed separately and not in the balances."},
	}
	for i, l := range lines {
		if err := sw.SetRow("A"+strconv.Itoa(i+1), l); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
	}
	if err := wb.headerRow(sw, summaryFirstRow-1, SummaryHeader); err != nil {
		return fmt.Errorf("write header: %w", err)
	}
	row := summaryFirstRow
	var totIn, totOut domain.Money
	var totCount int64
	for i, r := range wb.recons {
		sheet := wb.sheets[i]
		if wb.parts[i] > 1 {
			sheet = fmt.Sprintf("%s and %d more", sheet, wb.parts[i]-1)
		}
		n := strconv.Itoa(row)
		diff := "E" + n + "+F" + n + "-G" + n + "-H" + n
		arith := excelize.Cell{StyleID: st.check, Formula: "IF(ROUND(" + diff + ",2)=0,\"OK\",ROUND(" + diff + ",2))"}
		if r.Arithmetic.Status == domain.CheckOK {
			arith.Value = "OK"
		} else {
			arith.Value = float64(r.Arithmetic.Difference) / 100
		}
		var running any
		switch r.RunningBalance.Status {
		case domain.CheckOK:
			running = excelize.Cell{StyleID: st.check, Value: "OK"}
		case domain.CheckMismatch:
			running = excelize.Cell{StyleID: st.check, Value: float64(r.RunningBalance.Difference) / 100}
		default:
			running = excelize.Cell{StyleID: st.check, Value: "Not available"}
		}
		vals := []any{
			text(r.AccountNumber), text(r.AccountName), text(r.ProductName), sheet,
			wb.moneyCell(r.Opening), wb.moneyCell(r.In), wb.moneyCell(r.Out), wb.moneyCell(r.Closing),
			r.Transactions, r.Pending, arith, running,
		}
		if err := sw.SetRow("A"+n, vals); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
		totIn += r.In
		totOut += r.Out
		totCount += r.Transactions
		row++
	}
	if len(wb.recons) > 0 {
		last := row - 1
		vals := []any{excelize.Cell{StyleID: st.bold, Value: "Total"}, nil, nil, nil, nil,
			wb.moneyTotal(fmt.Sprintf("SUM(F%d:F%d)", summaryFirstRow, last), totIn, true),
			wb.moneyTotal(fmt.Sprintf("SUM(G%d:G%d)", summaryFirstRow, last), totOut, true), nil,
			excelize.Cell{StyleID: st.bold, Formula: fmt.Sprintf("SUM(I%d:I%d)", summaryFirstRow, last), Value: totCount}}
		if err := sw.SetRow("A"+strconv.Itoa(row), vals); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
		row++
	}
	row++
	notes := []string{
		"Opening balance: the bank's balance before the period's first transaction (its running balance less its amount); with no transactions, the balance brought forward.",
		"Closing balance: the bank's running balance after the period's last transaction.",
		"Opening + in − out = closing: OK, or the difference in rands (opening + money in − money out − closing). A difference means transactions are missing or doubled.",
		"Running balances: OK when every transaction's running balance equals the previous one plus its amount and the opening matches the balance brought forward; otherwise the first difference in rands.",
	}
	for _, s := range wb.recons {
		if s.Arithmetic.Detail != "" || (s.RunningBalance.Detail != "" && s.RunningBalance.Status != domain.CheckOK) {
			for _, d := range []string{s.Arithmetic.Detail, s.RunningBalance.Detail} {
				if d != "" {
					notes = append(notes, AccountLabel(domain.Account{Number: s.AccountNumber, ProductName: s.ProductName, Name: s.AccountName})+": "+d)
				}
			}
		}
	}
	for _, s := range notes {
		if err := sw.SetRow("A"+strconv.Itoa(row), []any{excelize.Cell{StyleID: st.note, Value: s}}); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
		row++
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet: %w", err)
	}
	return nil
}
