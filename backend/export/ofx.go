package export

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// InvestecBranchCode is Investec's universal branch code, sent as the OFX
// BANKID.
const InvestecBranchCode = "580105"

// OFX field limits of OFX 1.0.2 (NAME is A-32, MEMO A-255).
const (
	ofxNameMax = 32
	ofxMemoMax = 255
)

// WriteOFX writes one account's posted transactions of the period as an OFX
// 1.0.2 bank statement (SGML) to w.
//
// OFX 1.0.2 is chosen over 2.x XML because every accounting package that
// imports OFX reads it: QuickBooks Desktop and Microsoft Money read only
// 1.x, while Xero, Sage, QuickBooks Online and GnuCash (libofx) read both.
// Aggregates are closed, elements are not, as in the banks' own files.
//
// Each transaction's FITID is FITID(...): a content hash that stays the
// same across re-syncs and overlapping exports, so importing a period twice
// does not duplicate anything. LEDGERBAL is the bank's running balance after
// the last transaction (or the computed closing balance when the bank sent
// none). It returns the number of transactions written.
func WriteOFX(ctx context.Context, w io.Writer, req Request, account domain.Account, src Source, progress ProgressFunc) (int64, error) {
	if err := req.validate(); err != nil {
		return 0, err
	}
	rep := &reporter{fn: progress}
	rep.start(domain.ExportOFX, AccountFileName(req.Period, account, ".ofx"), 0)
	rep.account(account.ID)
	n, err := writeOFX(ctx, w, req, account, src, rep)
	if err != nil {
		return n, err
	}
	rep.send()
	return n, nil
}

func writeOFX(ctx context.Context, w io.Writer, req Request, a domain.Account, src Source, rep *reporter) (int64, error) {
	p := req.Period
	bw := bufio.NewWriter(w)
	line := func(parts ...string) {
		for _, s := range parts {
			_, _ = bw.WriteString(s)
		}
		_, _ = bw.WriteString("\r\n")
	}
	for _, h := range []string{"OFXHEADER:100", "DATA:OFXSGML", "VERSION:102", "SECURITY:NONE", "ENCODING:UTF-8",
		"CHARSET:NONE", "COMPRESSION:NONE", "OLDFILEUID:NONE", "NEWFILEUID:NONE"} {
		line(h)
	}
	line()
	line("<OFX>")
	line("<SIGNONMSGSRSV1>")
	line("<SONRS>")
	line("<STATUS>")
	line("<CODE>0")
	line("<SEVERITY>INFO")
	line("</STATUS>")
	line("<DTSERVER>", ofxDateTime(req.now()))
	line("<LANGUAGE>ENG")
	line("<FI>")
	line("<ORG>Investec")
	line("<FID>", InvestecBranchCode)
	line("</FI>")
	line("</SONRS>")
	line("</SIGNONMSGSRSV1>")
	line("<BANKMSGSRSV1>")
	line("<STMTTRNRS>")
	line("<TRNUID>0")
	line("<STATUS>")
	line("<CODE>0")
	line("<SEVERITY>INFO")
	line("</STATUS>")
	line("<STMTRS>")
	line("<CURDEF>ZAR")
	line("<BANKACCTFROM>")
	line("<BANKID>", InvestecBranchCode)
	line("<ACCTID>", ofxText(accountKey(a), 22))
	line("<ACCTTYPE>", ofxAccountType(a))
	line("</BANKACCTFROM>")
	line("<BANKTRANLIST>")
	line("<DTSTART>", ofxDate(p.From))
	line("<DTEND>", ofxDate(p.To))

	bf, hasBF, err := src.BroughtForward(ctx, a.ID, p.From)
	if err != nil {
		return 0, fmt.Errorf("balance brought forward: %w", err)
	}
	led := &ledger{broughtForward: bf, hasBroughtForward: hasBF}
	ids := fitids{account: accountKey(a)}
	var n int64
	lastDate := p.To
	for t, err := range src.Posted(ctx, a.ID, p.From, p.To) {
		if err != nil {
			return n, fmt.Errorf("read transactions: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		if t.Status == domain.Pending {
			continue
		}
		if err := led.add(t); err != nil {
			return n, err
		}
		signed := domain.Signed(t.Type, t.Amount)
		line("<STMTTRN>")
		line("<TRNTYPE>", trnType(signed))
		line("<DTPOSTED>", ofxDate(t.PostingDate))
		if t.TransactionDate != "" {
			line("<DTUSER>", ofxDate(t.TransactionDate))
		}
		if t.ValueDate != "" {
			line("<DTAVAIL>", ofxDate(t.ValueDate))
		}
		line("<TRNAMT>", signed.String())
		line("<FITID>", ids.next(t))
		if name := ofxText(t.Description, ofxNameMax); name != "" {
			line("<NAME>", name)
		}
		if memo := ofxMemo(t.Description, t.Note); memo != "" {
			line("<MEMO>", memo)
		}
		line("</STMTTRN>")
		n++
		if t.PostingDate != "" {
			lastDate = t.PostingDate
		}
		rep.row()
	}
	r := led.result(a, p.From)
	line("</BANKTRANLIST>")
	line("<LEDGERBAL>")
	line("<BALAMT>", r.Closing.String())
	line("<DTASOF>", ofxDate(lastDate))
	line("</LEDGERBAL>")
	line("</STMTRS>")
	line("</STMTTRNRS>")
	line("</BANKMSGSRSV1>")
	line("</OFX>")
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write ofx: %w", err)
	}
	return n, nil
}

func trnType(signed domain.Money) string {
	if signed < 0 {
		return "DEBIT"
	}
	return "CREDIT"
}

// accountKey identifies the account in OFX: its number, or its API id when
// the number is unknown.
func accountKey(a domain.Account) string {
	if a.Number != "" {
		return a.Number
	}
	return a.ID
}

// ofxAccountType maps Investec's product names to OFX account types.
func ofxAccountType(a domain.Account) string {
	p := strings.ToLower(a.ProductName)
	switch {
	case strings.Contains(p, "money fund") || strings.Contains(p, "moneyfund") || strings.Contains(p, "cash management") || strings.Contains(p, "money market"):
		return "MONEYMRKT"
	case strings.Contains(p, "saver") || strings.Contains(p, "saving") || strings.Contains(p, "notice") || strings.Contains(p, "fixed"):
		return "SAVINGS"
	}
	return "CHECKING"
}

// ofxDate turns YYYY-MM-DD into an OFX date-time at noon South African
// time, 20250301120000.000[+2:SAST]: with a time libofx (GnuCash) reads it
// without a warning, and noon keeps the same calendar day in every time
// zone an importer might convert to.
func ofxDate(s string) string {
	if _, _, _, ok := parseISODate(s); !ok {
		s = "1970-01-01"
	}
	return s[0:4] + s[5:7] + s[8:10] + "120000.000[+2:SAST]"
}

// ofxDateTime formats t in its own zone, e.g. 20260305140200.000[+2:SAST].
func ofxDateTime(t time.Time) string {
	name, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	tz := strconv.Itoa(off / 3600)
	if m := off % 3600 / 60; m != 0 {
		tz += fmt.Sprintf(".%02d", m*100/60)
	}
	if name == "" || strings.ContainsAny(name, "+-") {
		return t.Format("20060102150405.000") + "[" + sign + tz + "]"
	}
	return t.Format("20060102150405.000") + "[" + sign + tz + ":" + name + "]"
}

// ofxText makes s safe as an SGML element value: ofxClean, then at most
// max characters (0 = no limit), then &, < and > escaped.
func ofxText(s string, max int) string {
	s = ofxClean(s)
	if max > 0 && utf8.RuneCountInString(s) > max {
		s = strings.TrimSpace(string([]rune(s)[:max]))
	}
	return ofxEscaper.Replace(s)
}

// ofxClean puts s on one line (a value ends at the line): valid UTF-8, no
// control characters, runs of spaces collapsed.
func ofxClean(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' || r == '\u00a0' }), " ")
}

var ofxEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// ofxMemo is the full description when NAME had to shorten it, and the
// user's note, within MEMO's 255 characters.
func ofxMemo(desc, note string) string {
	desc = ofxClean(desc)
	var parts []string
	if utf8.RuneCountInString(desc) > ofxNameMax {
		parts = append(parts, desc)
	}
	if note = ofxClean(note); note != "" {
		parts = append(parts, "Note: "+note)
	}
	if len(parts) == 0 {
		return ""
	}
	return ofxText(strings.Join(parts, " | "), ofxMemoMax)
}

// fitids hands out FITIDs for one account's transactions in bank order.
type fitids struct {
	account string
	day     string
	seen    map[string]int
}

// next returns t's FITID and counts it among identical rows of its day.
func (f *fitids) next(t domain.Transaction) string {
	if t.PostingDate != f.day || f.seen == nil {
		f.day, f.seen = t.PostingDate, map[string]int{}
	}
	key := fitidKey(t)
	occ := f.seen[key]
	f.seen[key] = occ + 1
	return FITID(f.account, t, occ)
}

func fitidKey(t domain.Transaction) string {
	return strings.Join([]string{t.PostingDate, t.TransactionDate, string(t.Type), strconv.FormatInt(t.Amount.Abs().Cents(), 10), t.Description}, "\x1f")
}

// FITID returns the OFX transaction id of t: the first 128 bits, in hex, of
// a SHA-256 over the account (number), posting date, transaction date,
// direction, amount in cents, description and occurrence, t's index among
// the account's rows with all those same values on that posting date, in
// bank order.
//
// Investec has no stable transaction id: its uuid is built from the posted
// order and changes when the bank renumbers a day, and the running balance
// changes when an earlier row is inserted. None of the hashed values change
// once a transaction has posted, and two rows identical in every one of
// them are numbered 0, 1, ... so they stay distinct and keep their ids
// across re-syncs and across exports of overlapping periods (a day is
// always exported whole).
func FITID(account string, t domain.Transaction, occurrence int) string {
	h := sha256.New()
	_, _ = io.WriteString(h, "investec-desk/fitid/v1\x1f"+account+"\x1f"+fitidKey(t)+"\x1f"+strconv.Itoa(occurrence))
	return hex.EncodeToString(h.Sum(nil)[:16])
}
