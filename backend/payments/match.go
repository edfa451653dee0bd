package payments

import (
	"html"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Match window: a posted transaction can belong to an attempt sent on day D
// if it posted between D-MatchDaysBefore and D+MatchDaysAfter (a payment
// made late in the evening or over a weekend posts days later).
const (
	MatchDaysBefore = 1
	MatchDaysAfter  = 5
)

// minTruncatedDescription is the shortest description accepted as a bank's
// truncation of a longer reference.
const minTruncatedDescription = 10

// MatchWindow returns the first and last posting dates (YYYY-MM-DD) a
// transaction for an attempt sent at sentAt may have.
func MatchWindow(sentAt time.Time) (from, to string) {
	start, _ := DayBounds(sentAt)
	return start.AddDate(0, 0, -MatchDaysBefore).Format(time.DateOnly), start.AddDate(0, 0, MatchDaysAfter).Format(time.DateOnly)
}

// normalise reduces text to upper-case letters and digits, so "Rent-Unit 14"
// and "RENT UNIT14" compare equal; HTML entities (Investec escapes
// descriptions) are decoded first.
func normalise(s string) string {
	s = html.UnescapeString(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// DescriptionMatches reports whether a transaction's description carries my
// reference: it contains it (ignoring case, spaces and punctuation), or it is
// a truncation of it at least ten characters long.
func DescriptionMatches(description, myReference string) bool {
	d, ref := normalise(description), normalise(myReference)
	if ref == "" || d == "" {
		return false
	}
	if strings.Contains(d, ref) {
		return true
	}
	return len(d) >= minTruncatedDescription && strings.HasPrefix(ref, d)
}

// Candidate reports whether t could be the posted debit an item of an
// attempt from accountID produced: same account, posted, a debit of
// exactly amount, inside the match window, with my reference in its
// description.
func Candidate(t domain.Transaction, accountID string, amount domain.Money, myReference string, sentAt time.Time) bool {
	if t.AccountID != accountID || t.Status != domain.Posted || t.Type != domain.Debit || t.Amount != amount {
		return false
	}
	from, to := MatchWindow(sentAt)
	if t.PostingDate < from || t.PostingDate > to {
		return false
	}
	return DescriptionMatches(t.Description, myReference)
}

// MatchKey identifies a posted transaction for the purpose of matching, so
// one transaction is never matched to two attempts.
func MatchKey(t domain.Transaction) string {
	return strings.Join([]string{t.AccountID, t.PostingDate, strconv.FormatInt(t.PostedOrder, 10), strconv.FormatInt(int64(t.Amount), 10), string(t.Type), t.Description}, "|")
}

// Closer reports whether a is a better match than b for an attempt sent at
// sentAt: closer in posting date to the day it was sent, then earlier in the
// bank's order.
func Closer(a, b domain.Transaction, sentAt time.Time) bool {
	day := Day(sentAt)
	da, db := dayDistance(a.PostingDate, day), dayDistance(b.PostingDate, day)
	if da != db {
		return da < db
	}
	if a.PostingDate != b.PostingDate {
		return a.PostingDate < b.PostingDate
	}
	return a.PostedOrder < b.PostedOrder
}

func dayDistance(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 1 << 30
	}
	d := int(ta.Sub(tb).Hours() / 24)
	if d < 0 {
		return -d
	}
	return d
}
