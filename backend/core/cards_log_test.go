package core

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func realExec(id, typ, at string, logs ...string) domain.CardExecution {
	e := domain.CardExecution{ID: id, Source: domain.ExecutionReal, Type: typ, CreatedAt: at}
	for _, l := range logs {
		e.Logs = append(e.Logs, domain.ExecutionLog{CreatedAt: at, Level: "info", Content: l})
	}
	return e
}

func cardTx(id int64, desc, date string, cents domain.Money) domain.Transaction {
	return domain.Transaction{ID: id, AccountID: "A", Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Posted,
		Description: desc, CardNumber: "402167xxxxxx1111", TransactionDate: date, PostingDate: date, Amount: cents, SignedAmount: -cents}
}

func TestLinkExecutions(t *testing.T) {
	t.Parallel()
	txns := []domain.Transaction{
		cardTx(1, "WOOLWORTHS SANDTON CITY JOHANNESBURG ZA", "2026-03-02", 12345),
		cardTx(2, "GINO&apos;S RESTAURANT &amp; BAR", "2026-03-02", 78000),
		cardTx(3, "UBER *TRIP HELP.UBER.COM ZA", "2026-03-05", 4200),
		cardTx(4, "UBER *TRIP HELP.UBER.COM ZA", "2026-03-05", 4200), // an identical second trip
		cardTx(5, "SPOTIFY STOCKHOLM SE", "2026-03-10", 6999),
		cardTx(6, "TAKEALOT.COM CAPE TOWN ZA", "2026-03-12", 50000),
		cardTx(7, "TAKEALOT.COM CAPE TOWN ZA", "2026-03-14", 50000),
		cardTx(8, "PICK N PAY ROSEBANK JOHANNESBURG ZA", "2026-03-20", 9900),
	}
	authJSON := func(cents int, name string) string {
		return fmt.Sprintf(`{"accountNumber":"10011001100","dateTime":"2026-03-02T08:01:02.000Z","centsAmount":%d,"currencyCode":"zar",`+
			`"type":"card","reference":"","card":{"id":"1010101"},"merchant":{"category":{"code":"5411","key":"grocery_stores_supermarkets",`+
			`"name":"Grocery Stores/Supermarkets"},"name":%q,"city":"Johannesburg","country":{"code":"ZA","alpha3":"ZAF","name":"South Africa"}}}`, cents, name)
	}
	execs := []domain.CardExecution{
		// The authorization logged as JSON (Investec's starter code).
		0: realExec("json", "before_transaction", "2026-03-02T08:01:02.500Z", authJSON(12345, "Woolworths Sandton City")),
		// A sentence naming merchant and amount; HTML-escaped description.
		1: realExec("sentence", "before_transaction", "2026-03-02T18:30:00.000Z", "Approved Gino's Restaurant & Bar for R780.00"),
		// Its after hook: same transaction, other kind of execution.
		2: realExec("sentence-after", "after_transaction", "2026-03-02T18:30:02.000Z", "Big spend: Gino's Restaurant & Bar R780.00"),
		// Two identical trips: one each.
		3: realExec("uber-1", "before_transaction", "2026-03-05T07:00:00.000Z", "Approved Uber Trip for R42.00"),
		4: realExec("uber-2", "before_transaction", "2026-03-05T07:30:00.000Z", "Approved Uber Trip for R42.00"),
		// A third trip has no transaction left.
		5: realExec("uber-3", "before_transaction", "2026-03-05T08:00:00.000Z", "Approved Uber Trip for R42.00"),
		// 23:30 UTC on the 9th is the 10th in South Africa.
		6: realExec("late", "before_transaction", "2026-03-09T23:30:00.000Z", "Approved Spotify for R69.99"),
		// Two days off: no link. The nearer of two dates wins.
		7: realExec("takealot", "before_transaction", "2026-03-13T09:00:00.000Z", "Approved Takealot.com for R500.00"),
		8: realExec("too-late", "before_transaction", "2026-03-22T09:00:00.000Z", "Approved Pick n Pay Rosebank for R99.00"),
		// Wrong amount, wrong merchant, no amount at all, a declined bet.
		9:  realExec("amount", "before_transaction", "2026-03-02T08:00:00.000Z", authJSON(12346, "Woolworths Sandton City")),
		10: realExec("merchant", "before_transaction", "2026-03-02T08:00:00.000Z", authJSON(12345, "Checkers Hyper")),
		11: realExec("no-amount", "after_transaction", "2026-03-02T08:00:00.000Z", "Posted Woolworths Sandton City"),
		12: realExec("bet", "before_transaction", "2026-03-02T08:00:00.000Z", "Declined Hollywoodbets: category 7995 is blocked"),
		// A one-letter word is not a merchant: "R" alone must not match.
		13: realExec("short", "before_transaction", "2026-03-20T09:00:00.000Z", "Approved P for R99.00"),
	}
	sim := realExec("simulated", "before_transaction", "2026-03-02T08:01:03.000Z", authJSON(12345, "Woolworths Sandton City"))
	sim.Source = domain.ExecutionSimulated
	execs = append(execs, sim)

	n := linkExecutions(execs, txns)
	want := map[string]int64{"json": 1, "sentence": 2, "sentence-after": 2, "uber-1": 3, "uber-2": 4, "late": 5, "takealot": 6}
	got := map[string]int64{}
	for _, e := range execs {
		if e.Transaction != nil {
			got[e.ID] = e.Transaction.TransactionID
		}
	}
	if n != len(want) || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("linked %d: %v\nwant %v", n, got, want)
	}
	if l := execs[1].Transaction; l == nil || l.Amount != 78000 || l.TransactionDate != "2026-03-02" || !strings.HasPrefix(l.Description, "GINO") || l.AccountID != "A" {
		t.Errorf("link %+v", l)
	}
}

func TestMerchantMatches(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		log, desc string
		want      bool
	}{
		{"Approved Netflix.com for R199.00", "NETFLIX.COM LOS GATOS US", true},
		{"Approved Apple.com/bill for R49.99", "APPLE.COM/BILL CORK IE", true},
		{"Approved Vida e Caffè Rosebank for R35.00", "VIDA E CAFFÈ ROSEBANK JOHANNESBURG ZA", true},
		{"Approved Vida e Caffè Rosebank for R35.00", "VIDA E CAFFE ROSEBANK JOHANNESBURG ZA", true}, // "vida e" is two words
		{"Approved Woolworths for R10.00", "PICK N PAY ROSEBANK", false},
		{"Approved Uber Eats for R10.00", "UBER *TRIP HELP.UBER.COM ZA", true}, // only "uber": four letters
		{"Approved Kauai for R10.00", "KAUAI ROSEBANK JOHANNESBURG ZA", true},
		{"Approved it for R10.00", "IT SHOP", false},
		{"", "ANYTHING", false},
	} {
		f := factsOf(realExec("x", "before_transaction", "2026-01-01T00:00:00Z", c.log))
		if got := merchantMatches(f, c.desc); got != c.want {
			t.Errorf("merchantMatches(%q, %q) = %v, want %v", c.log, c.desc, got, c.want)
		}
	}
	f := factsOf(realExec("x", "before_transaction", "2026-01-01T00:00:00Z", "Approved A for R1.50 and ZAR 2 and R 3.05; R4.5"))
	if !slices.Equal(f.amounts, []domain.Money{150, 200, 305, 450}) {
		t.Errorf("amounts %v", f.amounts)
	}
}

// TestDemoExecutionsLinkToTransactions syncs the demo bank and checks that
// its real card executions (derived by the sandbox from the card
// purchases of the last 30 days) link to the cached purchases they ran on.
func TestDemoExecutionsLinkToTransactions(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	if _, err := svc.Sync(ctx, TriggerManual); err != nil {
		t.Fatal(err)
	}
	cards, err := svc.Cards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, card := range cards {
		log, err := svc.CardExecutions(ctx, card.Key)
		if err != nil || log.BankMessage != "" {
			t.Fatalf("card %s: %v %q", card.Key, err, log.BankMessage)
		}
		real, approved := 0, 0
		for _, e := range log.Executions {
			if e.Source != domain.ExecutionReal {
				if e.Transaction != nil {
					t.Errorf("a %s execution was linked", e.Source)
				}
				continue
			}
			real++
			if e.Type == "before_transaction" && e.Approved != nil && *e.Approved {
				approved++
				if e.Transaction == nil {
					t.Errorf("card %s: approved execution %q at %s has no transaction", card.Key, e.Logs[0].Content, e.CreatedAt)
					continue
				}
			}
			if e.Transaction == nil {
				continue
			}
			tx, err := svc.Transaction(ctx, e.Transaction.TransactionID)
			if err != nil {
				t.Fatal(err)
			}
			sameCard := strings.HasSuffix(tx.CardNumber, card.Last4) || (tx.Status == domain.Pending && tx.CardNumber == "") // pending rows come without one
			if !sameCard || tx.Amount != e.Transaction.Amount || tx.AccountID != card.AccountID {
				t.Errorf("card %s linked to %+v", card.Key, tx)
			}
			want := "R" + tx.Amount.String()
			if !strings.Contains(e.Logs[0].Content, want) {
				t.Errorf("execution %q linked to a transaction of %s", e.Logs[0].Content, want)
			}
		}
		if approved < 10 || log.Linked < approved {
			t.Errorf("card %s: %d real executions, %d approved, %d linked", card.Key, real, approved, log.Linked)
		}
	}
}
