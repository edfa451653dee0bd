package payments

import (
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestDescriptionMatches(t *testing.T) {
	t.Parallel()
	yes := [][2]string{
		{"RENT UNIT 14", "Rent unit 14"},
		{"Rent-Unit 14", "rent unit 14"},
		{"IB PAYMENT RENT UNIT 14 REF", "Rent unit 14"},
		{"GINO&apos;S &amp; CO", "Gino's & Co"},
		{"SAVINGS FOR TRAVEL 20", "Savings for travel 2026"}, // truncated by the bank
	}
	for _, c := range yes {
		if !DescriptionMatches(c[0], c[1]) {
			t.Errorf("%q should carry %q", c[0], c[1])
		}
	}
	no := [][2]string{
		{"RENT UNIT 15", "Rent unit 14"},
		{"RENT", "Rent unit 14"}, // too short to be a truncation
		{"", "Rent"},
		{"RENT", ""},
		{"UNIT 14 RENT", "Rent unit 14"},
	}
	for _, c := range no {
		if DescriptionMatches(c[0], c[1]) {
			t.Errorf("%q must not match %q", c[0], c[1])
		}
	}
}

func TestCandidate(t *testing.T) {
	t.Parallel()
	sent := time.Date(2026, 3, 16, 8, 0, 0, 0, time.UTC) // 10:00 SAST, 16 March
	tx := domain.Transaction{AccountID: "A", Status: domain.Posted, Type: domain.Debit, Amount: 1012,
		PostingDate: "2026-03-16", Description: "Savings"}
	if !Candidate(tx, "A", 1012, "Savings", sent) {
		t.Fatal("the same debit on the same day is a candidate")
	}
	variants := map[string]func(*domain.Transaction){
		"other account": func(t *domain.Transaction) { t.AccountID = "B" },
		"pending":       func(t *domain.Transaction) { t.Status = domain.Pending },
		"credit":        func(t *domain.Transaction) { t.Type = domain.Credit },
		"amount":        func(t *domain.Transaction) { t.Amount = 1013 },
		"too early":     func(t *domain.Transaction) { t.PostingDate = "2026-03-14" },
		"too late":      func(t *domain.Transaction) { t.PostingDate = "2026-03-22" },
		"reference":     func(t *domain.Transaction) { t.Description = "Groceries" },
	}
	for name, change := range variants {
		c := tx
		change(&c)
		if Candidate(c, "A", 1012, "Savings", sent) {
			t.Errorf("%s: must not be a candidate", name)
		}
	}
	for _, d := range []string{"2026-03-15", "2026-03-21"} {
		c := tx
		c.PostingDate = d
		if !Candidate(c, "A", 1012, "Savings", sent) {
			t.Errorf("%s is inside the window", d)
		}
	}
}

func TestCloserAndMatchKey(t *testing.T) {
	t.Parallel()
	sent := time.Date(2026, 3, 16, 8, 0, 0, 0, time.UTC)
	a := domain.Transaction{AccountID: "A", PostingDate: "2026-03-16", PostedOrder: 9, Amount: 5, Type: domain.Debit, Description: "x"}
	b := a
	b.PostingDate, b.PostedOrder = "2026-03-18", 1
	if !Closer(a, b, sent) || Closer(b, a, sent) {
		t.Fatal("the same day beats two days later")
	}
	c := a
	c.PostedOrder = 3
	if !Closer(c, a, sent) {
		t.Fatal("on the same day the bank's order decides")
	}
	again := a
	if MatchKey(a) == MatchKey(c) || MatchKey(a) != MatchKey(again) {
		t.Fatal("MatchKey must tell posted rows apart and be stable")
	}
}
