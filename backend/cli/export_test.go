package cli

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// syncedDemo syncs the demo bank into a fresh data directory.
func syncedDemo(t *testing.T) (cliEnv, string) {
	t.Helper()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	if r := c.run(t, "--demo", "--data-dir", dir, "sync"); r.code != 0 {
		t.Fatalf("sync: %d %q", r.code, r.stderr)
	}
	return c, dir
}

func TestExportCommand(t *testing.T) {
	t.Parallel()
	c, dir := syncedDemo(t)
	out := t.TempDir()

	// The workbook's folder is created.
	r := c.run(t, "--demo", "--data-dir", dir, "export", "--last-tax-year", "--out", filepath.Join(out, "new", "year.xlsx"), "--json")
	if r.code != 0 {
		t.Fatalf("export: %d %q", r.code, r.stderr)
	}
	var res exportJSON
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("%v in %q", err, r.stdout)
	}
	taxYear := domain.TaxYearOf(time.Now()) - 1
	if res.Format != "xlsx" || res.Path != filepath.Join(out, "new", "year.xlsx") || res.Period != domain.TaxYearPeriod(taxYear) ||
		len(res.Accounts) != 4 || res.Transactions == 0 || len(res.Files) != 1 {
		t.Fatalf("result %+v", res)
	}
	for _, a := range res.Accounts {
		if !a.OK || a.Arithmetic.Status != "ok" {
			t.Errorf("account %s: %+v", a.AccountNumber, a)
		}
		if _, err := domain.ParseMoney(a.Closing); err != nil {
			t.Errorf("closing %q is not a decimal string", a.Closing)
		}
	}
	if fi, err := os.Stat(res.Path); err != nil || fi.Size() != res.Files[0].Size {
		t.Fatalf("workbook: %v", err)
	}
	if !strings.Contains(r.stderr, "workbook: ") {
		t.Errorf("no progress on stderr: %q", r.stderr)
	}

	// The human form, one account by number, CSV into a new folder.
	r = c.run(t, "--demo", "--data-dir", dir, "accounts", "--json")
	var accounts []accountJSON
	if err := json.Unmarshal([]byte(r.stdout), &accounts); err != nil || len(accounts) != 4 {
		t.Fatalf("accounts: %v", err)
	}
	csvDir := filepath.Join(out, "csv")
	r = c.run(t, "--demo", "--data-dir", dir, "export", "--format", "csv", "--from", res.Period.From, "--to", res.Period.To,
		"--account", accounts[0].AccountNumber, "--out", csvDir)
	if r.code != 0 || !strings.Contains(r.stdout, "Wrote "+csvDir) {
		t.Fatalf("csv export: %d %q %q", r.code, r.stdout, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(csvDir, "*.csv"))
	if len(files) != 1 || !strings.Contains(filepath.Base(files[0]), accounts[0].AccountNumber[len(accounts[0].AccountNumber)-4:]) {
		t.Fatalf("csv files %v", files)
	}

	// The reconciliation table for a workbook.
	r = c.run(t, "--demo", "--data-dir", dir, "export", "--month", time.Now().AddDate(0, -1, 0).Format("2006-01"), "--out", filepath.Join(out, "month"))
	if r.code != 0 || !strings.Contains(r.stdout, "RECONCILED") || strings.Count(r.stdout, " OK") < 4 {
		t.Fatalf("month export: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "month.xlsx")); err != nil {
		t.Fatal("the .xlsx extension was not added")
	}
}

func TestExportCommandRejectsBadUsage(t *testing.T) {
	t.Parallel()
	c := cliEnv{secrets: secrets.NewMemory()}
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "x.xlsx")
	for _, args := range [][]string{
		{"export", "--out", out},
		{"export", "--from", "2026-01-01", "--out", out},
		{"export", "--from", "2026-01-01", "--to", "2026-02-30", "--out", out},
		{"export", "--tax-year", "2025", "--month", "2026-01", "--out", out},
		{"export", "--month", "2026-13", "--out", out},
		{"export", "--tax-year", "25", "--out", out},
		{"export", "--last-month", "--format", "pdf", "--out", out},
		{"export", "--last-month"},
		{"pack", "--tax-year", "2025"},
		{"pack", "--out", out},
		{"documents", "list", "--type", "invoice"},
		{"documents", "download", "--from", "yesterday"},
	} {
		r := c.run(t, append([]string{"--demo", "--data-dir", dir}, args...)...)
		if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d stderr %q; want 2 and one line", args, r.code, r.stderr)
		}
	}
	// Dates the wrong way round are named by their flags, once.
	for _, args := range [][]string{
		{"export", "--from", "2026-02-01", "--to", "2026-01-31", "--out", out},
		{"pack", "--from", "2026-02-01", "--to", "2026-01-31", "--out", out},
		{"documents", "list", "--from", "2026-02-01", "--to", "2026-01-31"},
		{"documents", "download", "--from", "2026-02-01", "--to", "2026-01-31"},
	} {
		r := c.run(t, append([]string{"--demo", "--data-dir", dir}, args...)...)
		if want := "--to (2026-01-31) is before --from (2026-02-01)"; r.code != 2 || strings.TrimSpace(r.stderr) != "investec-desk: "+want {
			t.Errorf("%v: exit %d stderr %q; want 2 and %q", args, r.code, r.stderr, want)
		}
	}
	// A valid request on an empty cache is a one-line failure, not a file.
	r := c.run(t, "--demo", "--data-dir", dir, "export", "--last-month", "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "Sync first") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("export of an empty cache: %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed export wrote a file")
	}
	r = c.run(t, "pack", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "1 March 2025 to 28 February 2026") {
		t.Errorf("pack --help does not explain tax years: %q", r.stdout)
	}
}

func TestPackAndDocumentsCommands(t *testing.T) {
	t.Parallel()
	c, dir := syncedDemo(t)
	out := t.TempDir()
	taxYear := domain.TaxYearOf(time.Now()) - 1
	period := domain.TaxYearPeriod(taxYear)

	// Before any download, the list says nothing is archived.
	r := c.run(t, "--demo", "--data-dir", dir, "documents", "list", "--from", period.From, "--to", period.To, "--json")
	var docs []documentJSON
	if err := json.Unmarshal([]byte(r.stdout), &docs); err != nil || len(docs) == 0 {
		t.Fatalf("documents list: %v %q %q", err, r.stdout, r.stderr)
	}
	statements := 0
	for _, d := range docs {
		if d.Downloaded {
			t.Fatalf("%+v downloaded before any download", d)
		}
		if d.DocumentType == domain.DocumentStatement {
			statements++
		}
	}

	// Download the statements and copy them out.
	copies := filepath.Join(out, "copies")
	r = c.run(t, "--demo", "--data-dir", dir, "documents", "download", "--type", "statement", "--from", period.From, "--to", period.To, "--out", copies)
	if r.code != 0 || !strings.Contains(r.stdout, "downloaded, 0 already in the archive, 0 failed") {
		t.Fatalf("documents download: %d %q %q", r.code, r.stdout, r.stderr)
	}
	pdfs, _ := filepath.Glob(filepath.Join(copies, "Statement *.pdf"))
	if len(pdfs) != statements {
		t.Fatalf("%d copies, %d statements listed", len(pdfs), statements)
	}
	r = c.run(t, "--demo", "--data-dir", dir, "documents", "list", "--from", period.From, "--to", period.To)
	if r.code != 0 || strings.Count(r.stdout, " yes ") != statements || !strings.Contains(r.stdout, "Tax certificate") {
		t.Fatalf("documents list after download: %q", r.stdout)
	}

	// The pack of the tax year, as a zip.
	zipPath := filepath.Join(out, "pack.zip")
	r = c.run(t, "--demo", "--data-dir", dir, "pack", "--tax-year", strconv.Itoa(taxYear), "--out", zipPath, "--json")
	if r.code != 0 {
		t.Fatalf("pack: %d %q", r.code, r.stderr)
	}
	var res exportJSON
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.Format != "pack" || res.Path != zipPath {
		t.Fatalf("pack result %v %+v", err, res)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	pdfsInPack := 0
	for _, f := range zr.File {
		names[f.Name] = true
		if strings.HasSuffix(f.Name, ".pdf") {
			pdfsInPack++
		}
	}
	if !names["pack/MANIFEST.txt"] || !names["pack/manifest.json"] || pdfsInPack < len(docs) {
		t.Fatalf("pack holds %d PDFs for %d listed documents: %v", pdfsInPack, len(docs), names)
	}
	if !strings.Contains(r.stderr, "documents: ") || !strings.Contains(r.stderr, "manifest: ") {
		t.Errorf("pack progress: %q", r.stderr)
	}
}
