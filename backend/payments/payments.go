// Package payments holds the rules for moving money that do not need the
// bank or the cache: how amounts and references are checked, what counts
// as the "same" payment, how the person confirms, how long lists are split
// into requests, which day a payment belongs to and how a posted
// transaction is recognised as the one an unknown attempt produced.
//
// Investec documents no limits for references. The app chooses, and
// documents here, limits that every South African bank statement can
// carry: my reference (on the person's own statement) at most
// MaxMyReference characters, their reference (on the recipient's statement)
// at most MaxTheirReference, using letters A–Z, digits, spaces and
// ReferencePunctuation. No control characters, emoji or other symbols.
package payments

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Reference limits and characters (see the package doc).
const (
	// MaxMyReference is the longest my reference (own statement).
	MaxMyReference = 30
	// MaxTheirReference is the longest their reference (recipient's
	// statement): 20, as SA bank statement references are.
	MaxTheirReference = 20
	// ReferencePunctuation are the punctuation marks allowed besides
	// letters, digits and spaces.
	ReferencePunctuation = "-/.,&()'"
	// ReferenceCharacters describes the allowed characters for people.
	ReferenceCharacters = "letters A–Z, digits, spaces and - / . , & ( ) '"
)

// MaxPerRequest is Investec's limit of payments in one request.
const MaxPerRequest = 50

// MaxLines bounds how many payments one review may hold (ten requests).
const MaxLines = 10 * MaxPerRequest

// DuplicateWindow is how recent an identical attempt must be for a new one
// to need a second confirmation.
const DuplicateWindow = 10 * time.Minute

// ReviewTTL is how long a review stays valid: confirming later needs a new
// review (balances and beneficiaries may have changed).
const ReviewTTL = 30 * time.Minute

// DefaultDailyLimit is the local daily limit until the person sets one:
// R 50 000.00.
const DefaultDailyLimit domain.Money = 50_000_00

// MaxDailyLimit bounds the daily limit a person can set: R 100 000 000.00.
const MaxDailyLimit domain.Money = 100_000_000_00

// ConfirmWord is the word a person may type instead of the amount.
const ConfirmWord = "CONFIRM"

// SAST is South African Standard Time (UTC+2, no daylight saving): the day a
// payment belongs to, for the daily limit, is its SAST date.
var SAST = time.FixedZone("SAST", 2*60*60)

// ParseAmount reads an amount the person typed in rands ("10.12", "535")
// exactly into cents. It must be positive with at most two decimals; text
// that is not a plain decimal ("1,5", "1e3", "R10", "1 000") is refused, not
// guessed at. The error is a field error on field.
func ParseAmount(field, text string) (domain.Money, *domain.Error) {
	s := strings.TrimSpace(text)
	switch {
	case s == "":
		return 0, domain.FieldError(field, "Enter an amount.")
	case strings.HasPrefix(s, "-"):
		return 0, domain.FieldError(field, "Enter an amount more than R0.00; amounts are never negative.")
	case strings.ContainsAny(s, "eE"):
		return 0, domain.FieldError(field, "Write the amount out in full, e.g. 1000.00 (no exponents).")
	case strings.Contains(s, ","):
		return 0, domain.FieldError(field, "Use a point for the cents, e.g. 10.50, and no commas.")
	}
	m, err := domain.ParseMoney(s)
	if err != nil {
		whole, frac, _ := strings.Cut(s, ".")
		if len(frac) > 2 && allDigits(whole) && allDigits(frac) {
			return 0, domain.FieldError(field, "Use at most two decimals: amounts are in rands and cents.")
		}
		return 0, domain.FieldError(field, "Enter the amount in rands with digits and an optional point, e.g. 1250.50.")
	}
	if m <= 0 {
		return 0, domain.FieldError(field, "Enter an amount more than R0.00.")
	}
	return m, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ReferenceRune reports whether r may appear in a reference.
func ReferenceRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ':
		return true
	}
	return strings.ContainsRune(ReferencePunctuation, r)
}

// CheckReference trims surrounding spaces from a reference and checks it:
// required, at most maxLen characters, only the allowed characters. label
// names it in messages ("my reference"). It returns the trimmed reference.
func CheckReference(field, label, text string, maxLen int) (string, *domain.Error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return "", domain.FieldError(field, "Enter %s.", label)
	}
	if !utf8.ValidString(s) {
		return "", domain.FieldError(field, "Use only %s in %s.", ReferenceCharacters, label)
	}
	for _, r := range s {
		if !ReferenceRune(r) {
			return "", domain.FieldError(field, "%s cannot contain %s; use only %s.", capitalise(label), describeRune(r), ReferenceCharacters)
		}
	}
	if n := utf8.RuneCountInString(s); n > maxLen {
		return "", domain.FieldError(field, "Keep %s to %d characters (it has %d).", label, maxLen, n)
	}
	return s, nil
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// describeRune names a refused character safely: a control character is
// never echoed back as itself.
func describeRune(r rune) string {
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return "control characters"
	}
	if r == '\t' {
		return "tabs"
	}
	return strconv.QuoteRune(r)
}

// ConfirmationMatches reports whether what the person typed confirms a
// batch of total: the word CONFIRM (any case) or the amount again, exactly
// (an optional leading "R" and surrounding spaces are ignored).
func ConfirmationMatches(typed string, total domain.Money) bool {
	s := strings.TrimSpace(typed)
	if strings.EqualFold(s, ConfirmWord) {
		return true
	}
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "R"), "r"))
	m, err := domain.ParseMoney(s)
	return err == nil && m == total && total > 0
}

// Fingerprint identifies "the same" transfer or payment: the same kind,
// source, destination (account or beneficiary), amount and references. Two
// lines with equal fingerprints are identical for the duplicate check.
func Fingerprint(kind domain.PayKind, fromAccountID, targetID string, amount domain.Money, myRef, theirRef string) string {
	h := sha256.New()
	for _, part := range []string{string(kind), fromAccountID, targetID, strconv.FormatInt(int64(amount), 10), myRef, theirRef} {
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Split cuts items into consecutive batches of at most size (the last may
// be shorter). It returns nil for no items.
func Split[T any](items []T, size int) [][]T {
	if size <= 0 {
		size = 1
	}
	var out [][]T
	for len(items) > 0 {
		n := min(size, len(items))
		out = append(out, items[:n:n])
		items = items[n:]
	}
	return out
}

// Day returns t's date in South Africa (YYYY-MM-DD).
func Day(t time.Time) string { return t.In(SAST).Format(time.DateOnly) }

// DayBounds returns the first instant of t's South African day and of the
// next one.
func DayBounds(t time.Time) (start, end time.Time) {
	l := t.In(SAST)
	start = time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, SAST)
	return start, start.AddDate(0, 0, 1)
}

// MinutesAgo renders how long ago then was, from now, in words.
func MinutesAgo(now, then time.Time) (int, string) {
	m := int(now.Sub(then) / time.Minute)
	switch {
	case m <= 0:
		return 0, "less than a minute ago"
	case m == 1:
		return 1, "1 minute ago"
	default:
		return m, strconv.Itoa(m) + " minutes ago"
	}
}
