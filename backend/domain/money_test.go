package domain

import (
	"math"
	"testing"
)

func TestParseMoney(t *testing.T) {
	t.Parallel()
	good := map[string]Money{
		"0": 0, "535": 53500, "53.6": 5360, "53.60": 5360, "0.05": 5, "-10.12": -1012,
		"10.1": 1010, "-0.01": -1, "1234567890123.45": 123456789012345, "007.50": 750,
	}
	for in, want := range good {
		got, err := ParseMoney(in)
		if err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-", ".5", "5.", "1.234", "1,000.00", "1 000", "+5", "1e3", "R5", " 5", "5 ", "--5", "0x10", "NaN", "1234567890123456.00"} {
		if got, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) = %d, want an error", in, got)
		}
	}
}

func TestMoneyString(t *testing.T) {
	t.Parallel()
	cases := map[Money]string{
		0: "0.00", 5: "0.05", -5: "-0.05", 53500: "535.00", -1012: "-10.12", 100: "1.00",
		math.MaxInt64: "92233720368547758.07", math.MinInt64: "-92233720368547758.08",
	}
	for m, want := range cases {
		if got := m.String(); got != want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(m), got, want)
		}
	}
}

func TestSigned(t *testing.T) {
	t.Parallel()
	if Signed(Debit, 500) != -500 || Signed(Credit, 500) != 500 || Signed(Debit, -500) != -500 {
		t.Fatal("Signed applies the direction's sign to the absolute amount")
	}
}

func TestAddChecked(t *testing.T) {
	t.Parallel()
	if _, err := Money(math.MaxInt64).AddChecked(1); err == nil {
		t.Fatal("overflow not detected")
	}
	if v, err := Money(5).AddChecked(-7); err != nil || v != -2 {
		t.Fatalf("5 + -7 = %d, %v", v, err)
	}
}

// FuzzMoneyRoundTrip proves String and ParseMoney are exact inverses for
// every representable amount, and that any accepted string re-formats to
// the same value.
func FuzzMoneyRoundTrip(f *testing.F) {
	for _, s := range []string{"0", "1.5", "-10.12", "535", "0.01", "99999999999.99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			return
		}
		back, err := ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, m, m.String(), back, err)
		}
	})
}
