// Package storetest helps tests and benchmarks that need a cache: it opens
// stores in temporary directories and generates realistic, deterministic
// bank data (and can fill a cache with a million rows of it).
package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
)

// Open opens a fresh cache in a temporary directory and closes it when the
// test ends.
func Open(tb testing.TB, opts ...store.Option) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "cache.db"), opts...)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return st
}

// Merchant is a description with the transactionType and typical amount
// (in cents) the generator uses for it.
type Merchant struct {
	Description     string
	TransactionType string
	Direction       domain.Direction
	Typical         domain.Money
	Card            bool
}

// Merchants is the generator's pool. Earlier entries are picked more often
// (a Zipf-like spread), as with real spending.
var Merchants = buildMerchants()

func buildMerchants() []Merchant {
	base := []Merchant{
		{"WOOLWORTHS SANDTON", "CardPurchases", domain.Debit, 45000, true},
		{"CHECKERS HYPER", "CardPurchases", domain.Debit, 62000, true},
		{"UBER TRIP", "CardPurchases", domain.Debit, 9500, true},
		{"VIDA E CAFFE", "CardPurchases", domain.Debit, 5000, true},
		{"ENGEN GARAGE", "CardPurchases", domain.Debit, 90000, true},
		{"TAKEALOT.COM", "CardPurchases", domain.Debit, 35000, true},
		{"NETFLIX.COM", "CardPurchases", domain.Debit, 19900, true},
		{"SALARY ACME HOLDINGS", "Deposits", domain.Credit, 4500000, false},
		{"ATM WITHDRAWAL ROSEBANK", "ATMWithdrawals", domain.Debit, 100000, true},
		{"MONTHLY SERVICE CHARGE", "FeesAndInterest", domain.Debit, 53500, false},
		{"CREDIT INTEREST", "FeesAndInterest", domain.Credit, 1234, false},
		{"DISCOVERY LIFE DEBIT ORDER", "DebitOrders", domain.Debit, 120000, false},
		{"CITY OF JOBURG ELECTRICITY", "VASTransactions", domain.Debit, 50000, false},
		{"FASTERPAY FROM J SMITH", "FasterPay", domain.Credit, 25000, false},
		{"ONLINE PAYMENT RENT", "OnlineBankingPayments", domain.Debit, 1500000, false},
		{"GINO'S RESTAURANT & BAR", "CardPurchases", domain.Debit, 78000, true},
		{"CAFÉ DU MONDE", "CardPurchases", domain.Debit, 6500, true},
		{"PICK N PAY", "CardPurchases", domain.Debit, 38000, true},
		{"DIS-CHEM PHARMACY", "CardPurchases", domain.Debit, 27000, true},
		{"BUDGET INSTALMENT", "BudgetInstalments", domain.Debit, 300000, false},
	}
	// A long tail of smaller merchants.
	words := []string{"BAKERY", "BOOKS", "HARDWARE", "FLORIST", "BUTCHERY", "PHARMACY", "CINEMA", "GYM", "DELI", "PETS"}
	towns := []string{"CAPE TOWN", "DURBAN", "PRETORIA", "STELLENBOSCH", "MIDRAND", "FOURWAYS", "BRAAMFONTEIN", "KNYSNA", "GEORGE", "PAARL"}
	for i, w := range words {
		for j, t := range towns {
			base = append(base, Merchant{fmt.Sprintf("%s %s %d", t, w, i*10+j), "CardPurchases", domain.Debit,
				domain.Money(2000 + 731*(i*10+j)), true})
		}
	}
	return base
}

// pick draws a merchant index with a Zipf-like bias to the front.
func pick(rng *rand.Rand) Merchant {
	n := len(Merchants)
	// Square of a uniform draw leans to small indexes.
	u := rng.Float64()
	return Merchants[int(u*u*float64(n))%n]
}

// Generator makes realistic posted transactions for one account, day by
// day, with postedOrder, running balance and uuid as Investec computes them.
type Generator struct {
	AccountID string
	Balance   domain.Money // running balance before the first generated row
	rng       *rand.Rand
}

// NewGenerator returns a deterministic generator for accountID.
func NewGenerator(accountID string, seed uint64) *Generator {
	//nolint:gosec // G404: deterministic test data, not security
	return &Generator{AccountID: accountID, Balance: 2500000, rng: rand.New(rand.NewPCG(seed, 0x5eed))}
}

// Day returns n posted transactions with posting date day (YYYY-MM-DD).
func (g *Generator) Day(day string, n int) []domain.Transaction {
	out := make([]domain.Transaction, 0, n)
	d, _ := time.Parse(time.DateOnly, day)
	for i := range n {
		m := pick(g.rng)
		amount := m.Typical/2 + domain.Money(g.rng.Int64N(int64(m.Typical)+1))
		if amount == 0 {
			amount = 1
		}
		g.Balance += domain.Signed(m.Direction, amount)
		rb := g.Balance
		card := ""
		if m.Card {
			card = "402167xxxxxx" + fmt.Sprintf("%04d", 1000+len(g.AccountID)%9000)
		}
		txDate := d.AddDate(0, 0, -g.rng.IntN(3)).Format(time.DateOnly)
		order := int64(i + 1)
		out = append(out, domain.Transaction{
			AccountID: g.AccountID, Type: m.Direction, TransactionType: m.TransactionType, Status: domain.Posted,
			Description: m.Description, CardNumber: card, PostedOrder: order, PostingDate: day, ValueDate: day,
			ActionDate: day, TransactionDate: txDate, Amount: amount, SignedAmount: domain.Signed(m.Direction, amount),
			RunningBalance: &rb, UUID: UUID(g.AccountID, day, order),
		})
	}
	return out
}

// PerDay draws a day's transaction count around mean.
func (g *Generator) PerDay(mean float64) int {
	if mean <= 0 {
		return 0
	}
	// Uniform in [0, 2*mean] keeps the mean without heavy maths.
	return int(g.rng.Float64()*2*mean + 0.5)
}

// UUID computes Investec's derived uuid: the last five characters of the
// account ID, the posting date without dashes and the posted order padded
// to seven digits.
func UUID(accountID, postingDate string, postedOrder int64) string {
	tail := accountID
	if len(tail) > 5 {
		tail = tail[len(tail)-5:]
	}
	d := postingDate[:4] + postingDate[5:7] + postingDate[8:10]
	return fmt.Sprintf("%s%s%07d", tail, d, postedOrder)
}

// AccountID returns the i-th test account's ID, shaped like Investec's.
func AccountID(i int) string { return fmt.Sprintf("33534315747101631895874%02d", i) }

// Accounts returns n test accounts.
func Accounts(n int) []domain.Account {
	out := make([]domain.Account, n)
	for i := range out {
		out[i] = domain.Account{
			ID: AccountID(i), Number: fmt.Sprintf("101010101%02d", i), Name: "Mr J Doe",
			ReferenceName: fmt.Sprintf("Account %d", i), ProductName: "Private Bank Account",
			ProfileID: "10163189587443", ProfileName: "My Profile", KYCCompliant: true, Kind: domain.AccountPrivate,
		}
	}
	return out
}

// FillOptions shapes Fill's data.
type FillOptions struct {
	Accounts int    // default 4
	PerDay   int    // transactions per account per day, default 50
	To       string // last posting date, default 2026-06-30
	Window   int    // days per ReplaceWindow call, default 90
	Seed     uint64
}

// Fill writes exactly n posted transactions into st through the same
// ReplaceWindow path a sync uses (so the search index and every index are
// maintained as in real use): FillOptions.Accounts accounts with PerDay
// transactions a day each, ending at FillOptions.To and going back as far
// as n requires. It returns the number of rows written and the first
// posting date.
func Fill(ctx context.Context, st *store.Store, n int, o FillOptions) (rows int, from string, err error) {
	if o.Accounts <= 0 {
		o.Accounts = 4
	}
	if o.PerDay <= 0 {
		o.PerDay = 50
	}
	if o.To == "" {
		o.To = "2026-06-30"
	}
	if o.Window <= 0 {
		o.Window = 90
	}
	end, err := time.Parse(time.DateOnly, o.To)
	if err != nil {
		return 0, "", fmt.Errorf("fill: %w", err)
	}
	if err := st.SaveAccounts(ctx, Accounts(o.Accounts)); err != nil {
		return 0, "", err
	}
	first := end
	for a := 0; a < o.Accounts; a++ {
		quota := n / o.Accounts
		if a == o.Accounts-1 {
			quota = n - quota*(o.Accounts-1)
		}
		days := (quota + o.PerDay - 1) / o.PerDay
		start := end.AddDate(0, 0, -days+1)
		if start.Before(first) {
			first = start
		}
		g := NewGenerator(AccountID(a), o.Seed+uint64(a))
		// The oldest day takes the remainder.
		left := quota
		for ws := start; !ws.After(end); ws = ws.AddDate(0, 0, o.Window) {
			we := ws.AddDate(0, 0, o.Window-1)
			if we.After(end) {
				we = end
			}
			var batch []domain.Transaction
			for d := ws; !d.After(we); d = d.AddDate(0, 0, 1) {
				k := o.PerDay
				if d.Equal(start) {
					k = quota - o.PerDay*(days-1)
				}
				k = min(k, left)
				left -= k
				batch = append(batch, g.Day(d.Format(time.DateOnly), k)...)
			}
			if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: AccountID(a), From: ws.Format(time.DateOnly),
				To: we.Format(time.DateOnly), Rows: batch}); err != nil {
				return rows, "", err
			}
			rows += len(batch)
		}
	}
	return rows, first.Format(time.DateOnly), nil
}
