package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/investec-desk/investec-desk/backend/domain"
)

var testPeriod = domain.Period{From: "2025-03-01", To: "2025-04-30", Label: "2025-03-01 to 2025-04-30"}

var testNow = time.Date(2026, 3, 5, 14, 2, 0, 0, time.FixedZone("SAST", 2*3600))

func testRequest() Request {
	return Request{Period: testPeriod, ConnectionName: "Demo bank", Now: testNow}
}

// inPeriod returns the account's rows the export must show, computed from
// the source's slices, independently of the exporter.
func inPeriod(src *memSource, accountID string, p domain.Period) []domain.Transaction {
	var out []domain.Transaction
	for _, t := range src.posted[accountID] {
		if t.PostingDate >= p.From && t.PostingDate <= p.To {
			out = append(out, t)
		}
	}
	return out
}

// serialOf computes an Excel serial date with the time package.
func serialOf(t *testing.T, date string) int {
	t.Helper()
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		t.Fatal(err)
	}
	return int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

func sums(rows []domain.Transaction) (in, out domain.Money) {
	for _, t := range rows {
		if t.Type == domain.Credit {
			in += t.Amount
		} else {
			out += t.Amount
		}
	}
	return in, out
}

func writeTestWorkbook(t *testing.T, src Source, req Request) (string, []domain.AccountReconciliation) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	recons, err := WriteWorkbookFile(t.Context(), path, req, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return path, recons
}

// mustCents parses a number as written in the file, rejecting anything that
// is not an exact decimal of at most two places.
func mustCents(t *testing.T, where, s string) domain.Money {
	t.Helper()
	m, err := domain.ParseMoney(s)
	if err != nil {
		t.Fatalf("%s: %q is not an exact amount: %v", where, s, err)
	}
	return m
}

func TestWorkbookCellsReadBackExactly(t *testing.T) {
	t.Parallel()
	src := slicesSource(600, "2025-02-20")
	path, recons := writeTestWorkbook(t, src, testRequest())
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	sheets := f.GetSheetList()
	if sheets[0] != SummarySheet || sheets[len(sheets)-2] != PendingSheet || sheets[len(sheets)-1] != CategoriesSheet || len(sheets) != 5 {
		t.Fatalf("sheets = %q", sheets)
	}
	for i, a := range testAccounts {
		sheet := sheets[i+1]
		if recons[i].Sheet != sheet {
			t.Errorf("reconciliation names sheet %q, workbook has %q", recons[i].Sheet, sheet)
		}
		want := inPeriod(src, a.ID, testPeriod)
		if len(want) < 300 {
			t.Fatalf("test data too small: %d rows", len(want))
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], LedgerHeader) {
			t.Fatalf("header = %q", rows[0])
		}
		for j, tx := range want {
			r := rows[j+1]
			for len(r) < 9 {
				r = append(r, "")
			}
			where := fmt.Sprintf("%s row %d", sheet, j+2)
			if r[0] != strconv.Itoa(serialOf(t, tx.PostingDate)) || r[1] != strconv.Itoa(serialOf(t, tx.ValueDate)) {
				t.Fatalf("%s: dates %q %q, want serials of %s %s", where, r[0], r[1], tx.PostingDate, tx.ValueDate)
			}
			if r[2] != tx.Description || r[3] != tx.TransactionType || r[4] != tx.Category || r[5] != tx.Note {
				t.Fatalf("%s: text %q, want %q %q %q %q", where, r[2:6], tx.Description, tx.TransactionType, tx.Category, tx.Note)
			}
			in, out := r[6], r[7]
			if tx.Type == domain.Credit {
				if out != "" || mustCents(t, where, in) != tx.Amount {
					t.Fatalf("%s: in %q out %q, want in %s", where, in, out, tx.Amount)
				}
			} else if in != "" || mustCents(t, where, out) != tx.Amount {
				t.Fatalf("%s: in %q out %q, want out %s", where, in, out, tx.Amount)
			}
			if mustCents(t, where, r[8]) != *tx.RunningBalance {
				t.Fatalf("%s: balance %q, want %s", where, r[8], tx.RunningBalance)
			}
			// Text that looks like a formula is a string cell, not a formula.
			for _, col := range []string{"C", "F"} {
				cell := fmt.Sprintf("%s%d", col, j+2)
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					t.Fatalf("%s!%s is a formula %q", sheet, cell, formula)
				}
				if typ, _ := f.GetCellType(sheet, cell); r[2] != "" && col == "C" && typ != excelize.CellTypeInlineString {
					t.Fatalf("%s!%s has type %v, want an inline string", sheet, cell, typ)
				}
			}
		}
		last := len(want) + 1
		wantIn, wantOut := sums(want)
		total := rows[last+2] // one blank row, then the opening balance, then the totals
		if rows[last+1][0] != "Opening balance" || total[0] != "Total" {
			t.Fatalf("totals block %q / %q", rows[last+1], total)
		}
		if mustCents(t, "opening", rows[last+1][8]) != *want[0].RunningBalance-want[0].SignedAmount {
			t.Errorf("opening balance %q", rows[last+1][8])
		}
		if mustCents(t, "total in", total[6]) != wantIn || mustCents(t, "total out", total[7]) != wantOut || mustCents(t, "closing", total[8]) != *want[len(want)-1].RunningBalance {
			t.Errorf("totals %q, want %s %s %s", total, wantIn, wantOut, want[len(want)-1].RunningBalance)
		}
		for cell, formula := range map[string]string{
			fmt.Sprintf("G%d", last+3): fmt.Sprintf("SUM(G2:G%d)", last),
			fmt.Sprintf("H%d", last+3): fmt.Sprintf("SUM(H2:H%d)", last),
			fmt.Sprintf("I%d", last+3): fmt.Sprintf("I%d", last),
			fmt.Sprintf("G%d", last+4): fmt.Sprintf("SUBTOTAL(109,G2:G%d)", last),
		} {
			if got, _ := f.GetCellFormula(sheet, cell); got != formula {
				t.Errorf("%s!%s formula %q, want %q", sheet, cell, got, formula)
			}
		}
		// Number formats: real dates and rands.
		for cell, format := range map[string]string{"A2": DateFormat, "B2": DateFormat, "I2": MoneyFormat, fmt.Sprintf("G%d", last+3): MoneyFormat} {
			id, err := f.GetCellStyle(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != format {
				t.Errorf("%s!%s number format %v, want %q", sheet, cell, st.CustomNumFmt, format)
			}
		}
		// The reconciliation computed in Go.
		r := recons[i]
		if r.In != wantIn || r.Out != wantOut || r.Transactions != int64(len(want)) || r.Closing != *want[len(want)-1].RunningBalance ||
			r.Arithmetic.Status != domain.CheckOK || r.RunningBalance.Status != domain.CheckOK || r.Pending != 2 {
			t.Errorf("reconciliation %+v", r)
		}
	}
}

func TestMoneyCellsSurviveThirteenDigitsOfRands(t *testing.T) {
	t.Parallel()
	amounts := []domain.Money{1, 10, 99, 100, 101, 1999, 2005, 123456789, 999999999999999, 100000000000001, 123456789012345, 333333333333333, 70368744177663}
	for i := int64(1); i < 2000; i++ {
		amounts = append(amounts, domain.Money(i*i*i*i%999999999999999+i))
	}
	var rows []domain.Transaction
	var bal domain.Money
	for i, a := range amounts {
		typ := domain.Credit
		if i%2 == 1 {
			typ = domain.Debit
		}
		// balances exercise the negative side of the same range
		if i%2 == 1 {
			bal = -a
		} else {
			bal = a
		}
		rows = append(rows, domain.Transaction{AccountID: "a", Type: typ, Status: domain.Posted, Description: "x", PostingDate: "2025-03-01",
			ValueDate: "2025-03-01", Amount: a, SignedAmount: domain.Signed(typ, a), RunningBalance: money(bal)})
	}
	src := &memSource{accounts: []domain.Account{{ID: "a", Number: "1", ProductName: "Big"}}, posted: map[string][]domain.Transaction{"a": rows}}
	var buf bytes.Buffer
	if _, err := WriteWorkbook(t.Context(), &buf, testRequest(), src, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("Big 1", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, tx := range rows {
		r := got[i+1]
		cell := r[6]
		if tx.Type == domain.Debit {
			cell = r[7]
		}
		if mustCents(t, "amount", cell) != tx.Amount || mustCents(t, "balance", r[8]) != *tx.RunningBalance {
			t.Fatalf("row %d: %q / %q, want %s / %s", i+2, cell, r[8], tx.Amount, tx.RunningBalance)
		}
	}
}

// validSheetName applies Excel's rules.
func validSheetName(name string) error {
	switch {
	case name == "" || utf16Len(name) > 31:
		return fmt.Errorf("length %d", utf16Len(name))
	case strings.ContainsAny(name, `[]:*?/\`):
		return errors.New("forbidden character")
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return errors.New("apostrophe at an end")
	case strings.EqualFold(name, "History"):
		return errors.New("reserved")
	}
	return nil
}

func TestSheetNamesValidAndUnique(t *testing.T) {
	t.Parallel()
	accounts := []domain.Account{
		{ID: "1", Number: "1234", ProductName: "PBA 1234 Private Bank Account With A Very Long Name"},
		{ID: "2", Number: "1234", ProductName: "PBA 1234 Private Bank Account With A Very Long Name"},
		{ID: "3", Number: "1234", ProductName: "pba 1234 private bank account with a very long name"},
		{ID: "4", Number: "9", ProductName: "'Quoted' [x]:*?/\\"},
		{ID: "5", Number: "", ProductName: "Summary"},
		{ID: "6", Number: "", ProductName: "pending"},
		{ID: "7", Number: "", ProductName: "History"},
		{ID: "8", Number: "", ProductName: "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"},
		{ID: "9", Number: "", ProductName: "\x00\x07"},
	}
	src := &memSource{accounts: accounts, posted: map[string][]domain.Transaction{}}
	path, recons := writeTestWorkbook(t, src, testRequest())
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	for _, name := range f.GetSheetList() {
		if err := validSheetName(name); err != nil {
			t.Errorf("sheet %q: %v", name, err)
		}
		if seen[strings.ToLower(name)] {
			t.Errorf("sheet %q is not unique", name)
		}
		seen[strings.ToLower(name)] = true
	}
	if len(seen) != len(accounts)+3 {
		t.Errorf("%d sheets for %d accounts", len(seen), len(accounts))
	}
	if recons[1].Sheet != "PBA 1234 Private Bank Accou (2)" || recons[4].Sheet != "Summary (2)" {
		t.Errorf("de-duplicated names %q, %q", recons[1].Sheet, recons[4].Sheet)
	}
}

func TestWorkbookReconciliationFindsAGap(t *testing.T) {
	t.Parallel()
	src := slicesSource(300, "2025-02-20")
	rows := src.posted[testAccounts[0].ID]
	gap := slices.IndexFunc(rows, func(t domain.Transaction) bool { return t.PostingDate == "2025-03-10" })
	removed := rows[gap]
	src.posted[testAccounts[0].ID] = slices.Delete(slices.Clone(rows), gap, gap+1)
	var buf bytes.Buffer
	recons, err := WriteWorkbook(t.Context(), &buf, testRequest(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := recons[0]
	if r.Arithmetic.Status != domain.CheckMismatch || r.Arithmetic.Difference != -removed.SignedAmount {
		t.Errorf("arithmetic check %+v, want a difference of %s", r.Arithmetic, -removed.SignedAmount)
	}
	if r.RunningBalance.Status != domain.CheckMismatch || r.RunningBalance.Difference != removed.SignedAmount || !strings.Contains(r.RunningBalance.Detail, "2025-03-10") {
		t.Errorf("running balance check %+v", r.RunningBalance)
	}
	if !recons[1].OK() {
		t.Errorf("the untouched account does not reconcile: %+v", recons[1])
	}
	// A gap at the start of the period shows as a brought-forward difference.
	src2 := slicesSource(300, "2025-02-20")
	rows2 := src2.posted[testAccounts[0].ID]
	first := slices.IndexFunc(rows2, func(t domain.Transaction) bool { return t.PostingDate >= testPeriod.From })
	src2.posted[testAccounts[0].ID] = slices.Delete(slices.Clone(rows2), first, first+1)
	recons, err = WriteWorkbook(t.Context(), io.Discard, testRequest(), src2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rb := recons[0].RunningBalance; rb.Status != domain.CheckMismatch || rb.Difference != rows2[first].SignedAmount || recons[0].Arithmetic.Status != domain.CheckOK {
		t.Errorf("missing first row: %+v / %+v", recons[0].Arithmetic, rb)
	}
}

func TestWorkbookWithoutRunningBalancesOrRows(t *testing.T) {
	t.Parallel()
	rows := slices.Collect(genRows("a", "2025-03-01", 20, 0))
	for i := range rows {
		rows[i].RunningBalance = nil
	}
	src := &memSource{
		accounts: []domain.Account{{ID: "a", Number: "1", ProductName: "No balances"}, {ID: "b", Number: "2", ProductName: "Empty"}, {ID: "c", Number: "3", ProductName: "Quiet"}},
		posted: map[string][]domain.Transaction{"a": rows, "c": {{AccountID: "c", Type: domain.Credit, Status: domain.Posted, PostingDate: "2025-01-01",
			Amount: 500, SignedAmount: 500, RunningBalance: money(7700)}}},
	}
	var buf bytes.Buffer
	recons, err := WriteWorkbook(t.Context(), &buf, testRequest(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	in, out := sums(rows)
	if r := recons[0]; r.RunningBalance.Status != domain.CheckUnavailable || r.Arithmetic.Status != domain.CheckOK || r.Closing != in-out {
		t.Errorf("no running balances: %+v", r)
	}
	if r := recons[1]; r.RunningBalance.Status != domain.CheckUnavailable || r.Transactions != 0 {
		t.Errorf("empty account: %+v", r)
	}
	if r := recons[2]; r.RunningBalance.Status != domain.CheckOK || r.Opening != 7700 || r.Closing != 7700 {
		t.Errorf("quiet account: %+v", r)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Quiet 3", "A2"); v != "No posted transactions in this period." {
		t.Errorf("empty sheet says %q", v)
	}
	if v, _ := f.GetCellValue("Quiet 3", "I5", excelize.Options{RawCellValue: true}); v != "77" {
		t.Errorf("closing balance of a quiet account %q", v)
	}
}

func TestWorkbookSplitsAnAccountLongerThanASheet(t *testing.T) {
	// Not parallel: it lowers the package's row limit.
	defer func(n int) { maxSheetRows = n }(maxSheetRows)
	maxSheetRows = 50
	src := slicesSource(200, "2025-03-01")
	src.accounts = src.accounts[:1]
	var buf bytes.Buffer
	recons, err := WriteWorkbook(t.Context(), &buf, testRequest(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := inPeriod(src, testAccounts[0].ID, testPeriod)
	var got []string
	sheets := f.GetSheetList()
	perSheet := maxSheetRows - 5 // header and four rows of totals
	if len(sheets) != 3+(len(want)+perSheet-1)/perSheet {
		t.Fatalf("sheets %q for %d rows", sheets, len(want))
	}
	for _, s := range sheets[1 : len(sheets)-2] {
		rows, _ := f.GetRows(s)
		if len(rows) > maxSheetRows {
			t.Fatalf("sheet %s has %d rows", s, len(rows))
		}
		for _, r := range rows[1:] {
			if len(r) > 2 && r[0] != "" && r[0] != "Opening balance" && r[0] != "Total" && !strings.HasPrefix(r[0], "Total of") {
				got = append(got, r[2])
			}
		}
	}
	if len(got) != len(want) || recons[0].Transactions != int64(len(want)) || !recons[0].OK() {
		t.Fatalf("%d rows over the sheets, want %d; %+v", len(got), len(want), recons[0])
	}
	for i := range want {
		if got[i] != want[i].Description {
			t.Fatalf("row %d: %q, want %q", i, got[i], want[i].Description)
		}
	}
}

func TestWorkbookCancelledLeavesNoFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := &memSource{accounts: testAccounts[:1], gen: func(id string) iter.Seq[domain.Transaction] {
		return genRows(id, "2025-03-01", 50_000, 0)
	}}
	ctx, cancel := context.WithCancel(t.Context())
	var events int
	long := testRequest()
	long.Period = domain.Period{From: "2025-03-01", To: "2049-12-31", Label: "long"}
	_, err := WriteWorkbookFile(ctx, filepath.Join(dir, "book.xlsx"), long, src, func(p domain.ExportProgress) {
		events++
		if p.Rows >= 4000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || domain.ErrorCode(err) != domain.CodeCancelled {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	if events < 3 {
		t.Fatalf("%d progress events", events)
	}
	// A failing source is reported and leaves nothing either.
	boom := errors.New("disk on fire")
	src.fail, src.failAfter = boom, 10
	if _, err := WriteWorkbookFile(t.Context(), filepath.Join(dir, "book.xlsx"), testRequest(), src, nil); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}

func TestWorkbookProgressCountsEveryRow(t *testing.T) {
	t.Parallel()
	src := slicesSource(5000, "2025-03-01")
	var last domain.ExportProgress
	var n int
	if _, err := WriteWorkbook(t.Context(), io.Discard, testRequest(), src, func(p domain.ExportProgress) { last = p; n++ }); err != nil {
		t.Fatal(err)
	}
	want := int64(len(inPeriod(src, testAccounts[0].ID, testPeriod)) + len(inPeriod(src, testAccounts[1].ID, testPeriod)))
	if last.Rows != want || last.Total != want || last.Phase != domain.ExportWorkbook || n < int(want/progressEvery) {
		t.Fatalf("last event %+v after %d events, want %d rows", last, n, want)
	}
}

// --- Reading the workbook with openpyxl and LibreOffice --------------------

type dumpedCell struct {
	Row, Col int
	Value    any
	Type     string
	Format   string
	IsDate   bool
}

type dumpedSheet struct {
	Name       string
	Freeze     *string
	Autofilter *string
	Widths     map[string]float64
	Cells      map[[2]int]dumpedCell
}

// dumpWorkbook reads path with openpyxl (testdata/dump_workbook.py). Numbers
// keep Python's shortest repr (json.Number) so amounts can be compared
// exactly.
func dumpWorkbook(t *testing.T, path string, values bool) map[string]*dumpedSheet {
	t.Helper()
	args := []string{"testdata/dump_workbook.py", path}
	if values {
		args = append(args, "--values")
	}
	cmd := exec.CommandContext(t.Context(), "/usr/bin/python3", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, stderr.String())
	}
	var raw struct {
		Sheets []struct {
			Name       string             `json:"name"`
			Freeze     *string            `json:"freeze"`
			Autofilter *string            `json:"autofilter"`
			Widths     map[string]float64 `json:"widths"`
			Cells      [][]any            `json:"cells"`
		} `json:"sheets"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	res := map[string]*dumpedSheet{}
	order := []string{}
	for _, s := range raw.Sheets {
		ds := &dumpedSheet{Name: s.Name, Freeze: s.Freeze, Autofilter: s.Autofilter, Widths: s.Widths, Cells: map[[2]int]dumpedCell{}}
		for _, c := range s.Cells {
			r, _ := c[0].(json.Number).Int64()
			col, _ := c[1].(json.Number).Int64()
			ds.Cells[[2]int{int(r), int(col)}] = dumpedCell{Row: int(r), Col: int(col), Value: c[2], Type: c[3].(string), Format: c[4].(string), IsDate: c[5].(bool)}
		}
		res[s.Name] = ds
		order = append(order, s.Name)
	}
	res["\x00order"] = &dumpedSheet{Name: strings.Join(order, "\x00")}
	return res
}

func (s *dumpedSheet) cell(row, col int) dumpedCell { return s.Cells[[2]int{row, col}] }

// cents reads a numeric cell exactly.
func (c dumpedCell) cents(t *testing.T) domain.Money {
	t.Helper()
	n, ok := c.Value.(json.Number)
	if !ok || c.Type != "n" {
		t.Fatalf("cell R%dC%d = %#v (type %q), want a number", c.Row, c.Col, c.Value, c.Type)
	}
	s := strings.TrimSuffix(n.String(), ".0")
	return mustCents(t, fmt.Sprintf("R%dC%d", c.Row, c.Col), s)
}

func TestWorkbookReadByOpenpyxl(t *testing.T) {
	t.Parallel()
	src := slicesSource(400, "2025-02-20")
	path, recons := writeTestWorkbook(t, src, testRequest())
	book := dumpWorkbook(t, path, false)
	order := strings.Split(book["\x00order"].Name, "\x00")
	if order[0] != SummarySheet || order[3] != PendingSheet || order[4] != CategoriesSheet {
		t.Fatalf("sheet order %q", order)
	}
	for _, name := range order {
		if err := validSheetName(name); err != nil {
			t.Errorf("sheet %q: %v", name, err)
		}
	}
	for i, a := range testAccounts {
		s := book[order[i+1]]
		want := inPeriod(src, a.ID, testPeriod)
		last := len(want) + 1
		if s.Freeze == nil || *s.Freeze != "A2" || s.Autofilter == nil || strings.ReplaceAll(*s.Autofilter, "$", "") != fmt.Sprintf("A1:I%d", last) {
			t.Errorf("%s: freeze %v autofilter %v", s.Name, deref(s.Freeze), deref(s.Autofilter))
		}
		if s.Widths["C"] < 30 || s.Widths["A"] < 10 {
			t.Errorf("%s: widths %v", s.Name, s.Widths)
		}
		for j, tx := range want {
			r := j + 2
			date := s.cell(r, 1)
			if !date.IsDate || date.Value != tx.PostingDate || (date.Type != "n" && date.Type != "d") {
				t.Fatalf("%s A%d = %+v, want the date %s", s.Name, r, date, tx.PostingDate)
			}
			desc := s.cell(r, 3)
			if desc.Type != "s" || desc.Value != tx.Description {
				t.Fatalf("%s C%d = %+v, want the text %q", s.Name, r, desc, tx.Description)
			}
			if tx.Note != "" {
				if note := s.cell(r, 6); note.Type != "s" || note.Value != tx.Note {
					t.Fatalf("%s F%d = %+v, want the text %q", s.Name, r, note, tx.Note)
				}
			}
			col := 7
			if tx.Type == domain.Debit {
				col = 8
			}
			amt := s.cell(r, col)
			if amt.cents(t) != tx.Amount || amt.Format != MoneyFormat {
				t.Fatalf("%s R%dC%d = %+v, want %s", s.Name, r, col, amt, tx.Amount)
			}
			if s.cell(r, 9).cents(t) != *tx.RunningBalance {
				t.Fatalf("%s I%d = %+v", s.Name, r, s.cell(r, 9))
			}
		}
		if c := s.cell(last+3, 7); c.Type != "f" || c.Value != fmt.Sprintf("=SUM(G2:G%d)", last) {
			t.Errorf("%s total in = %+v", s.Name, c)
		}
	}
	sum := book[SummarySheet]
	for i := range testAccounts {
		r := summaryFirstRow + i
		if c := sum.cell(r, 11); c.Type != "f" || !strings.HasPrefix(c.Value.(string), "=IF(ROUND(") {
			t.Errorf("summary check cell %+v", c)
		}
		if c := sum.cell(r, 12); c.Value != "OK" {
			t.Errorf("summary running balance cell %+v", c)
		}
		if c := sum.cell(r, 1); c.Type != "s" || c.Value != testAccounts[i].Number {
			t.Errorf("account number cell %+v", c)
		}
		if c := sum.cell(r, 6); c.cents(t) != recons[i].In {
			t.Errorf("summary money in %+v, want %s", c, recons[i].In)
		}
	}
	pend := book[PendingSheet]
	if c := pend.cell(2, 3); c.Type != "s" || c.Value != "=PENDING()" {
		t.Errorf("pending description %+v", c)
	}
	if c := pend.cell(2, 2); !c.IsDate || c.Value != "2025-04-01" {
		t.Errorf("pending date %+v", c)
	}
	for _, c := range pend.Cells {
		if c.Value == "OUTSIDE PERIOD" {
			t.Errorf("a pending transaction outside the period is listed")
		}
	}
}

// recalcWithLibreOffice strips every cached formula result from the
// workbook (so nothing but LibreOffice's own calculation can fill them),
// has LibreOffice open it with "recalculate always" and save it as xlsx,
// and returns the path of LibreOffice's file.
func recalcWithLibreOffice(t *testing.T, path string) string {
	t.Helper()
	dir := t.TempDir()
	stripped := filepath.Join(dir, "stripped.xlsx")
	stripCachedResults(t, path, stripped)

	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o700); err != nil {
		t.Fatal(err)
	}
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(xcu), 0o600); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "soffice", "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, stripped)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	res := filepath.Join(outDir, "stripped.xlsx")
	if _, err := os.Stat(res); err != nil {
		t.Fatalf("soffice wrote nothing: %s", out)
	}
	return res
}

var cachedResult = regexp.MustCompile(`(<f>[^<]*</f>)<v>[^<]*</v>`)

func stripCachedResults(t *testing.T, in, out string) {
	t.Helper()
	zr, err := zip.OpenReader(in)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stripped := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			stripped += len(cachedResult.FindAll(data, -1))
			data = cachedResult.ReplaceAll(data, []byte("$1"))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if stripped < 10 {
		t.Fatalf("stripped only %d cached results: the pattern no longer matches the file", stripped)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestWorkbookFormulasComputeInLibreOffice(t *testing.T) {
	t.Parallel()
	src := slicesSource(400, "2025-02-20")
	// A third account with a missing transaction: its check must show the
	// difference, computed by LibreOffice from the cells.
	broken := domain.Account{ID: "broken", Number: "777", ProductName: "Broken"}
	rows := slices.Collect(genRows("broken", "2025-03-01", 40, 5000))
	removed := rows[20]
	rows = slices.Delete(rows, 20, 21)
	src.accounts = append(slices.Clone(src.accounts), broken)
	src.posted["broken"] = rows
	path, recons := writeTestWorkbook(t, src, testRequest())
	loPath := recalcWithLibreOffice(t, path)
	book := dumpWorkbook(t, loPath, true)

	// After LibreOffice has opened and saved the workbook, text that looks
	// like a formula is still text, not a formula.
	formulas := dumpWorkbook(t, loPath, false)
	hostileRows := 0
	for i, a := range src.accounts {
		s := formulas[recons[i].Sheet]
		for j, tx := range inPeriod(src, a.ID, testPeriod) {
			for col, want := range map[int]string{3: tx.Description, 6: tx.Note} {
				if want == "" {
					continue
				}
				c := s.cell(j+2, col)
				if c.Type != "s" || c.Value != want {
					t.Fatalf("%s R%dC%d after LibreOffice = %+v, want the text %q", s.Name, j+2, col, c, want)
				}
				if strings.ContainsAny(want[:1], "=+-@") {
					hostileRows++
				}
			}
		}
	}
	if hostileRows < 20 {
		t.Fatalf("only %d formula-like texts checked", hostileRows)
	}

	for i, a := range src.accounts {
		want := inPeriod(src, a.ID, testPeriod)
		s := book[recons[i].Sheet]
		if s == nil {
			t.Fatalf("LibreOffice lost sheet %q", recons[i].Sheet)
		}
		last := len(want) + 1
		wantIn, wantOut := sums(want)
		if got := s.cell(last+3, 7).cents(t); got != wantIn {
			t.Errorf("%s: SUM of money in = %s, want %s", s.Name, got, wantIn)
		}
		if got := s.cell(last+3, 8).cents(t); got != wantOut {
			t.Errorf("%s: SUM of money out = %s, want %s", s.Name, got, wantOut)
		}
		if got := s.cell(last+4, 7).cents(t); got != wantIn {
			t.Errorf("%s: SUBTOTAL of money in = %s, want %s", s.Name, got, wantIn)
		}
		if got := s.cell(last+3, 9).cents(t); got != *want[len(want)-1].RunningBalance {
			t.Errorf("%s: closing = %s", s.Name, got)
		}
		if s.cell(2, 1).IsDate != true {
			t.Errorf("%s: LibreOffice does not see a date in A2: %+v", s.Name, s.cell(2, 1))
		}
	}
	sum := book[SummarySheet]
	for i := range testAccounts {
		if c := sum.cell(summaryFirstRow+i, 11); c.Value != "OK" {
			t.Errorf("summary check for %s = %+v, want OK", testAccounts[i].Number, c)
		}
	}
	if got := sum.cell(summaryFirstRow+2, 11).cents(t); got != -removed.SignedAmount {
		t.Errorf("summary check for the broken account = %s, want %s", got, -removed.SignedAmount)
	}
	var allIn domain.Money
	for _, a := range src.accounts {
		in, _ := sums(inPeriod(src, a.ID, testPeriod))
		allIn += in
	}
	if got := sum.cell(summaryFirstRow+3, 6).cents(t); got != allIn {
		t.Errorf("summary total in = %s, want %s", got, allIn)
	}

	// Categories: LibreOffice's totals equal sums computed from the rows.
	byCat := map[string][2]domain.Money{}
	var grandOut domain.Money
	for _, a := range src.accounts {
		for _, tx := range inPeriod(src, a.ID, testPeriod) {
			c := tx.Category
			if c == "" {
				c = Uncategorised
			}
			v := byCat[c]
			if tx.Type == domain.Credit {
				v[0] += tx.Amount
			} else {
				v[1] += tx.Amount
				grandOut += tx.Amount
			}
			byCat[c] = v
		}
	}
	cats := book[CategoriesSheet]
	if cats.cell(1, 1).Value != "Money out by category and month" {
		t.Fatalf("categories sheet starts %+v", cats.cell(1, 1))
	}
	months := 2 // March and April
	found := 0
	for r := 3; r < 3+len(byCat); r++ {
		name, _ := cats.cell(r, 1).Value.(string)
		want, ok := byCat[name]
		if !ok {
			t.Fatalf("unexpected category row %q", name)
		}
		found++
		if want[1] == 0 {
			continue
		}
		if got := cats.cell(r, months+2).cents(t); got != want[1] {
			t.Errorf("category %q out = %s, want %s", name, got, want[1])
		}
	}
	if got := cats.cell(3+len(byCat), months+2).cents(t); got != grandOut || found != len(byCat) {
		t.Errorf("categories grand total out = %s, want %s (%d categories)", got, grandOut, found)
	}
	if cats.cell(2+len(byCat), 1).Value != Uncategorised {
		t.Errorf("Uncategorised is not the last category: %+v", cats.cell(2+len(byCat), 1))
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
