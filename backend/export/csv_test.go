package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestCSVReadsBackWithInjectionNeutralised(t *testing.T) {
	t.Parallel()
	src := slicesSource(500, "2025-02-20")
	a := testAccounts[0]
	var buf bytes.Buffer
	n, err := WriteCSV(t.Context(), &buf, testPeriod, a, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 byte order mark")
	}
	if bytes.Count(data, []byte("\r\n")) < int(n)+1 {
		t.Fatal("lines do not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("header %q", recs[0])
	}
	want := inPeriod(src, a.ID, testPeriod)
	if int(n) != len(want) || len(recs) != len(want)+1 {
		t.Fatalf("%d rows (%d records), want %d", n, len(recs), len(want))
	}
	// defused is what a text cell must read, decided here without the
	// package's helper: a leading =, +, -, @, tab or CR gets an apostrophe.
	defused := func(s string) string {
		if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
			return "'" + s
		}
		return s
	}
	hostileSeen := 0
	for i, tx := range want {
		rec := recs[i+1]
		if rec[0] != tx.PostingDate || rec[1] != tx.ValueDate || rec[2] != tx.TransactionDate {
			t.Fatalf("row %d dates %q", i, rec[:3])
		}
		// Line breaks inside a field are written CR LF, which encoding/csv
		// reads back as LF.
		lf := strings.NewReplacer("\r\n", "\n", "\r", "\n")
		desc, note := lf.Replace(defused(tx.Description)), lf.Replace(defused(tx.Note))
		if rec[3] != desc || rec[6] != note || rec[5] != defused(tx.Category) || rec[4] != tx.TransactionType {
			t.Fatalf("row %d text %q, want %q / %q", i, rec[3:7], desc, note)
		}
		if strings.HasPrefix(rec[3], "'") {
			hostileSeen++
		}
		amount, err := domain.ParseMoney(rec[7])
		if err != nil || amount != tx.SignedAmount {
			t.Fatalf("row %d amount %q, want %s", i, rec[7], tx.SignedAmount)
		}
		if tx.Type == domain.Debit && (!strings.HasPrefix(rec[7], "-") || rec[8] != "" || rec[9] != tx.Amount.String()) {
			t.Fatalf("row %d: a debit reads %q", i, rec[7:10])
		}
		if tx.Type == domain.Credit && (rec[8] != tx.Amount.String() || rec[9] != "") {
			t.Fatalf("row %d: a credit reads %q", i, rec[7:10])
		}
		if rec[10] != tx.RunningBalance.String() {
			t.Fatalf("row %d balance %q", i, rec[10])
		}
	}
	if hostileSeen < 5 {
		t.Fatalf("only %d neutralised descriptions: the data no longer exercises injection", hostileSeen)
	}
}

func TestNeutraliseCSV(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\t=x": "'\t=x", "\r=x": "'\r=x",
		"": "", "plain": "plain", " =x": " =x", "1-1": "1-1",
	} {
		if got := NeutraliseCSV(in); got != want {
			t.Errorf("NeutraliseCSV(%q) = %q, want %q", in, got, want)
		}
	}
}
