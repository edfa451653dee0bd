// Package domain holds the types that cross the boundary between the Go
// backend and the frontend, the error model shared by every package, and the
// small amount of logic that belongs to those types (money parsing, dates).
//
// It imports only the standard library.
package domain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in South African cents. It is the only representation of
// money inside the application: amounts are parsed from decimal strings into
// Money with integer arithmetic and formatted back the same way. A float never
// takes part.
type Money int64

// maxMoneyDigits bounds the rand part of a parsed amount. Investec's own
// pattern is ^\d{1,13}\.\d{1,2}$; 15 digits of rands still fits comfortably in
// an int64 of cents and leaves headroom for sums.
const maxMoneyDigits = 15

// ParseMoney parses a decimal amount in rands such as "535", "53.6", "-10.12"
// or "0.05" into cents. It accepts an optional leading minus sign, at least
// one digit before an optional decimal point, and at most two digits after
// it. Anything else (thousands separators, exponents, spaces, three decimals)
// is rejected rather than rounded.
func ParseMoney(s string) (Money, error) {
	orig := s
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || !allDigits(whole) || len(whole) > maxMoneyDigits {
		return 0, fmt.Errorf("invalid amount %q", orig)
	}
	if hasPoint && (frac == "" || !allDigits(frac)) {
		return 0, fmt.Errorf("invalid amount %q", orig)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("invalid amount %q: more than two decimal places", orig)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	rands, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid amount %q", orig)
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	v := rands*100 + cents
	if neg {
		v = -v
	}
	return Money(v), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String formats m as a plain decimal string in rands with exactly two
// decimals and no grouping, e.g. "-1234.50". It is the wire format used for
// requests to Investec, CSV, OFX and JSON output.
func (m Money) String() string {
	v := int64(m)
	sign := ""
	if v < 0 {
		sign = "-"
	}
	// Divide before negating so math.MinInt64 cannot overflow.
	rands, cents := v/100, v%100
	if rands < 0 {
		rands = -rands
	}
	if cents < 0 {
		cents = -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, rands, cents)
}

// Cents returns m as an integer number of cents.
func (m Money) Cents() int64 { return int64(m) }

// Abs returns the absolute value of m.
func (m Money) Abs() Money {
	if m < 0 {
		return -m
	}
	return m
}

// AddChecked returns m+n, or an error if the sum overflows an int64.
func (m Money) AddChecked(n Money) (Money, error) {
	if (n > 0 && m > math.MaxInt64-n) || (n < 0 && m < math.MinInt64-n) {
		return 0, fmt.Errorf("amount overflow")
	}
	return m + n, nil
}

// Direction says whether money came in (CREDIT) or went out (DEBIT), in the
// words Investec uses.
type Direction string

// The two directions Investec reports in a transaction's "type" field.
const (
	Credit Direction = "CREDIT"
	Debit  Direction = "DEBIT"
)

// Signed returns amount with the sign implied by dir: positive for credits,
// negative for debits. Investec reports amounts as positive numbers and gives
// the direction separately; this is the one place that convention is applied.
func Signed(dir Direction, amount Money) Money {
	if dir == Debit {
		return -amount.Abs()
	}
	return amount.Abs()
}
