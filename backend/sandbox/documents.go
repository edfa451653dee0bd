package sandbox

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Document types, as the documents endpoint names them.
const (
	docStatement      = "Statement"
	docTaxCertificate = "TaxCertificate"
)

// document is one entry of an account's document list.
type document struct {
	kind string
	date day
}

// statementDates returns the account's monthly statement dates on or before
// today whose whole period lies in the history.
func (b *bank) statementDates(a *account, today day) []day {
	var out []day
	y, m, _ := b.windowStart.civil()
	for {
		d := civilDay(y, m, min(a.statementDD, civilDay(y, m, 1).daysInMonth()))
		if d > today {
			break
		}
		if prev := previousStatement(a, d); prev >= b.windowStart-1 {
			out = append(out, d)
		}
		m++
		if m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

// previousStatement returns the statement date a month before d.
func previousStatement(a *account, d day) day {
	y, m, _ := d.civil()
	m--
	if m == 0 {
		y, m = y-1, 12
	}
	return civilDay(y, m, min(a.statementDD, civilDay(y, m, 1).daysInMonth()))
}

// taxCertificateDates returns the dates of the yearly tax certificates
// (IT3(b), interest earned): issued on the first weekday from 5 March for
// the tax year that ended on the last day of February.
func (b *bank) taxCertificateDates(today day) []day {
	var out []day
	y0, _, _ := b.windowStart.civil()
	ty, _, _ := today.civil()
	for y := y0; y <= ty; y++ {
		d := civilDay(y, 3, 5)
		for d.weekend() {
			d++
		}
		yearEnd := civilDay(y, 3, 1) - 1
		if d <= today && yearEnd >= b.windowStart {
			out = append(out, d)
		}
	}
	return out
}

// documents lists an account's documents dated in [from, to], newest
// first, limited to the kinds the session may see.
func (s *Server) documents(ss session, a *account, from, to, today day) []document {
	var out []document
	if ss.hasScope(ScopeDocumentsStatements) {
		for _, d := range s.bank.statementDates(a, today) {
			if d >= from && d <= to {
				out = append(out, document{docStatement, d})
			}
		}
	}
	if ss.hasScope(ScopeDocumentsTaxCertificates) {
		for _, d := range s.bank.taxCertificateDates(today) {
			if d >= from && d <= to {
				out = append(out, document{docTaxCertificate, d})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].date > out[j].date })
	return out
}

// handleDocuments lists statements and tax certificates. fromDate and
// toDate are required by the spec, but Investec's sandbox answers without
// them, defaulting to the last month.
func (s *Server) handleDocuments(w http.ResponseWriter, r *http.Request, ss session) {
	type wireDocument struct {
		DocumentType string `json:"documentType"`
		DocumentDate string `json:"documentDate"`
	}
	a, today, ok := s.lockAccount(w, r, ss)
	if !ok {
		return
	}
	from, to, ok := parseWindow(w, r, today, today-today.addMonths(-1))
	if !ok {
		s.mu.Unlock()
		return
	}
	out := []wireDocument{}
	for _, doc := range s.documents(ss, a, from, to, today) {
		out = append(out, wireDocument{doc.kind, doc.date.String()})
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: out, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// handleDocument returns a listed document as a PDF file.
func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request, ss session) {
	a, today, ok := s.lockAccount(w, r, ss)
	if !ok {
		return
	}
	kind := r.PathValue("documentType")
	date, err := parseDay(r.PathValue("documentDate"))
	var pdf []byte
	if err == nil {
		for _, doc := range s.documents(ss, a, date, date, today) {
			if doc.kind == kind {
				if kind == docStatement {
					pdf = s.statementPDF(a, date)
				} else {
					pdf = s.taxCertificatePDF(a, date)
				}
			}
		}
	}
	s.mu.Unlock()
	if pdf == nil {
		writeBareString(w, http.StatusBadRequest, "The specified document is invalid. (Parameter 'documentDate')")
		return
	}
	h := w.Header()
	h.Set("Content-Disposition", `attachment; filename="`+kind+"-"+date.String()+`.pdf"`)
	writeRaw(w, http.StatusOK, "application/pdf", pdf)
}

// rands formats cents for a statement: R 12 345.67 with space grouping, as
// South African statements print amounts.
func rands(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	s := b.String() + "." + string([]byte{byte('0' + cents%100/10), byte('0' + cents%10)})
	if neg {
		return "-" + s
	}
	return s
}

// longDate formats d as "16 March 2026".
func longDate(d day) string {
	y, m, dd := d.civil()
	return strconv.Itoa(dd) + " " + time.Month(m).String() + " " + strconv.Itoa(y)
}

// statementPDF renders the statement issued on date: the period since the
// previous statement, opening balance, every posted transaction with its
// running balance, and the closing balance. The caller holds s.mu.
func (s *Server) statementPDF(a *account, date day) []byte {
	from := previousStatement(a, date) + 1
	lo, hi := a.dayStart(from), a.dayEnd(date)
	opening := a.opening
	if lo > 0 {
		opening = a.posted[lo-1].balance
	}
	closing := opening
	if hi > 0 && hi > lo {
		closing = a.posted[hi-1].balance
	}
	var in, out int64
	for i := lo; i < hi; i++ {
		if a.posted[i].credit {
			in += a.posted[i].amount
		} else {
			out += a.posted[i].amount
		}
	}
	holder := a.name
	if a.profile >= 0 {
		holder = s.bank.profiles[a.profile].name
	}
	lines := []pdfLine{
		{{x: pdfMargin, text: "Investec", bold: true, size: 18}},
		{},
		{{x: pdfMargin, text: a.product + " statement", bold: true, size: 12}},
		{},
		{{x: pdfMargin, text: holder}},
		{{x: pdfMargin, text: "Account name: " + a.name}, {x: 330, text: "Account number: " + a.number}},
		{{x: pdfMargin, text: "Statement period: " + longDate(from) + " to " + longDate(date)}, {x: 330, text: "Statement date: " + longDate(date)}},
		{},
		{{x: pdfMargin, text: "Opening balance", bold: true}, {x: 545, text: "R " + rands(opening), right: true, bold: true}},
		{{x: pdfMargin, text: "Total credits"}, {x: 545, text: "R " + rands(in), right: true}},
		{{x: pdfMargin, text: "Total debits"}, {x: 545, text: "R " + rands(out), right: true}},
		{{x: pdfMargin, text: "Closing balance", bold: true}, {x: 545, text: "R " + rands(closing), right: true, bold: true}},
		{},
		{{x: pdfMargin, text: "Date", bold: true}, {x: 105, text: "Description", bold: true}, {x: 395, text: "Debit", bold: true, right: true},
			{x: 465, text: "Credit", bold: true, right: true}, {x: 545, text: "Balance", bold: true, right: true}},
	}
	for i := lo; i < hi; i++ {
		t := &a.posted[i]
		line := pdfLine{{x: pdfMargin, text: t.posting.String()}, {x: 105, text: s.bank.strs[t.desc]}}
		if t.credit {
			line = append(line, pdfText{x: 465, text: rands(t.amount), right: true})
		} else {
			line = append(line, pdfText{x: 395, text: rands(t.amount), right: true})
		}
		lines = append(lines, append(line, pdfText{x: 545, text: rands(t.balance), right: true}))
	}
	if lo == hi {
		lines = append(lines, pdfLine{{x: 105, text: "No transactions in this period."}})
	}
	lines = append(lines, pdfLine{}, pdfLine{{x: pdfMargin, text: "Closing balance", bold: true}, {x: 545, text: "R " + rands(closing), right: true, bold: true}})
	return renderPDF(a.product+" statement "+date.String(), "Investec Desk sandbox statement "+a.number, date, lines)
}

// taxCertificatePDF renders the IT3(b) certificate issued on date: the
// interest earned in the tax year that ended on the last day of February.
// The caller holds s.mu.
func (s *Server) taxCertificatePDF(a *account, date day) []byte {
	y, _, _ := date.civil()
	yearStart, yearEnd := civilDay(y-1, 3, 1), civilDay(y, 3, 1)-1
	var earned, charged int64
	for i := a.dayStart(yearStart); i < a.dayEnd(yearEnd); i++ {
		t := &a.posted[i]
		if t.kind != ttFeesAndInterest || !strings.Contains(s.bank.strs[t.desc], "INTEREST") {
			continue
		}
		if t.credit {
			earned += t.amount
		} else {
			charged += t.amount
		}
	}
	holder := a.name
	if a.profile >= 0 {
		holder = s.bank.profiles[a.profile].name
	}
	lines := []pdfLine{
		{{x: pdfMargin, text: "Investec", bold: true, size: 18}},
		{},
		{{x: pdfMargin, text: "Tax certificate IT3(b): investment income", bold: true, size: 12}},
		{},
		{{x: pdfMargin, text: holder}},
		{{x: pdfMargin, text: "Account: " + a.product + " " + a.number}},
		{{x: pdfMargin, text: "Tax year: " + longDate(yearStart) + " to " + longDate(yearEnd)}},
		{{x: pdfMargin, text: "Issued: " + longDate(date)}},
		{},
		{{x: pdfMargin, text: "Local interest received (code 4201)"}, {x: 545, text: "R " + rands(earned), right: true}},
		{{x: pdfMargin, text: "Interest paid"}, {x: 545, text: "R " + rands(charged), right: true}},
		{},
		{{x: pdfMargin, text: "This certificate is issued in terms of the Income Tax Act for submission to SARS."}},
	}
	return renderPDF("Tax certificate "+yearEnd.String(), "Investec Desk sandbox tax certificate "+a.number, date, lines)
}
