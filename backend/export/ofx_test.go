package export

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// ofxNode is an element of a parsed OFX 1.x SGML document: an aggregate
// with children, or an element with a value.
type ofxNode struct {
	name     string
	value    string
	children []*ofxNode
}

func (n *ofxNode) all(name string) []*ofxNode {
	var out []*ofxNode
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func (n *ofxNode) get(path ...string) *ofxNode {
	cur := n
	for _, p := range path {
		var next *ofxNode
		for _, c := range cur.children {
			if c.name == p {
				next = c
				break
			}
		}
		if next == nil {
			return nil
		}
		cur = next
	}
	return cur
}

func (n *ofxNode) val(path ...string) string {
	if c := n.get(path...); c != nil {
		return c.value
	}
	return "<missing>"
}

// parseOFX parses an OFX 1.x file strictly: a header of KEY:VALUE lines, a
// blank line, then SGML where every aggregate is closed in order, element
// values end at the next tag, and values use only the &amp; &lt; &gt;
// entities.
func parseOFX(data string) (map[string]string, *ofxNode, error) {
	head, body, ok := strings.Cut(data, "\r\n\r\n")
	if !ok {
		return nil, nil, errors.New("no blank line after the header")
	}
	header := map[string]string{}
	for _, l := range strings.Split(head, "\r\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return nil, nil, fmt.Errorf("bad header line %q", l)
		}
		header[k] = v
	}
	root := &ofxNode{}
	stack := []*ofxNode{root}
	s := body
	for {
		s = strings.TrimLeft(s, " \r\n\t")
		if s == "" {
			break
		}
		if s[0] != '<' {
			return nil, nil, fmt.Errorf("text outside an element: %.30q", s)
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			return nil, nil, errors.New("unterminated tag")
		}
		tag := s[1:end]
		s = s[end+1:]
		top := stack[len(stack)-1]
		if strings.HasPrefix(tag, "/") {
			if len(stack) == 1 || top.name != tag[1:] {
				return nil, nil, fmt.Errorf("</%s> closes <%s>", tag[1:], top.name)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		next := strings.IndexByte(s, '<')
		if next < 0 {
			next = len(s)
		}
		text := strings.TrimRight(s[:next], "\r\n")
		n := &ofxNode{name: tag}
		top.children = append(top.children, n)
		if strings.TrimSpace(text) == "" {
			stack = append(stack, n)
			continue
		}
		if strings.ContainsAny(text, ">\r\n") {
			return nil, nil, fmt.Errorf("<%s> value %q holds a raw > or line break", tag, text)
		}
		rest := text
		for {
			i := strings.IndexByte(rest, '&')
			if i < 0 {
				break
			}
			if !strings.HasPrefix(rest[i:], "&amp;") && !strings.HasPrefix(rest[i:], "&lt;") && !strings.HasPrefix(rest[i:], "&gt;") {
				return nil, nil, fmt.Errorf("<%s> value %q holds a raw &", tag, text)
			}
			rest = rest[i+1:]
		}
		n.value = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(text)
		s = s[next:]
	}
	if len(stack) != 1 {
		return nil, nil, fmt.Errorf("<%s> is never closed", stack[len(stack)-1].name)
	}
	if len(root.children) != 1 || root.children[0].name != "OFX" {
		return nil, nil, errors.New("the document is not one <OFX> element")
	}
	return header, root.children[0], nil
}

func writeTestOFX(t *testing.T, src Source, p domain.Period, a domain.Account) (map[string]string, *ofxNode) {
	t.Helper()
	req := testRequest()
	req.Period = p
	var buf bytes.Buffer
	if _, err := WriteOFX(t.Context(), &buf, req, a, src, nil); err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(buf.Bytes()) {
		t.Fatal("OFX is not valid UTF-8")
	}
	h, doc, err := parseOFX(buf.String())
	if err != nil {
		t.Fatalf("OFX does not parse: %v\n%s", err, buf.String()[:min(buf.Len(), 3000)])
	}
	return h, doc
}

func TestOFXParsesBackWithEveryTransaction(t *testing.T) {
	t.Parallel()
	src := slicesSource(400, "2025-02-20")
	a := testAccounts[0]
	h, doc := writeTestOFX(t, src, testPeriod, a)
	if h["OFXHEADER"] != "100" || h["DATA"] != "OFXSGML" || h["VERSION"] != "102" || h["ENCODING"] != "UTF-8" {
		t.Fatalf("header %v", h)
	}
	rs := doc.get("BANKMSGSRSV1", "STMTTRNRS", "STMTRS")
	if rs == nil || rs.val("CURDEF") != "ZAR" || rs.val("BANKACCTFROM", "ACCTID") != a.Number ||
		rs.val("BANKACCTFROM", "BANKID") != InvestecBranchCode || rs.val("BANKACCTFROM", "ACCTTYPE") != "CHECKING" {
		t.Fatalf("statement header wrong: %+v", rs)
	}
	if rs.val("BANKTRANLIST", "DTSTART") != "20250301120000.000[+2:SAST]" || rs.val("BANKTRANLIST", "DTEND") != "20250430120000.000[+2:SAST]" {
		t.Fatalf("range %s..%s", rs.val("BANKTRANLIST", "DTSTART"), rs.val("BANKTRANLIST", "DTEND"))
	}
	if doc.val("SIGNONMSGSRSV1", "SONRS", "DTSERVER") != "20260305140200.000[+2:SAST]" {
		t.Errorf("DTSERVER %q", doc.val("SIGNONMSGSRSV1", "SONRS", "DTSERVER"))
	}
	want := inPeriod(src, a.ID, testPeriod)
	trns := rs.all("STMTTRN")
	if len(trns) != len(want) {
		t.Fatalf("%d STMTTRN, want %d", len(trns), len(want))
	}
	ids := map[string]bool{}
	for i, tx := range want {
		n := trns[i]
		amt, err := domain.ParseMoney(n.val("TRNAMT"))
		if err != nil || amt != tx.SignedAmount {
			t.Fatalf("row %d TRNAMT %q, want %s", i, n.val("TRNAMT"), tx.SignedAmount)
		}
		if n.val("TRNTYPE") != string(tx.Type) || n.val("DTPOSTED") != strings.ReplaceAll(tx.PostingDate, "-", "")+"120000.000[+2:SAST]" ||
			n.val("DTUSER") != strings.ReplaceAll(tx.TransactionDate, "-", "")+"120000.000[+2:SAST]" {
			t.Fatalf("row %d: %s %s %s", i, n.val("TRNTYPE"), n.val("DTPOSTED"), n.val("DTUSER"))
		}
		// NAME is the description on one line, at most 32 characters; MEMO
		// carries the rest and the note.
		oneLineDesc := strings.Join(strings.Fields(tx.Description), " ")
		name := n.val("NAME")
		if utf8.RuneCountInString(name) > 32 || !strings.HasPrefix(oneLineDesc, name) {
			t.Fatalf("row %d NAME %q for %q", i, name, tx.Description)
		}
		if utf8.RuneCountInString(oneLineDesc) > 32 && !strings.Contains(n.val("MEMO"), oneLineDesc) {
			t.Fatalf("row %d MEMO %q lacks %q", i, n.val("MEMO"), oneLineDesc)
		}
		if tx.Note != "" && !strings.Contains(n.val("MEMO"), strings.Join(strings.Fields(tx.Note), " ")) {
			t.Fatalf("row %d MEMO %q lacks the note %q", i, n.val("MEMO"), tx.Note)
		}
		id := n.val("FITID")
		if len(id) != 32 || ids[id] {
			t.Fatalf("row %d FITID %q is not a fresh 32-character id", i, id)
		}
		ids[id] = true
	}
	if got := rs.val("LEDGERBAL", "BALAMT"); got != want[len(want)-1].RunningBalance.String() {
		t.Errorf("LEDGERBAL %s, want %s", got, want[len(want)-1].RunningBalance)
	}
	if got := rs.val("LEDGERBAL", "DTASOF"); got != strings.ReplaceAll(want[len(want)-1].PostingDate, "-", "")+"120000.000[+2:SAST]" {
		t.Errorf("DTASOF %s", got)
	}
	// The hostile description with markup survives escaping.
	found := false
	for _, n := range trns {
		if n.val("NAME") == `<b>&amp;</b> & "quoted" 'single'` {
			found = true
		}
	}
	if !found {
		t.Error("the description with markup did not round-trip")
	}
}

// fitidsByKey maps each transaction's description+dates+amount+occurrence
// (how a person tells the rows apart) to its FITID.
func fitidsOf(t *testing.T, doc *ofxNode) []string {
	t.Helper()
	var ids []string
	for _, n := range doc.all("STMTTRN") {
		ids = append(ids, n.val("FITID"))
	}
	return ids
}

func TestFITIDsAreStable(t *testing.T) {
	t.Parallel()
	a := domain.Account{ID: "acc", Number: "10011425044", ProductName: "Private Bank Account"}
	rows := slices.Collect(genRows("acc", "2025-03-01", 300, 100_000))
	// Two rows identical in everything the bank sends, on the same day.
	twin := rows[50]
	twin.PostedOrder = 99
	rows = slices.Insert(rows, 51, twin)
	src := &memSource{accounts: []domain.Account{a}, posted: map[string][]domain.Transaction{"acc": rows}}

	marchToMid := domain.Period{From: "2025-03-01", To: "2025-03-25", Label: "a"}
	midToApril := domain.Period{From: "2025-03-15", To: "2025-04-30", Label: "b"}
	_, docA := writeTestOFX(t, src, marchToMid, a)
	_, docB := writeTestOFX(t, src, midToApril, a)
	idsA, idsB := fitidsOf(t, docA), fitidsOf(t, docB)

	// Every transaction from 15 to 25 March has the same FITID in both.
	overlapA := map[string]bool{}
	for i, n := range docA.all("STMTTRN") {
		if n.val("DTPOSTED")[:8] >= "20250315" {
			overlapA[idsA[i]] = true
		}
	}
	overlapB := map[string]bool{}
	for i, n := range docB.all("STMTTRN") {
		if n.val("DTPOSTED")[:8] <= "20250325" {
			overlapB[idsB[i]] = true
		}
	}
	if len(overlapA) < 50 || len(overlapA) != len(overlapB) {
		t.Fatalf("overlap: %d FITIDs in one file, %d in the other", len(overlapA), len(overlapB))
	}
	for id := range overlapA {
		if !overlapB[id] {
			t.Fatalf("FITID %s of the overlap is not in the second export", id)
		}
	}
	// The twins got different ids.
	if idsA[50] == idsA[51] {
		t.Fatal("identical transactions share a FITID")
	}

	// A re-sync in which the bank renumbered the posted order, the uuids and
	// (after inserting an earlier transaction) every running balance, and
	// the local row ids changed: the FITIDs stay.
	resynced := slices.Clone(rows)
	for i := range resynced {
		resynced[i].PostedOrder += 1000
		resynced[i].UUID = fmt.Sprintf("new-%d", i)
		resynced[i].ID = int64(i + 5000)
		rb := *resynced[i].RunningBalance + 12345
		resynced[i].RunningBalance = &rb
	}
	extra := domain.Transaction{AccountID: "acc", Type: domain.Credit, Status: domain.Posted, Description: "LATE POSTING",
		PostingDate: "2025-03-01", TransactionDate: "2025-03-01", Amount: 12345, SignedAmount: 12345, RunningBalance: money(112345)}
	resynced = slices.Insert(resynced, 0, extra)
	src2 := &memSource{accounts: []domain.Account{a}, posted: map[string][]domain.Transaction{"acc": resynced}}
	_, docA2 := writeTestOFX(t, src2, marchToMid, a)
	idsA2 := fitidsOf(t, docA2)
	if len(idsA2) != len(idsA)+1 {
		t.Fatalf("%d transactions after the re-sync, want %d", len(idsA2), len(idsA)+1)
	}
	if !slices.Equal(idsA2[1:], idsA) {
		t.Fatal("FITIDs changed across a re-sync")
	}
	// Exporting the same data twice gives the same file content for ids.
	_, docA3 := writeTestOFX(t, src, marchToMid, a)
	if !slices.Equal(fitidsOf(t, docA3), idsA) {
		t.Fatal("FITIDs differ between two exports of the same data")
	}
	// A different account with the same rows gets different ids.
	other := a
	other.Number = "999"
	_, docOther := writeTestOFX(t, src, marchToMid, other)
	if fitidsOf(t, docOther)[0] == idsA[0] {
		t.Fatal("two accounts share a FITID")
	}
}

func TestOFXAccountTypes(t *testing.T) {
	t.Parallel()
	for product, want := range map[string]string{
		"Private Bank Account": "CHECKING", "PrimeSaver": "SAVINGS", "MoneyFund Tracker": "MONEYMRKT",
		"Cash Management Account": "MONEYMRKT", "32 Day Notice": "SAVINGS", "": "CHECKING",
	} {
		if got := ofxAccountType(domain.Account{ProductName: product}); got != want {
			t.Errorf("%q: %s, want %s", product, got, want)
		}
	}
}
