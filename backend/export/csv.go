package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// CSVHeader is the header row of an account's CSV file.
var CSVHeader = []string{"Date", "Value date", "Transaction date", "Description", "Transaction type", "Category", "Note",
	"Amount", "Money in", "Money out", "Balance"}

// utf8BOM starts every CSV file: without it Excel on Windows reads UTF-8 as
// the local code page and garbles any non-ASCII name; LibreOffice, Google
// Sheets, Xero and Python's utf-8-sig all accept it.
const utf8BOM = "\ufeff"

// WriteCSV writes one account's posted transactions of period as CSV to w:
// UTF-8 with a byte order mark, CRLF line ends, a header row, ISO dates and
// plain decimal amounts with a dot ("-1234.50"; Amount is signed, Money in
// and Money out are positive). Text that a spreadsheet would run as a
// formula (starting with = + - @, a tab or a carriage return) is prefixed
// with an apostrophe; amounts are never altered. It returns the number of
// rows written.
func WriteCSV(ctx context.Context, w io.Writer, period domain.Period, account domain.Account, src Source, progress ProgressFunc) (int64, error) {
	if err := period.Validate(); err != nil {
		return 0, err
	}
	rep := &reporter{fn: progress}
	rep.start(domain.ExportCSV, AccountFileName(period, account, ".csv"), 0)
	rep.account(account.ID)
	n, err := writeCSV(ctx, w, period, account, src, rep)
	if err != nil {
		return n, err
	}
	rep.send()
	return n, nil
}

func writeCSV(ctx context.Context, w io.Writer, period domain.Period, account domain.Account, src Source, rep *reporter) (int64, error) {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return 0, fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return 0, fmt.Errorf("write csv: %w", err)
	}
	var n int64
	rec := make([]string, len(CSVHeader))
	for t, err := range src.Posted(ctx, account.ID, period.From, period.To) {
		if err != nil {
			return n, fmt.Errorf("read transactions: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		if t.Status == domain.Pending {
			continue
		}
		signed := domain.Signed(t.Type, t.Amount)
		clear(rec)
		rec[0] = csvDate(t.PostingDate)
		rec[1] = csvDate(t.ValueDate)
		rec[2] = csvDate(t.TransactionDate)
		rec[3] = csvText(t.Description)
		rec[4] = csvText(t.TransactionType)
		rec[5] = csvText(t.Category)
		rec[6] = csvText(t.Note)
		rec[7] = signed.String()
		if signed >= 0 {
			rec[8] = signed.String()
		} else {
			rec[9] = (-signed).String()
		}
		if t.RunningBalance != nil {
			rec[10] = t.RunningBalance.String()
		}
		if err := cw.Write(rec); err != nil {
			return n, fmt.Errorf("write csv: %w", err)
		}
		n++
		rep.row()
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("write csv: %w", err)
	}
	return n, nil
}

// csvDate keeps a valid ISO date as it is and treats anything else as text.
func csvDate(s string) string {
	if _, _, _, ok := parseISODate(s); ok {
		return s
	}
	return csvText(s)
}

// csvText is a text cell: neutralised, with every line break written as
// CRLF (encoding/csv in CRLF mode would drop a lone CR).
func csvText(s string) string {
	s = NeutraliseCSV(s)
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return s
}

// NeutraliseCSV defuses text that a spreadsheet opening a CSV file would run
// as a formula: a cell starting with =, +, -, @, a tab or a carriage return
// gets a leading apostrophe, which Excel and LibreOffice show as text. Use
// it on text columns only, never on amounts.
func NeutraliseCSV(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
