package investec

import (
	"encoding/json"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestAmountUnmarshalJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string // a raw JSON token
		want int64  // cents
	}{
		{`535`, 53500},
		{`53.6`, 5360},
		{`-10818415.98`, -1081841598},
		{`28857.76`, 2885776},
		{`0.1`, 10},
		{`0.29`, 29}, // 0.29 is 0.28999999999999998 as a float64
		{`"10.00"`, 1000},
		{`" 10.12 "`, 1012},
		{`"-0.05"`, -5},
		{`1.5E2`, 15000},
		{`1.5e+2`, 15000},
		{`15E-1`, 150},
		{`1e-2`, 1},
		{`100e-4`, 1},
		{`10.100`, 1010},
		{`10.000000`, 1000},
		{`0`, 0},
		{`-0`, 0},
		{`0.00`, 0},
		{`0e99999999999`, 0},
		{`"007.50"`, 750},
		{`999999999999999.99`, 99999999999999999},
		{`-999999999999999.99`, -99999999999999999},
		{`9.9999999999999999E14`, 99999999999999999},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var a Amount
			if err := json.Unmarshal([]byte(tt.in), &a); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if a.Money().Cents() != tt.want {
				t.Errorf("Unmarshal(%s) = %d cents, want %d", tt.in, a.Money().Cents(), tt.want)
			}
		})
	}
}

func TestAmountUnmarshalJSONRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`1.005`, `10.105`, `1.234`, `1e-3`, `0.001`, `-0.009`,
		`"abc"`, `""`, `"1."`, `".5"`, `"--1"`, `"+1"`, `"1e"`, `"1e+"`, `"1,000.00"`, `"R10"`, `"1 000"`,
		`"NaN"`, `"Infinity"`, `"0x10"`, `true`, `[1]`, `{}`,
		`1000000000000000.00`, `1e15`, `92233720368547758.08`, `1e20`, `1e9999999`, `-1e9999999`, `1e-9999999`,
	} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			var a Amount
			if err := json.Unmarshal([]byte(in), &a); err == nil {
				t.Errorf("Unmarshal(%s) = %d cents, want an error", in, a.Money().Cents())
			}
		})
	}
}

func TestAmountNullAndPointers(t *testing.T) {
	t.Parallel()
	var v struct {
		A Amount  `json:"a"`
		P *Amount `json:"p"`
		Q *Amount `json:"q"`
	}
	v.A = 42
	if err := json.Unmarshal([]byte(`{"a":null,"p":null,"q":1.23}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != 42 {
		t.Errorf("null changed a plain Amount to %d", v.A)
	}
	if v.P != nil {
		t.Errorf("null *Amount = %v, want nil", *v.P)
	}
	if v.Q == nil || *v.Q != 123 {
		t.Errorf("*Amount 1.23 = %v, want 123 cents", v.Q)
	}
}

func TestAmountMarshalJSONIsADecimalString(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(struct {
		A Amount `json:"a"`
		B Amount `json:"b"`
	}{1012, -5})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != `{"a":"10.12","b":"-0.05"}` {
		t.Errorf("Marshal = %s", got)
	}
}

func TestISODate(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"26/04/2023": "2023-04-26",
		"6/4/2022":   "2022-04-06",
		"10/03/2019": "2019-03-10",
		"2023-03-16": "2023-03-16",
		"":           "",
	} {
		got, err := ISODate(in)
		if err != nil || got != want {
			t.Errorf("ISODate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"31/02/2023", "2023/04/26", "26-04-2023", "yesterday", "04/26/2023"} {
		if got, err := ISODate(in); err == nil {
			t.Errorf("ISODate(%q) = %q, want an error", in, got)
		}
	}
}

func TestUnescapeTextOnce(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"GINO&apos;S RESTAURANT &amp; BAR": "GINO'S RESTAURANT & BAR",
		"SALARY &amp;amp; BONUS":           "SALARY &amp; BONUS", // once, not twice
		"PLAIN TEXT":                       "PLAIN TEXT",
		"5 &lt; 6":                         "5 < 6",
	} {
		if got := unescapeText(in); got != want {
			t.Errorf("unescapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// decimalRe matches the plain decimals domain.ParseMoney accepts.
var decimalRe = regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{1,2})?$`)

// FuzzAmountUnmarshalJSON checks the Amount decoder against an exact
// oracle (math/big rationals) and the round-trip property. Run with
// go test -fuzz=FuzzAmountUnmarshalJSON; the seeds run in every go test.
func FuzzAmountUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		"535", "53.6", "-10818415.98", "10.00", "1.5E2", "15E-1", "1e-2", "0.1", "0.29", "10.100", "1.005",
		"0", "-0", "0e999999999", "999999999999999.99", "1e15", "92233720368547758.08", "1e20", "1e-3", "007.50",
		"", ".5", "1.", "abc", "1,000", "-", "1e", "33607.16", "34679.66", "688.5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseAmount(s)

		// 1. Any plain decimal with at most two decimals is accepted and
		// agrees with domain.ParseMoney.
		if decimalRe.MatchString(s) {
			want, werr := domain.ParseMoney(s)
			if werr != nil {
				t.Fatalf("domain.ParseMoney(%q): %v", s, werr)
			}
			if err != nil || got != want {
				t.Fatalf("ParseAmount(%q) = %d, %v; want %d", s, got, err, want)
			}
		}

		// 2. Whatever is accepted round-trips exactly through its decimal
		// string, as a JSON number and as a JSON string.
		if err == nil {
			text := got.String()
			for _, tok := range []string{text, strconv.Quote(text)} {
				var a Amount
				if uerr := json.Unmarshal([]byte(tok), &a); uerr != nil || a.Money() != got {
					t.Fatalf("round trip of %q via %s = %d, %v; want %d", s, tok, a.Money(), uerr, got)
				}
			}
			if back, perr := domain.ParseMoney(text); perr != nil || back != got {
				t.Fatalf("domain.ParseMoney(%q) = %d, %v; want %d", text, back, perr, got)
			}
		}

		// 3. For every JSON number, the result equals the exact rational
		// value times 100 when that is a whole number of cents within 15
		// digits of rands, and is an error otherwise. Huge exponents are
		// left out of the oracle (big.Rat would try to build the power).
		var num json.Number
		if s == "" || strings.ContainsAny(s, `"`) || json.Unmarshal([]byte(s), &num) != nil || num.String() != s {
			return
		}
		if i := strings.IndexAny(s, "eE"); i >= 0 && len(strings.TrimLeft(s[i+1:], "+-0")) > 4 {
			return
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("big.Rat cannot read JSON number %q", s)
		}
		r.Mul(r, big.NewRat(100, 1))
		limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(17), nil)
		if !r.IsInt() || new(big.Int).Abs(r.Num()).Cmp(limit) >= 0 {
			if err == nil {
				t.Fatalf("ParseAmount(%q) = %d, want an error (not whole cents within 15 digits of rands)", s, got)
			}
			return
		}
		if err != nil || int64(got) != r.Num().Int64() {
			t.Fatalf("ParseAmount(%q) = %d, %v; want %s", s, got, err, r.Num())
		}
	})
}
