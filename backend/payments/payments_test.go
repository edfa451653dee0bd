package payments

import (
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestParseAmountAcceptsExactDecimals(t *testing.T) {
	t.Parallel()
	good := map[string]domain.Money{
		"10.12": 1012, "535": 53500, "0.01": 1, "53.6": 5360, " 7.50 ": 750, "1000000": 100000000, "007.05": 705,
	}
	for in, want := range good {
		got, err := ParseAmount("amount", in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

func TestParseAmountRefusesWithAReason(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"":         "Enter an amount",
		"   ":      "Enter an amount",
		"-1":       "more than R0.00",
		"-0.01":    "more than R0.00",
		"0":        "more than R0.00",
		"0.00":     "more than R0.00",
		"1e3":      "no exponents",
		"1E3":      "no exponents",
		"1,5":      "no commas",
		"1,000.00": "no commas",
		"1.234":    "at most two decimals",
		"10.125":   "at most two decimals",
		"R10":      "digits and an optional point",
		"1 000":    "digits and an optional point",
		"+5":       "digits and an optional point",
		"5.":       "digits and an optional point",
		".5":       "digits and an optional point",
		"NaN":      "digits and an optional point",
		"0x10":     "digits and an optional point",
		"١٢":       "digits and an optional point", // Arabic-Indic digits
	}
	for in, want := range cases {
		_, err := ParseAmount("lines[2].amount", in)
		if err == nil {
			t.Errorf("ParseAmount(%q) accepted", in)
			continue
		}
		if err.Field != "lines[2].amount" || err.Code != domain.CodeInvalid || !strings.Contains(err.Message, want) {
			t.Errorf("ParseAmount(%q) = %+v, want field lines[2].amount and %q", in, err, want)
		}
	}
}

func TestCheckReference(t *testing.T) {
	t.Parallel()
	ok := map[string]string{
		"Rent unit 14":                      "Rent unit 14",
		"  padded  ":                        "padded",
		"A-B/C.D,E&F(G)'H":                  "A-B/C.D,E&F(G)'H",
		strings.Repeat("x", MaxMyReference): strings.Repeat("x", MaxMyReference),
	}
	for in, want := range ok {
		got, err := CheckReference("myReference", "my reference", in, MaxMyReference)
		if err != nil || got != want {
			t.Errorf("CheckReference(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                                    "Enter my reference",
		"   ":                                 "Enter my reference",
		strings.Repeat("x", MaxMyReference+1): "to 30 characters (it has 31)",
		"rent\x00":                            "control characters",
		"line\nbreak":                         "control characters",
		"tab\there":                           "control characters",
		"del\x7f":                             "control characters",
		"party 🎉":                             "'🎉'",
		"café":                                "'é'",
		"100%":                                "'%'",
		"<script>":                            "'<'",
		"a;b":                                 "';'",
		"quote\"":                             "'\"'",
		"\u202egnp.exe":                       "'\\u202e'",
		string([]byte{0xff, 0xfe}):            "Use only letters",
		"zero\u200bwidth":                     "'\\u200b'",
		"full\uff21width":                     "'Ａ'",
		"under_score":                         "'_'",
		"sum+plus":                            "'+'",
		"hash#1":                              "'#'",
		"at@home":                             "'@'",
		"Mr\u00a0Nbsp":                        "'\\u00a0'",
		"backslash\\":                         "'\\\\'",
		strings.Repeat("é", 3):                "'é'",
		"ok but " + strings.Repeat("y", 40):   "to 30 characters",
		"in\u0085side":                        "control characters",
		"bell\a":                              "control characters",
		"esc\x1b[31m":                         "control characters",
	}
	for in, want := range bad {
		_, err := CheckReference("myReference", "my reference", in, MaxMyReference)
		if err == nil {
			t.Errorf("CheckReference(%q) accepted", in)
			continue
		}
		if err.Field != "myReference" || !strings.Contains(err.Message, want) {
			t.Errorf("CheckReference(%q) = %q, want it to mention %q", in, err.Message, want)
		}
		if strings.ContainsAny(err.Message, "\x00\n\t\x7f\x1b\a") {
			t.Errorf("CheckReference(%q) echoes a control character: %q", in, err.Message)
		}
	}
	// Their reference has its own, shorter limit.
	if _, err := CheckReference("theirReference", "their reference", strings.Repeat("z", MaxTheirReference+1), MaxTheirReference); err == nil ||
		!strings.Contains(err.Message, "to 20 characters") {
		t.Errorf("their reference over 20: %v", err)
	}
}

func TestConfirmationMatches(t *testing.T) {
	t.Parallel()
	for _, typed := range []string{"CONFIRM", "confirm", " Confirm ", "10.12", " 10.12 ", "R10.12", "R 10.12", "010.12"} {
		if !ConfirmationMatches(typed, 1012) {
			t.Errorf("%q should confirm R10.12", typed)
		}
	}
	for _, typed := range []string{"", "CONFIRMED", "yes", "10.13", "10.1", "1012", "10,12", "-10.12", "10.120", "R10.12 please"} {
		if ConfirmationMatches(typed, 1012) {
			t.Errorf("%q must not confirm R10.12", typed)
		}
	}
	if ConfirmationMatches("0", 0) {
		t.Error("a zero total can never be confirmed by amount")
	}
}

func TestFingerprint(t *testing.T) {
	t.Parallel()
	base := Fingerprint(domain.PayTransfer, "A", "B", 1012, "my", "their")
	if base != Fingerprint(domain.PayTransfer, "A", "B", 1012, "my", "their") {
		t.Fatal("a fingerprint must be stable")
	}
	others := []string{
		Fingerprint(domain.PayPayment, "A", "B", 1012, "my", "their"),
		Fingerprint(domain.PayTransfer, "A2", "B", 1012, "my", "their"),
		Fingerprint(domain.PayTransfer, "A", "B2", 1012, "my", "their"),
		Fingerprint(domain.PayTransfer, "A", "B", 1013, "my", "their"),
		Fingerprint(domain.PayTransfer, "A", "B", 1012, "my2", "their"),
		Fingerprint(domain.PayTransfer, "A", "B", 1012, "my", "their2"),
		// Moving text between fields must not collide.
		Fingerprint(domain.PayTransfer, "A", "B", 1012, "myt", "heir"),
		Fingerprint(domain.PayTransfer, "AB", "", 1012, "my", "their"),
	}
	for i, o := range others {
		if o == base {
			t.Errorf("variant %d has the same fingerprint", i)
		}
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	items := make([]int, 101)
	for i := range items {
		items[i] = i
	}
	b := Split(items, MaxPerRequest)
	if len(b) != 3 || len(b[0]) != 50 || len(b[1]) != 50 || len(b[2]) != 1 || b[1][0] != 50 || b[2][0] != 100 {
		t.Fatalf("Split(101, 50) = %d batches %v", len(b), lens(b))
	}
	if b := Split(items[:51], 50); len(b) != 2 || len(b[1]) != 1 {
		t.Fatalf("Split(51, 50) = %v", lens(b))
	}
	if b := Split(items[:50], 50); len(b) != 1 {
		t.Fatalf("Split(50, 50) = %v", lens(b))
	}
	if Split([]int(nil), 50) != nil {
		t.Fatal("no items, no batches")
	}
	// Appending to a batch must not overwrite the next one.
	b = Split(items[:4], 2)
	_ = append(b[0], 99)
	if b[1][0] != 2 {
		t.Fatal("batches share capacity")
	}
}

func lens(b [][]int) []int {
	var out []int
	for _, x := range b {
		out = append(out, len(x))
	}
	return out
}

func TestDayIsSouthAfrican(t *testing.T) {
	t.Parallel()
	// 22:30 UTC on 31 March is 00:30 on 1 April in South Africa.
	late := time.Date(2026, 3, 31, 22, 30, 0, 0, time.UTC)
	if Day(late) != "2026-04-01" {
		t.Fatalf("Day = %s", Day(late))
	}
	start, end := DayBounds(late)
	if !start.Equal(time.Date(2026, 3, 31, 22, 0, 0, 0, time.UTC)) || !end.Equal(time.Date(2026, 4, 1, 22, 0, 0, 0, time.UTC)) {
		t.Fatalf("DayBounds = %s, %s", start.UTC(), end.UTC())
	}
	if Day(time.Date(2026, 3, 31, 21, 59, 59, 0, time.UTC)) != "2026-03-31" {
		t.Fatal("21:59:59 UTC is still the 31st in SAST")
	}
}

func TestMinutesAgo(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		30 * time.Second: "less than a minute ago", time.Minute: "1 minute ago", 3*time.Minute + 59*time.Second: "3 minutes ago",
	} {
		if _, got := MinutesAgo(now, now.Add(-d)); got != want {
			t.Errorf("MinutesAgo(%s) = %q, want %q", d, got, want)
		}
	}
}
