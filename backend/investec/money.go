package investec

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Amount is a money amount as Investec sends it: a JSON number in rands
// (535, 53.6, -10818415.98) or, on a few endpoints and simulators, a JSON
// string ("10.00"). It decodes from the raw JSON token with integer
// arithmetic into cents; a float64 never takes part, so 0.1 + 0.2 problems
// cannot arise. Exponent forms are converted exactly (1.5E2 is R150.00). A
// value with more than two decimals is an error unless the extra digits are
// zeros (10.100 is fine, 10.105 is not): the client never rounds money.
//
// JSON null leaves the Amount unchanged; use *Amount where a field may be
// absent or null.
type Amount domain.Money

// Money returns a as domain.Money (cents).
func (a Amount) Money() domain.Money { return domain.Money(a) }

// String formats a as a decimal string in rands, e.g. "-1234.50".
func (a Amount) String() string { return domain.Money(a).String() }

// MarshalJSON encodes a as a JSON string in rands ("10.12"), the exact form
// Investec accepts in requests.
func (a Amount) MarshalJSON() ([]byte, error) {
	return []byte(`"` + a.String() + `"`), nil
}

// UnmarshalJSON decodes a JSON number or JSON string into a exactly.
func (a *Amount) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	m, err := amountToken(string(b))
	if err != nil {
		return err
	}
	*a = Amount(m)
	return nil
}

// amountToken converts a raw JSON number or string token (not null) into
// cents: a number as ParseAmount reads it, a string with its JSON escapes
// undone and its surrounding spaces trimmed.
func amountToken(tok string) (domain.Money, error) {
	if strings.HasPrefix(tok, `"`) {
		s, ok := plainJSONString(tok)
		if !ok {
			if err := json.Unmarshal([]byte(tok), &s); err != nil {
				return 0, fmt.Errorf("invalid amount: %w", err)
			}
		}
		tok = strings.TrimSpace(s)
	}
	return ParseAmount(tok)
}

// plainJSONString returns the text of a JSON string token that needs no
// decoding: quoted, and without escapes, inner quotes or control
// characters. Anything else reports false (decode it with encoding/json).
func plainJSONString(tok string) (string, bool) {
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", false
	}
	s := tok[1 : len(tok)-1]
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	return s, true
}

// maxAmountDigits bounds an amount in cents: 15 digits of rands and two of
// cents, as domain.ParseMoney allows. Investec's own pattern is
// ^\d{1,13}\.\d{1,2}$.
const maxAmountDigits = 17

// maxExponentDigits bounds the exponent of an amount. A larger exponent on
// a non-zero amount can only overflow or lose precision, and refusing it
// early keeps hostile input from costing memory.
const maxExponentDigits = 6

// ParseAmount converts a decimal number in rands written in JSON number
// syntax ("535", "53.6", "-10818415.98", "1.5E2", "0.00") into cents with
// integer arithmetic. Leading zeros are tolerated (amounts also arrive as
// strings). It fails if the value is not a whole number of cents or has
// more than 15 digits of rands (the bound domain.ParseMoney applies).
func ParseAmount(s string) (domain.Money, error) {
	bad := func(why string) (domain.Money, error) {
		shown := s
		if len(shown) > 40 {
			shown = shown[:40] + "…"
		}
		if why == "" {
			return 0, fmt.Errorf("invalid amount %q", shown)
		}
		return 0, fmt.Errorf("invalid amount %q: %s", shown, why)
	}
	rest := s
	neg := false
	if strings.HasPrefix(rest, "-") {
		neg = true
		rest = rest[1:]
	}
	intPart, rest := leadingDigits(rest)
	if intPart == "" {
		return bad("")
	}
	var frac string
	if strings.HasPrefix(rest, ".") {
		frac, rest = leadingDigits(rest[1:])
		if frac == "" {
			return bad("")
		}
	}
	exp := 0
	hugeExp := false
	if strings.HasPrefix(rest, "e") || strings.HasPrefix(rest, "E") {
		rest = rest[1:]
		expNeg := false
		if strings.HasPrefix(rest, "+") || strings.HasPrefix(rest, "-") {
			expNeg = rest[0] == '-'
			rest = rest[1:]
		}
		var expDigits string
		expDigits, rest = leadingDigits(rest)
		if expDigits == "" {
			return bad("")
		}
		expDigits = strings.TrimLeft(expDigits, "0")
		if len(expDigits) > maxExponentDigits {
			hugeExp = true
		} else if expDigits != "" {
			exp, _ = strconv.Atoi(expDigits) // at most 6 digits: cannot fail
		}
		if expNeg {
			exp = -exp
		}
	}
	if rest != "" {
		return bad("")
	}
	// The significant digits are intPart followed by frac, without leading
	// zeros. They are read in place (no concatenation), so a valid amount
	// costs no allocation.
	digits := mantissa{intPart, frac}
	digits.trimLeadingZeros()
	if digits.len() == 0 {
		return 0, nil // zero, whatever its exponent or sign
	}
	if hugeExp {
		return bad("out of range")
	}
	// The value is digits × 10^(exp - len(frac)); in cents that is
	// digits × 10^shift.
	shift := 2 + exp - len(frac)
	keep := digits.len()
	if shift < 0 {
		drop := -shift
		if drop >= keep || !digits.zerosFrom(keep-drop) {
			return bad("more than two decimal places")
		}
		keep -= drop
		shift = 0
	} else if keep+shift > maxAmountDigits {
		return bad("out of range")
	}
	// The same bound as domain.ParseMoney (15 digits of rands), so every
	// amount the client decodes can be parsed again anywhere in the app.
	if keep > maxAmountDigits {
		return bad("out of range")
	}
	// At most 17 digits: the value fits in an int64 (whose limit has 19).
	var v int64
	for i := range keep {
		v = v*10 + int64(digits.at(i)-'0')
	}
	for range shift {
		v *= 10
	}
	if neg {
		v = -v
	}
	return domain.Money(v), nil
}

// mantissa is the digits of a decimal number, its integer part followed by
// its fraction, read in place.
type mantissa struct{ a, b string }

func (m mantissa) len() int { return len(m.a) + len(m.b) }

// at returns the i-th digit.
func (m mantissa) at(i int) byte {
	if i < len(m.a) {
		return m.a[i]
	}
	return m.b[i-len(m.a)]
}

func (m *mantissa) trimLeadingZeros() {
	m.a = strings.TrimLeft(m.a, "0")
	if m.a == "" {
		m.b = strings.TrimLeft(m.b, "0")
	}
}

// zerosFrom reports whether every digit from the i-th on is a zero.
func (m mantissa) zerosFrom(i int) bool {
	for ; i < m.len(); i++ {
		if m.at(i) != '0' {
			return false
		}
	}
	return true
}

func leadingDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

// isoLayout and dmyLayout are the two date forms Investec uses.
const (
	isoLayout = "2006-01-02"
	dmyLayout = "2/1/2006"
)

// ISODate normalises a date from Investec to YYYY-MM-DD. It accepts the
// dd/MM/yyyy form of transfer responses and beneficiaries (26/04/2023) and
// returns YYYY-MM-DD input unchanged. An empty string stays empty.
func ISODate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if t, err := time.Parse(isoLayout, s); err == nil {
		return t.Format(isoLayout), nil
	}
	t, err := time.Parse(dmyLayout, s)
	if err != nil {
		return "", fmt.Errorf("invalid date %q: want dd/MM/yyyy or YYYY-MM-DD", s)
	}
	return t.Format(isoLayout), nil
}

// isoOrEmpty is ISODate for display fields: an unreadable date becomes "".
func isoOrEmpty(s string) string {
	d, err := ISODate(s)
	if err != nil {
		return ""
	}
	return d
}

// unescapeText undoes the HTML escaping Investec applies to descriptions
// and merchant text ("GINO&apos;S RESTAURANT &amp; BAR"). It is applied
// exactly once, while decoding.
func unescapeText(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return html.UnescapeString(s)
}

// flexString decodes a JSON string or number into its text, for IDs that
// some endpoints send as numbers (CardKey, CIB account IDs). Null is "".
type flexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*f = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*f = flexString(n.String())
		return nil
	case string(b) == "true" || string(b) == "false":
		*f = flexString(b)
		return nil
	}
	return errors.New("want a string or a number")
}

// flexText decodes any JSON value into display text: a string as itself,
// null as "", anything else as its compact JSON. It is used for "error"
// fields whose type the API does not document.
type flexText string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexText) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexText(s)
	default:
		*f = flexText(b)
	}
	return nil
}

// flexBool decodes a JSON boolean or the strings "true"/"false" (the
// spec's beneficiary categories send isDefault as a string).
type flexBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexBool) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	switch strings.ToLower(s) {
	case "true", "1", "y", "yes":
		*f = true
	case "false", "0", "n", "no", "", "null":
		*f = false
	default:
		return fmt.Errorf("want a boolean, got %s", b)
	}
	return nil
}

// flexInt decodes a whole number sent as a JSON number or string
// ("13379", 13379, 13379.0). Null is 0.
type flexInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexInt) UnmarshalJSON(b []byte) error {
	n, err := wholeNumberToken(string(b))
	if err != nil {
		return err
	}
	*f = flexInt(n)
	return nil
}

// wholeNumberToken reads a raw JSON token as flexInt does: quotes around
// it are dropped, null and "" are 0.
func wholeNumberToken(tok string) (int64, error) {
	s := strings.Trim(tok, `"`)
	if s == "null" || s == "" {
		return 0, nil
	}
	// Reuse the exact decimal parser: a whole number n is n×100 cents.
	cents, err := ParseAmount(s)
	if err != nil || cents%100 != 0 {
		return 0, fmt.Errorf("want a whole number, got %s", tok)
	}
	return int64(cents / 100), nil
}
