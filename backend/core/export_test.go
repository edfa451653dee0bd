package core

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/export"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// cacheFigures are an account's figures for a period computed straight
// from the cache (SQL sums and the stored running balances), independently
// of the export engine.
type cacheFigures struct {
	in, out  domain.Money
	count    int64
	closing  domain.Money
	rows     []domain.Transaction
	lastDate string
}

func figuresFromCache(t *testing.T, d *demoService, accountID string, p domain.Period) cacheFigures {
	t.Helper()
	sess := d.session(t)
	f := domain.TransactionFilter{AccountIDs: []string{accountID}, FromDate: p.From, ToDate: p.To, Status: domain.StatusPosted, Sort: domain.SortDate}
	page, err := sess.store.ListTransactions(t.Context(), f)
	if err != nil {
		t.Fatal(err)
	}
	c := cacheFigures{in: page.Totals.In, out: page.Totals.Out, count: page.Totals.Count}
	for tx, err := range sess.store.AllTransactions(t.Context(), f) {
		if err != nil {
			t.Fatal(err)
		}
		c.rows = append(c.rows, tx)
	}
	if n := len(c.rows); n > 0 {
		c.closing = *c.rows[n-1].RunningBalance
		c.lastDate = c.rows[n-1].PostingDate
	}
	return c
}

// cents reads a spreadsheet number (as JSON text, so no float is involved)
// as cents, rounding to the nearest cent.
func cents(t *testing.T, v any) domain.Money {
	t.Helper()
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	default:
		t.Fatalf("%v (%T) is not a number", v, v)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("%q is not a number", s)
	}
	r.Mul(r, big.NewRat(100, 1))
	half := big.NewRat(1, 2)
	if r.Sign() < 0 {
		r.Sub(r, half)
	} else {
		r.Add(r, half)
	}
	q := new(big.Int).Quo(r.Num(), r.Denom())
	return domain.Money(q.Int64())
}

type cell struct {
	Value  any
	Type   string
	Format string
	IsDate bool
}

type sheet struct {
	name  string
	cells map[[2]int]cell
	rows  int
}

func (s *sheet) at(row, col int) cell { return s.cells[[2]int{row, col}] }

// findRow returns the first row whose column A holds text.
func (s *sheet) findRow(text string) int {
	for r := 1; r <= s.rows; r++ {
		if v, ok := s.at(r, 1).Value.(string); ok && v == text {
			return r
		}
	}
	return 0
}

// readWorkbook reads an .xlsx with openpyxl (the export engine's
// testdata/dump_workbook.py), a reader other than excelize.
func readWorkbook(t *testing.T, path string, values bool) map[string]*sheet {
	t.Helper()
	args := []string{"../export/testdata/dump_workbook.py", path}
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
			Name   string  `json:"name"`
			MaxRow int     `json:"max_row"`
			Cells  [][]any `json:"cells"`
		} `json:"sheets"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	res := map[string]*sheet{}
	for _, s := range raw.Sheets {
		sh := &sheet{name: s.Name, cells: map[[2]int]cell{}, rows: s.MaxRow}
		for _, c := range s.Cells {
			r, _ := c[0].(json.Number).Int64()
			col, _ := c[1].(json.Number).Int64()
			sh.cells[[2]int{int(r), int(col)}] = cell{Value: c[2], Type: c[3].(string), Format: c[4].(string), IsDate: c[5].(bool)}
		}
		res[s.Name] = sh
	}
	return res
}

var cachedValue = regexp.MustCompile(`(<f>[^<]*</f>)<v>[^<]*</v>`)

// recalculate strips every cached formula result from the workbook and has
// LibreOffice (headless) open it, recalculate and save it as xlsx, so the
// formula values read back were computed by LibreOffice alone.
func recalculate(t *testing.T, path string) string {
	t.Helper()
	dir := t.TempDir()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stripped := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			stripped += len(cachedValue.FindAll(data, -1))
			data = cachedValue.ReplaceAll(data, []byte("$1"))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	_ = zr.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if stripped == 0 {
		t.Fatal("the workbook has no formulas to recalculate")
	}
	in := filepath.Join(dir, "stripped.xlsx")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o700); err != nil {
		t.Fatal(err)
	}
	// Recalculate on load, always.
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(xcu), 0o600); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "soffice", "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return filepath.Join(outDir, "stripped.xlsx")
}

func TestExportWorkbookOfTheLastTaxYearReadByOtherReaders(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	accounts := d.accounts(t)

	out, err := d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastTaxYear}, Format: domain.FormatXLSX})
	if err != nil {
		t.Fatal(err)
	}
	if out.Period != lastTaxYear {
		t.Fatalf("period %+v, want %+v", out.Period, lastTaxYear)
	}
	if filepath.Dir(out.Path) != d.exportDir || filepath.Base(out.Path) != "Investec 2025-26 statements.xlsx" {
		t.Fatalf("written to %s", out.Path)
	}
	data, err := os.ReadFile(out.Path)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Files) != 1 || out.Files[0].SHA256 != sha256Hex(data) || out.Files[0].Size != int64(len(data)) {
		t.Fatalf("files %+v do not describe the %d bytes written", out.Files, len(data))
	}
	if len(out.Accounts) != len(accounts) {
		t.Fatalf("%d reconciliations for %d accounts", len(out.Accounts), len(accounts))
	}
	var total int64
	for _, r := range out.Accounts {
		if !r.OK() || r.Arithmetic.Status != domain.CheckOK || r.RunningBalance.Status != domain.CheckOK {
			t.Errorf("account %s does not reconcile: %+v", r.AccountNumber, r)
		}
		total += r.Transactions
	}
	if total == 0 || out.Transactions != total {
		t.Fatalf("transactions %d, reconciled %d", out.Transactions, total)
	}

	figures := map[string]cacheFigures{}
	var sumIn, sumOut domain.Money
	var sumCount int64
	for _, a := range accounts {
		f := figuresFromCache(t, d, a.ID, lastTaxYear)
		figures[a.Number] = f
		sumIn += f.in
		sumOut += f.out
		sumCount += f.count
	}

	// As written: amounts are numbers, dates are dates.
	plain := readWorkbook(t, out.Path, false)
	summary := plain[export.SummarySheet]
	if summary == nil {
		t.Fatal("no Summary sheet")
	}
	sheetOf := map[string]string{}
	for r := 9; r < 9+len(accounts); r++ {
		number, _ := summary.at(r, 1).Value.(string)
		name, _ := summary.at(r, 4).Value.(string)
		sheetOf[number] = name
	}
	for _, a := range accounts {
		sh := plain[sheetOf[a.Number]]
		if sh == nil {
			t.Fatalf("no sheet for account %s (%v)", a.Number, sheetOf)
		}
		f := figures[a.Number]
		dataRows := 0
		for r := 2; r <= sh.rows; r++ {
			date := sh.at(r, 1)
			if !date.IsDate {
				continue
			}
			dataRows++
			if date.Format != export.DateFormat {
				t.Fatalf("%s row %d date format %q", sh.name, r, date.Format)
			}
			bal := sh.at(r, 9)
			if bal.Type != "n" {
				t.Fatalf("%s row %d balance is %q, not a number", sh.name, r, bal.Type)
			}
			amt := sh.at(r, 7)
			if amt.Value == nil {
				amt = sh.at(r, 8)
			}
			if amt.Type != "n" || amt.Format != export.MoneyFormat {
				t.Fatalf("%s row %d amount %+v", sh.name, r, amt)
			}
			if tx := f.rows[dataRows-1]; date.Value != tx.PostingDate || cents(t, bal.Value) != *tx.RunningBalance {
				t.Fatalf("%s row %d: %v %v, the cache has %s %s", sh.name, r, date.Value, bal.Value, tx.PostingDate, tx.RunningBalance)
			}
		}
		if int64(dataRows) != f.count {
			t.Fatalf("%s has %d dated rows, the cache %d", sh.name, dataRows, f.count)
		}
	}

	// Recalculated by LibreOffice: the totals formulas give the cache's sums
	// and every account's check says OK.
	calc := readWorkbook(t, recalculate(t, out.Path), true)
	summary = calc[export.SummarySheet]
	for r := 9; r < 9+len(accounts); r++ {
		number, _ := summary.at(r, 1).Value.(string)
		f := figures[number]
		if got := summary.at(r, 11).Value; got != "OK" {
			t.Errorf("Summary row %d (%s): opening + in − out = closing evaluates to %v", r, number, got)
		}
		if got := summary.at(r, 12).Value; got != "OK" {
			t.Errorf("Summary row %d (%s): running balances %v", r, number, got)
		}
		if cents(t, summary.at(r, 6).Value) != f.in || cents(t, summary.at(r, 7).Value) != f.out || cents(t, summary.at(r, 8).Value) != f.closing {
			t.Errorf("Summary row %d (%s): in %v out %v closing %v, the cache has %s %s %s", r, number,
				summary.at(r, 6).Value, summary.at(r, 7).Value, summary.at(r, 8).Value, f.in, f.out, f.closing)
		}
		sh := calc[sheetOf[number]]
		tr := sh.findRow("Total")
		if tr == 0 {
			t.Fatalf("%s has no Total row", sh.name)
		}
		if cents(t, sh.at(tr, 7).Value) != f.in || cents(t, sh.at(tr, 8).Value) != f.out || cents(t, sh.at(tr, 9).Value) != f.closing {
			t.Errorf("%s totals evaluate to %v %v %v, the cache has %s %s %s", sh.name,
				sh.at(tr, 7).Value, sh.at(tr, 8).Value, sh.at(tr, 9).Value, f.in, f.out, f.closing)
		}
	}
	tr := summary.findRow("Total")
	if tr == 0 {
		t.Fatal("the Summary has no Total row")
	}
	if cents(t, summary.at(tr, 6).Value) != sumIn || cents(t, summary.at(tr, 7).Value) != sumOut {
		t.Errorf("Summary totals evaluate to %v %v, the cache has %s %s", summary.at(tr, 6).Value, summary.at(tr, 7).Value, sumIn, sumOut)
	}
	if n, _ := summary.at(tr, 9).Value.(json.Number).Int64(); n != sumCount {
		t.Errorf("Summary count evaluates to %d, the cache has %d", n, sumCount)
	}
}

// ofxTransaction is what ofxdump (libofx) read from one STMTTRN.
type ofxTransaction struct {
	amount domain.Money
	fitid  string
	name   string
}

// ofxDump runs Debian's ofxdump on an OFX file and returns the ledger
// balance and the transactions it understood.
func ofxDump(t *testing.T, path string) (domain.Money, []ofxTransaction) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "ofxdump", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ofxdump: %v\n%s", err, stderr.String())
	}
	text := string(out)
	var ledger domain.Money
	var txs []ofxTransaction
	for _, block := range strings.Split(text, "\n\n") {
		field := func(name string) string {
			for _, line := range strings.Split(block, "\n") {
				if k, v, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && strings.TrimSpace(k) == name {
					return strings.TrimSpace(v)
				}
			}
			return ""
		}
		switch {
		case strings.Contains(block, "ofx_proc_statement():"):
			var err error
			if ledger, err = domain.ParseMoney(field("Ledger balance")); err != nil {
				t.Fatalf("ledger balance: %v", err)
			}
		case strings.Contains(block, "ofx_proc_transaction():"):
			amt, err := domain.ParseMoney(field("Total money amount"))
			if err != nil {
				t.Fatalf("amount: %v in %q", err, block)
			}
			txs = append(txs, ofxTransaction{amount: amt, fitid: field("Financial institution's ID for this transaction"),
				name: field("Name of payee or transaction description")})
		}
	}
	return ledger, txs
}

func TestExportCSVAndOFXPerAccountRead(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	accounts := d.accounts(t)
	month := domain.PeriodRequest{Preset: domain.PresetMonth, Month: "2026-05"}

	// CSV into a folder of the person's choosing (created).
	dir := filepath.Join(t.TempDir(), "for the accountant")
	out, err := d.Export(ctx, domain.ExportRequest{Period: month, Format: domain.FormatCSV, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	if out.Path != dir || len(out.Files) != len(accounts) || len(out.Accounts) != 0 {
		t.Fatalf("outcome %+v", out)
	}
	var rows int64
	for i, a := range accounts {
		f := figuresFromCache(t, d, a.ID, out.Period)
		file := out.Files[i]
		if want := export.AccountFileName(out.Period, a, ".csv"); file.Name != want {
			t.Fatalf("file %q, want %q", file.Name, want)
		}
		data, err := os.ReadFile(filepath.Join(dir, file.Name))
		if err != nil {
			t.Fatal(err)
		}
		if sha256Hex(data) != file.SHA256 || int64(len(data)) != file.Size {
			t.Fatalf("%s: checksum or size differs from the outcome", file.Name)
		}
		if !bytes.HasPrefix(data, []byte("\ufeff")) {
			t.Fatalf("%s has no byte order mark", file.Name)
		}
		recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs)-1 != int(f.count) {
			t.Fatalf("%s: %d rows, the cache has %d", file.Name, len(recs)-1, f.count)
		}
		var net domain.Money
		for _, r := range recs[1:] {
			m, err := domain.ParseMoney(r[7])
			if err != nil {
				t.Fatal(err)
			}
			net += m
		}
		if net != f.in-f.out {
			t.Fatalf("%s: amounts sum to %s, the cache %s", file.Name, net, f.in-f.out)
		}
		rows += f.count
	}
	if out.Transactions != rows {
		t.Fatalf("transactions %d, want %d", out.Transactions, rows)
	}

	// Again into the same folder: nothing is replaced.
	again, err := d.Export(ctx, domain.ExportRequest{Period: month, Format: domain.FormatCSV, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(again.Files[0].Name, " (2).csv") {
		t.Fatalf("second export named %q", again.Files[0].Name)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2*len(accounts) {
		t.Fatalf("%d files in the folder, want %d", len(entries), 2*len(accounts))
	}

	// OFX, read back by libofx's ofxdump.
	out, err = d.Export(ctx, domain.ExportRequest{Period: month, Format: domain.FormatOFX})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(out.Path) != d.exportDir || filepath.Base(out.Path) != "Investec May 2026 OFX" {
		t.Fatalf("OFX folder %s", out.Path)
	}
	sawAccent := false
	for i, a := range accounts {
		f := figuresFromCache(t, d, a.ID, out.Period)
		ledger, txs := ofxDump(t, filepath.Join(out.Path, out.Files[i].Name))
		if len(txs) != len(f.rows) || len(txs) == 0 {
			t.Fatalf("%s: ofxdump read %d transactions, the cache has %d", out.Files[i].Name, len(txs), len(f.rows))
		}
		fitids := map[string]bool{}
		for j, tx := range txs {
			if tx.amount != f.rows[j].SignedAmount {
				t.Fatalf("%s transaction %d: %s, the cache has %s", out.Files[i].Name, j, tx.amount, f.rows[j].SignedAmount)
			}
			if !strings.HasPrefix(strings.Join(strings.Fields(f.rows[j].Description), " "), tx.name) || tx.name == "" {
				t.Fatalf("%s transaction %d: name %q for %q", out.Files[i].Name, j, tx.name, f.rows[j].Description)
			}
			if tx.fitid == "" || fitids[tx.fitid] {
				t.Fatalf("%s transaction %d: FITID %q missing or repeated", out.Files[i].Name, j, tx.fitid)
			}
			fitids[tx.fitid] = true
			sawAccent = sawAccent || strings.ContainsRune(tx.name, 'È')
		}
		if ledger != f.closing {
			t.Fatalf("%s: ledger balance %s, the cache's closing balance %s", out.Files[i].Name, ledger, f.closing)
		}
	}
	if !sawAccent {
		t.Log("no accented description in this month (nothing to check for UTF-8)")
	}
}

func TestExportPackOfTheLastTaxYearHasEveryDocument(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	client := d.client(t)
	accounts := d.accounts(t)

	out, err := d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetTaxYear, TaxYear: 2025}, Format: domain.FormatPack, Zip: true})
	if err != nil {
		t.Fatal(err)
	}
	if out.Path != filepath.Join(d.exportDir, "Investec 2025-26 accountant pack.zip") {
		t.Fatalf("pack at %s", out.Path)
	}
	for _, r := range out.Accounts {
		if !r.OK() || r.Arithmetic.Status != domain.CheckOK || r.RunningBalance.Status != domain.CheckOK {
			t.Errorf("account %s does not reconcile: %+v", r.AccountNumber, r)
		}
	}
	zr, err := zip.OpenReader(out.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	const root = "Investec 2025-26 accountant pack/"
	entries := map[string][]byte{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, root) {
			t.Fatalf("entry %q outside the pack's folder", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		entries[strings.TrimPrefix(f.Name, root)] = b
	}

	// The manifest's checksums match the files.
	var m export.Manifest
	if err := json.Unmarshal(entries[export.ManifestJSON], &m); err != nil {
		t.Fatal(err)
	}
	if m.Period != lastTaxYear || len(m.Accounts) != len(accounts) {
		t.Fatalf("manifest %+v", m)
	}
	if len(m.Files) != len(entries)-2 {
		t.Fatalf("the manifest lists %d files, the pack holds %d besides the manifests", len(m.Files), len(entries)-2)
	}
	for _, f := range m.Files {
		b, ok := entries[f.Name]
		if !ok || sha256Hex(b) != f.SHA256 || int64(len(b)) != f.Size {
			t.Fatalf("manifest entry %+v does not match the file (present %v)", f, ok)
		}
		if !strings.Contains(string(entries[export.ManifestText]), f.SHA256+"  "+f.Name) {
			t.Fatalf("MANIFEST.txt lacks %s", f.Name)
		}
	}

	// Every statement and tax certificate the bank lists for the tax year
	// is in the pack with the bank's bytes, and so are the documents that
	// close it: the first statement after it and the IT3(b) issued in March.
	inPack := map[string]bool{}
	docEntries := 0
	for name, b := range entries {
		if strings.HasPrefix(name, export.DocumentsFolder+"/") {
			inPack[sha256Hex(b)] = true
			docEntries++
			if !bytes.HasPrefix(b, []byte("%PDF-")) || filepath.Ext(name) != ".pdf" {
				t.Errorf("%s is not a PDF", name)
			}
		}
	}
	want, extra := 0, 0
	for _, a := range accounts {
		listed, err := client.ListDocuments(ctx, a.ID, lastTaxYear.From, lastTaxYear.To)
		if err != nil {
			t.Fatal(err)
		}
		after, err := client.ListDocuments(ctx, a.ID, "2026-03-01", "2026-03-31")
		if err != nil {
			t.Fatal(err)
		}
		if len(listed) == 0 || len(after) == 0 {
			t.Fatalf("the demo bank lists %d documents for %s in the tax year and %d after it", len(listed), a.Number, len(after))
		}
		var closing []string
		stmt := ""
		for _, x := range after {
			if x.DocumentType == domain.DocumentTaxCertificate {
				closing = append(closing, x.DocumentType+" "+x.DocumentDate)
			}
			if x.DocumentType == domain.DocumentStatement && (stmt == "" || x.DocumentDate < stmt) {
				stmt = x.DocumentDate
			}
		}
		if stmt != "" {
			closing = append(closing, domain.DocumentStatement+" "+stmt)
		}
		for _, x := range append(listed, after...) {
			isClosing := slices.Contains(closing, x.DocumentType+" "+x.DocumentDate)
			inPeriod := x.DocumentDate <= lastTaxYear.To
			if !inPeriod && !isClosing {
				continue
			}
			file, err := client.GetDocument(ctx, a.ID, x.DocumentType, x.DocumentDate)
			if err != nil {
				t.Fatal(err)
			}
			if !inPack[sha256Hex(file.Data)] {
				t.Errorf("the pack lacks %s's %s of %s", a.Number, x.DocumentType, x.DocumentDate)
			}
			want++
			if !inPeriod {
				extra++
			}
		}
	}
	if docEntries != want || extra < 2*len(accounts) {
		t.Fatalf("%d documents in the pack, want %d (%d closing the period)", docEntries, want, extra)
	}
	for _, suffix := range []string{".xlsx", ".csv", ".ofx"} {
		n := 0
		for name := range entries {
			if strings.HasSuffix(name, suffix) {
				n++
			}
		}
		if (suffix == ".xlsx" && n != 1) || (suffix != ".xlsx" && n != len(accounts)) {
			t.Errorf("%d %s files in the pack", n, suffix)
		}
	}

	// The documents are now archived: offline, a second pack (a folder this
	// time, given an existing folder that has files) is made from the
	// archive alone.
	if err := d.SetDemoOffline(ctx, true); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	if err := os.WriteFile(filepath.Join(parent, "other.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	out2, err := d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastTaxYear}, Format: domain.FormatPack, Path: parent})
	if err != nil {
		t.Fatalf("offline pack from the archive: %v", err)
	}
	if out2.Path != filepath.Join(parent, "Investec 2025-26 accountant pack") {
		t.Fatalf("offline pack at %s", out2.Path)
	}
	for _, f := range out2.Files {
		b, err := os.ReadFile(filepath.Join(out2.Path, filepath.FromSlash(f.Name)))
		if err != nil || sha256Hex(b) != f.SHA256 {
			t.Fatalf("%s: %v or checksum differs", f.Name, err)
		}
	}
	n := 0
	for _, f := range out2.Files {
		if strings.HasPrefix(f.Name, export.DocumentsFolder+"/") {
			n++
		}
	}
	if n != docEntries {
		t.Fatalf("offline pack has %d documents, the online one %d", n, docEntries)
	}

	// A period whose documents were never downloaded fails offline, saying
	// why, and leaves nothing.
	_, err = d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetTaxYear, TaxYear: 2024}, Format: domain.FormatPack, Zip: true})
	if domain.ErrorCode(err) != domain.CodeOffline || !strings.Contains(domain.ErrorMessage(err), "not downloaded yet and Investec cannot be reached") {
		t.Fatalf("offline pack of an unarchived year: %v", err)
	}
	if _, err := os.Stat(filepath.Join(d.exportDir, "Investec 2024-25 accountant pack.zip")); err == nil {
		t.Fatal("a failed pack left its archive")
	}
}

// dirContents lists every file under dir, hidden ones included.
func dirContents(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			out = append(out, strings.TrimPrefix(p, dir+string(filepath.Separator)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExportCancelledLeavesNothing(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	for _, c := range []struct {
		format domain.ExportFormat
		phase  domain.ExportPhase
		nth    int
	}{
		{domain.FormatXLSX, domain.ExportWorkbook, 1},
		{domain.FormatCSV, domain.ExportCSV, 3}, // the second account's file
		{domain.FormatOFX, domain.ExportOFX, 3},
		{domain.FormatPack, domain.ExportDocuments, 2}, // after the first document
	} {
		t.Run(string(c.format), func(t *testing.T) {
			seen := 0
			d.ev.setHook(func(name string, payload any) {
				if p, ok := payload.(domain.ExportProgress); ok && p.Phase == c.phase {
					if seen++; seen == c.nth {
						d.CancelExport()
					}
				}
			})
			defer d.ev.setHook(nil)
			_, err := d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastTaxYear}, Format: c.format, Zip: true})
			if domain.ErrorCode(err) != domain.CodeCancelled {
				t.Fatalf("cancelled export: %v (seen %d %s events)", err, seen, c.phase)
			}
			if left := dirContents(t, d.exportDir); len(left) > 0 {
				t.Fatalf("a cancelled export left %v", left)
			}
		})
	}
}

func TestExportRefusesASecondExportAndBadRequests(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	var second error
	d.ev.setHook(func(name string, payload any) {
		if name == domain.EventExportProgress && second == nil {
			_, second = d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastMonth}, Format: domain.FormatCSV})
		}
	})
	if _, err := d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastMonth}, Format: domain.FormatXLSX}); err != nil {
		t.Fatal(err)
	}
	d.ev.setHook(nil)
	if domain.ErrorCode(second) != domain.CodeConflict {
		t.Fatalf("an export during an export: %v", second)
	}
	if _, err := d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastMonth}, Format: domain.FormatCSV}); err != nil {
		t.Fatalf("after the first export finished: %v", err)
	}

	_, err := d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetCustom, From: "2026-03-01", To: "2026-02-01"}, Format: "pdf"})
	p := domain.Payload(err)
	var fields []string
	for _, f := range p.Fields {
		fields = append(fields, f.Field)
	}
	if p.Code != domain.CodeInvalid || !slices.Equal(fields, []string{"format", "to"}) {
		t.Fatalf("payload %+v", p)
	}
	_, err = d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastMonth}, Format: domain.FormatXLSX, AccountIDs: []string{"nope"}})
	if p := domain.Payload(err); p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "accountIds" {
		t.Fatalf("unknown account: %+v", p)
	}
	// A file where CSV files' folder should be.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = d.Export(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastMonth}, Format: domain.FormatCSV, Path: file})
	if p := domain.Payload(err); p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "path" {
		t.Fatalf("csv into a file: %+v", p)
	}
}

func TestExportPlanPathsAndShowInFolder(t *testing.T) {
	t.Parallel()
	d := newDemoService(t)
	ctx := t.Context()
	accounts := d.accounts(t)
	one := []string{accounts[1].ID}

	req := domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetMonth, Month: "2026-04"}, Format: domain.FormatXLSX, AccountIDs: one}
	plan, err := d.ExportPlan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	wantName := export.WorkbookFileName(plan.Period, accounts[1:2])
	if plan.Folder != d.exportDir || plan.Name != wantName || plan.Path != filepath.Join(d.exportDir, wantName) || plan.IsFolder {
		t.Fatalf("plan %+v", plan)
	}
	first, err := d.Export(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if first.Path != plan.Path || len(first.Accounts) != 1 || first.Accounts[0].AccountID != accounts[1].ID {
		t.Fatalf("first export %+v", first)
	}
	plan2, err := d.ExportPlan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	second, err := d.Export(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSuffix(plan.Path, ".xlsx") + " (2).xlsx"; plan2.Path != want || second.Path != want {
		t.Fatalf("second default path %s (planned %s), want %s", second.Path, plan2.Path, want)
	}

	// A chosen name without the extension gets it; an existing workbook at a
	// chosen path is replaced (the save dialog asked).
	chosen := filepath.Join(t.TempDir(), "april")
	req.Path = chosen
	got, err := d.Export(ctx, req)
	if err != nil || got.Path != chosen+".xlsx" {
		t.Fatalf("chosen path: %v %s", err, got.Path)
	}
	if err := os.WriteFile(chosen+".xlsx", []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err = d.Export(ctx, req); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(chosen + ".xlsx"); len(b) < 1000 {
		t.Fatal("the chosen workbook was not replaced")
	}

	plan, err = d.ExportPlan(ctx, domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastTaxYear}, Format: domain.FormatPack})
	if err != nil || !plan.IsFolder || plan.Name != "Investec 2025-26 accountant pack" {
		t.Fatalf("pack plan %+v %v", plan, err)
	}

	// Show in folder opens the workbook's folder, and only for an export
	// this process wrote.
	if err := d.ShowExport(ctx, first.Path); err != nil {
		t.Fatal(err)
	}
	if err := d.ShowExport(ctx, "/etc/passwd"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("show an unknown path: %v", err)
	}
	if err := d.ShowExport(ctx, d.exportDir); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("show the export folder itself: %v", err)
	}
	if got := d.opener.opened(); !slices.Equal(got, []string{d.exportDir}) {
		t.Fatalf("opened %v, want [%s]", got, d.exportDir)
	}
}

func TestExportBeforeAnySyncAndTheDefaultFolder(t *testing.T) {
	// Not parallel: it points HOME at a scratch directory.
	home := t.TempDir()
	t.Setenv("HOME", home)
	dataDir := t.TempDir()
	svc, err := Open(Config{DataDir: dataDir, Demo: true, Secrets: secrets.NewMemory(), Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	_, err = svc.Export(t.Context(), domain.ExportRequest{Period: domain.PeriodRequest{Preset: domain.PresetLastMonth}, Format: domain.FormatXLSX})
	if domain.ErrorCode(err) != domain.CodeInvalid || !strings.Contains(domain.ErrorMessage(err), "Sync first") {
		t.Fatalf("export before any sync: %v", err)
	}

	// Without EnvExportDir: Documents, else Downloads, else the data
	// directory's exports folder (created, private).
	for _, c := range []struct{ mkdir, want string }{
		{"", filepath.Join(dataDir, "exports")},
		{"Downloads", filepath.Join(home, "Downloads")},
		{"Documents", filepath.Join(home, "Documents")},
	} {
		if c.mkdir != "" {
			if err := os.Mkdir(filepath.Join(home, c.mkdir), 0o700); err != nil {
				t.Fatal(err)
			}
		}
		got, err := svc.exportFolder()
		if err != nil || got != c.want {
			t.Fatalf("default folder %q (%v), want %q", got, err, c.want)
		}
		if fi, err := os.Stat(got); err != nil || !fi.IsDir() {
			t.Fatalf("%s: %v", got, err)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dataDir, "exports")); fi.Mode().Perm() != 0o700 {
		t.Errorf("exports folder mode %v", fi.Mode().Perm())
	}
}

func TestStatementsStateGoesWithItsService(t *testing.T) {
	t.Parallel()
	svc, err := Open(Config{DataDir: t.TempDir(), Secrets: secrets.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	svc.SetOpener(&recordingOpener{})
	key := weak.Make(svc)
	if _, ok := statementStates.Load(key); !ok {
		t.Fatal("no state recorded for the service")
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	svc = nil
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if _, ok := statementStates.Load(key); !ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the state outlived its service")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
