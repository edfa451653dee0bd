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
	s := string(b)
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("invalid amount: %w", err)
		}
		s = strings.TrimSpace(s)
	}
	m, err := ParseAmount(s)
	if err != nil {
		return err
	}
	*a = Amount(m)
	return nil
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
	digits := strings.TrimLeft(intPart+frac, "0")
	if digits == "" {
		return 0, nil // zero, whatever its exponent or sign
	}
	if hugeExp {
		return bad("out of range")
	}
	// The value is digits × 10^(exp - len(frac)); in cents that is
	// digits × 10^shift.
	shift := 2 + exp - len(frac)
	if shift < 0 {
		drop := -shift
		if drop >= len(digits) || strings.Trim(digits[len(digits)-drop:], "0") != "" {
			return bad("more than two decimal places")
		}
		digits = digits[:len(digits)-drop]
	} else {
		if len(digits)+shift > maxAmountDigits {
			return bad("out of range")
		}
		digits += strings.Repeat("0", shift)
	}
	// The same bound as domain.ParseMoney (15 digits of rands), so every
	// amount the client decodes can be parsed again anywhere in the app.
	if len(digits) > maxAmountDigits {
		return bad("out of range")
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return bad("out of range")
	}
	if neg {
		v = -v
	}
	return domain.Money(v), nil
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
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		*f = 0
		return nil
	}
	// Reuse the exact decimal parser: a whole number n is n×100 cents.
	cents, err := ParseAmount(s)
	if err != nil || cents%100 != 0 {
		return fmt.Errorf("want a whole number, got %s", b)
	}
	*f = flexInt(cents / 100)
	return nil
}
