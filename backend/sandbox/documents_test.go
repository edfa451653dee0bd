package sandbox

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// poppler runs a poppler-utils tool (pdftotext, pdfinfo) on a PDF file and
// returns its output; it fails the test if the tool rejects the file.
func poppler(t *testing.T, tool string, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s is needed to check the PDFs (Debian: apt-get install poppler-utils): %v", tool, err)
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), bin, append(args, f, "-")...)
	if tool == "pdfinfo" {
		cmd = exec.CommandContext(t.Context(), bin, f)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s rejects the PDF: %v %s", tool, err, stderr.String())
	}
	return string(out)
}

func TestStatementPDF(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	acct := h.s.Accounts()[0]
	resp, pdf := h.do(http.MethodGet, "/za/pb/v1/accounts/"+acct.ID+"/document/Statement/2026-11-16", tok, "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("statement: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	info := poppler(t, "pdfinfo", pdf)
	if !strings.Contains(info, "Page size:       595 x 842 pts (A4)") || !strings.Contains(info, "PDF version:     1.4") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	text := poppler(t, "pdftotext", pdf, "-layout")

	// The statement's balances and lines are the ledger's.
	rows := h.transactions(tok, acct.ID, "fromDate=2026-10-17&toDate=2026-11-16")
	if len(rows) < 40 {
		t.Fatalf("only %d rows in the statement period", len(rows))
	}
	first, last := rows[0], rows[len(rows)-1]
	opening := cents(t, first.RunningBalance)
	if first.Type == "CREDIT" {
		opening -= cents(t, first.Amount)
	} else {
		opening += cents(t, first.Amount)
	}
	closing := cents(t, last.RunningBalance)
	for _, want := range []string{
		"Private Bank Account statement", "Thandi Mokoena", "Account number: " + acct.Number,
		"Statement period: 17 October 2026 to 16 November 2026",
		"R " + rands(opening), "R " + rands(closing),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("statement text lacks %q", want)
		}
	}
	if !regexpLine(text, "Opening balance", "R "+rands(opening)) || !regexpLine(text, "Closing balance", "R "+rands(closing)) {
		t.Errorf("opening %s / closing %s not on their lines:\n%s", rands(opening), rands(closing), text[:min(len(text), 1500)])
	}
	// Every transaction is a line, with its running balance; accents and
	// apostrophes survive (WinAnsiEncoding), unescaped.
	for _, r := range rows {
		desc := strings.NewReplacer("&apos;", "'", "&amp;", "&").Replace(r.Description)
		if !regexpLine(text, *r.PostingDate+" ", desc, rands(cents(t, r.RunningBalance))) {
			t.Errorf("no line for %s %s %s", *r.PostingDate, desc, r.RunningBalance)
		}
	}
	if n := strings.Count(text, "Investec Desk sandbox statement "+acct.Number+" - page "); n < 2 {
		t.Errorf("%d page footers; a month of transactions should take two pages", n)
	}
}

// regexpLine reports whether one line of text contains all parts in order.
func regexpLine(text string, parts ...string) bool {
	for _, line := range strings.Split(text, "\n") {
		rest, ok := line, true
		for _, p := range parts {
			i := strings.Index(rest, p)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(p):]
		}
		if ok {
			return true
		}
	}
	return false
}

func TestTaxCertificatePDF(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	acct := h.s.Accounts()[1] // the PrimeSaver earns interest
	resp, pdf := h.do(http.MethodGet, "/za/pb/v1/accounts/"+acct.ID+"/document/TaxCertificate/2026-03-05", tok, "")
	if resp.StatusCode != 200 {
		t.Fatalf("tax certificate: %d", resp.StatusCode)
	}
	text := poppler(t, "pdftotext", pdf, "-layout")
	var interest int64
	for _, r := range h.transactions(tok, acct.ID, "fromDate=2025-03-01&toDate=2026-02-28&transactionType=FeesAndInterest") {
		if r.Type == "CREDIT" {
			interest += cents(t, r.Amount)
		}
	}
	if interest < 100000 {
		t.Fatalf("only %s interest in a year on the PrimeSaver", rands(interest))
	}
	for _, want := range []string{"Tax certificate IT3(b)", "Tax year: 1 March 2025 to 28 February 2026", "Issued: 5 March 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("certificate lacks %q", want)
		}
	}
	if !regexpLine(text, "Local interest received", "R "+rands(interest)) {
		t.Errorf("certificate does not show interest of R %s:\n%s", rands(interest), text)
	}
}

func TestDocumentList(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	id := h.s.Accounts()[0].ID
	var env struct {
		Data []struct {
			DocumentType string `json:"documentType"`
			DocumentDate string `json:"documentDate"`
		} `json:"data"`
	}
	h.getJSON("/za/pb/v1/accounts/"+id+"/documents?fromDate=2025-01-01&toDate=2026-11-26", tok, &env)
	if len(env.Data) != 23+2 {
		t.Errorf("%d documents from January 2025, want 23 monthly statements and 2 tax certificates", len(env.Data))
	}
	for i, d := range env.Data {
		if i > 0 && d.DocumentDate > env.Data[i-1].DocumentDate {
			t.Errorf("documents not newest first at %d", i)
		}
		// Every listed document downloads.
		resp, b := h.do(http.MethodGet, "/za/pb/v1/accounts/"+id+"/document/"+d.DocumentType+"/"+d.DocumentDate, tok, "")
		if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s %s: %d", d.DocumentType, d.DocumentDate, resp.StatusCode)
		}
	}
	// Without dates: the last month, like Investec's sandbox.
	h.getJSON("/za/pb/v1/accounts/"+id+"/documents", tok, &env)
	if len(env.Data) != 1 || env.Data[0].DocumentDate != "2026-11-16" {
		t.Errorf("default list %+v", env.Data)
	}
	// A date that has no document is refused.
	if resp, _ := h.do(http.MethodGet, "/za/pb/v1/accounts/"+id+"/document/Statement/2026-11-15", tok, ""); resp.StatusCode != 400 {
		t.Errorf("non-existent statement: %d", resp.StatusCode)
	}
}
