package export

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// memSource is a Source over transactions held in memory (tests that need
// a handful of rows) or generated on the fly (benchmarks that need a
// million rows without holding them).
type memSource struct {
	accounts []domain.Account
	posted   map[string][]domain.Transaction // in bank order
	pending  map[string][]domain.Transaction
	// gen, when set, yields an account's posted rows instead of posted.
	gen func(accountID string) iter.Seq[domain.Transaction]
	// genCount, when set, answers CountPosted for generated rows the way
	// a database would, without generating them.
	genCount int64
	// fail, when set, is returned after failAfter rows of Posted.
	fail      error
	failAfter int
}

func (m *memSource) Accounts(_ context.Context, ids []string) ([]domain.Account, error) {
	if len(ids) == 0 {
		return slices.Clone(m.accounts), nil
	}
	var out []domain.Account
	for _, id := range ids {
		i := slices.IndexFunc(m.accounts, func(a domain.Account) bool { return a.ID == id })
		if i < 0 {
			return nil, domain.Errorf(domain.CodeNotFound, "no account %s", id)
		}
		out = append(out, m.accounts[i])
	}
	return out, nil
}

func (m *memSource) rows(accountID string) iter.Seq[domain.Transaction] {
	if m.gen != nil {
		return m.gen(accountID)
	}
	return slices.Values(m.posted[accountID])
}

func (m *memSource) Posted(_ context.Context, accountID, from, to string) iter.Seq2[domain.Transaction, error] {
	return func(yield func(domain.Transaction, error) bool) {
		n := 0
		for t := range m.rows(accountID) {
			if t.PostingDate < from || t.PostingDate > to {
				continue
			}
			if m.fail != nil && n == m.failAfter {
				yield(domain.Transaction{}, m.fail)
				return
			}
			n++
			if !yield(t, nil) {
				return
			}
		}
	}
}

func (m *memSource) Pending(_ context.Context, accountID string) iter.Seq2[domain.Transaction, error] {
	return func(yield func(domain.Transaction, error) bool) {
		for _, t := range m.pending[accountID] {
			if !yield(t, nil) {
				return
			}
		}
	}
}

func (m *memSource) BroughtForward(_ context.Context, accountID, from string) (domain.Money, bool, error) {
	var last *domain.Money
	for t := range m.rows(accountID) {
		if t.PostingDate >= from {
			break
		}
		if t.RunningBalance != nil {
			v := *t.RunningBalance
			last = &v
		}
	}
	if last == nil {
		return 0, false, nil
	}
	return *last, true, nil
}

func (m *memSource) CountPosted(ctx context.Context, accountID, from, to string) (int64, error) {
	if m.genCount > 0 {
		return m.genCount, nil
	}
	var n int64
	for _, err := range m.Posted(ctx, accountID, from, to) {
		if err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// hostile texts are descriptions and notes a merchant or user could send
// that a spreadsheet must show as text.
var hostile = []string{
	`=HYPERLINK("http://evil.example","click")`,
	"+1+1",
	"-2+3",
	"@SUM(A1:A2)",
	"=1+1",
	"\t=cmd|' /C calc'!A0",
	"\r=2*3",
	"Café Ümlaut ✓ 😀",
	"<b>&amp;</b> & \"quoted\" 'single'",
	"line one\nline two",
	"  leading and trailing spaces  ",
	"12345",
	"0012",
	"1e10",
	"TRUE",
	"2025-03-01",
}

var txTypes = []string{"CardPurchases", "OnlineBankingPayments", "Deposits", "DebitOrders", "FeesAndInterest", "ATMWithdrawals", "FasterPay"}

var categories = []string{"", "Groceries", "Fuel", "Salary", "Medical", "Entertainment", "Utilities", "=Formula category"}

// genRows yields n posted transactions for an account starting on from,
// a few a day, with chained running balances starting at opening. The
// values are a pure function of the index, so the rows can be re-created
// for checking without storing them.
func genRows(accountID, from string, n int, opening domain.Money) iter.Seq[domain.Transaction] {
	start, err := time.Parse("2006-01-02", from)
	if err != nil {
		panic(err)
	}
	return func(yield func(domain.Transaction) bool) {
		bal := opening
		for i := range n {
			t := genTx(accountID, start, i)
			bal += t.SignedAmount
			b := bal
			t.RunningBalance = &b
			if !yield(t) {
				return
			}
		}
	}
}

// genTx is the i-th generated transaction (without its running balance).
func genTx(accountID string, start time.Time, i int) domain.Transaction {
	day := start.AddDate(0, 0, i/7)
	typ := domain.Debit
	// amounts cover cents edge cases: 0.01, 0.10, round rands, large values
	amount := domain.Money((i*7919)%250000 + 1)
	switch {
	case i%11 == 0:
		typ = domain.Credit
		amount = domain.Money(1_500_000 + (i*104729)%900_000)
	case i%97 == 0:
		amount = 10
	case i%89 == 0:
		amount = 100_000
	}
	desc := fmt.Sprintf("MERCHANT %d CAPE TOWN ZA", i%523)
	if i%13 == 0 {
		desc = hostile[(i/13)%len(hostile)]
	}
	note := ""
	if i%17 == 0 {
		note = hostile[(i/17+3)%len(hostile)]
	}
	return domain.Transaction{
		AccountID:       accountID,
		Type:            typ,
		TransactionType: txTypes[i%len(txTypes)],
		Status:          domain.Posted,
		Description:     desc,
		PostedOrder:     int64(i%7 + 1),
		PostingDate:     day.Format("2006-01-02"),
		ValueDate:       day.AddDate(0, 0, -(i % 2)).Format("2006-01-02"),
		ActionDate:      day.Format("2006-01-02"),
		TransactionDate: day.AddDate(0, 0, -(i % 3)).Format("2006-01-02"),
		Amount:          amount,
		SignedAmount:    domain.Signed(typ, amount),
		Category:        categories[i%len(categories)],
		Note:            note,
	}
}

func money(v domain.Money) *domain.Money { return &v }

// testAccounts are two accounts with awkward names.
var testAccounts = []domain.Account{
	{ID: "3353431574710163189587446", Number: "10011425044", Name: "Mr Smith", ReferenceName: "Mr Smith Main", ProductName: "Private Bank Account", ProfileName: "Mr J Smith", Kind: domain.AccountPrivate},
	{ID: "3353431574710166878182963", Number: "1100470321500", Name: "Mr Smith", ReferenceName: "../../etc", ProductName: "Prime/Saver: [Tax]*?", ProfileName: "Mr J Smith", Kind: domain.AccountPrivate},
}

// slicesSource builds a memSource holding the generated rows in slices.
func slicesSource(perAccount int, from string) *memSource {
	m := &memSource{accounts: testAccounts, posted: map[string][]domain.Transaction{}, pending: map[string][]domain.Transaction{}}
	for i, a := range testAccounts {
		m.posted[a.ID] = slices.Collect(genRows(a.ID, from, perAccount, domain.Money(1_000_000*(i+1))))
		m.pending[a.ID] = []domain.Transaction{
			{AccountID: a.ID, Type: domain.Debit, Status: domain.Pending, Description: "=PENDING()", TransactionDate: "2025-04-01", Amount: 12345, SignedAmount: -12345},
			{AccountID: a.ID, Type: domain.Credit, Status: domain.Pending, Description: "REFUND", TransactionDate: "2025-04-02", Amount: 99, SignedAmount: 99},
			{AccountID: a.ID, Type: domain.Debit, Status: domain.Pending, Description: "OUTSIDE PERIOD", TransactionDate: "2030-01-01", Amount: 5, SignedAmount: -5},
		}
	}
	return m
}
