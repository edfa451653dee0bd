package investec

import (
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestListTransactionsSendsOptions(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts/{accountId}/transactions", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testQuery(t, r, map[string]string{"fromDate": "2023-04-01", "toDate": "2023-04-30", "transactionType": "CardPurchases", "includePending": "true"})
		_, _ = w.Write(fixture(t, "transactions_sandbox.json"))
	})
	_, err := c.ListTransactions(t.Context(), "3353431574710163189587446",
		&TransactionsOptions{FromDate: "2023-04-01", ToDate: "2023-04-30", TransactionType: "CardPurchases", IncludePending: true})
	if err != nil {
		t.Fatal(err)
	}
}

func TestListTransactionsWithoutOptionsSendsNoQuery(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts/{accountId}/transactions", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, map[string]string{})
		_, _ = w.Write(fixture(t, "transactions_sandbox.json"))
	})
	if _, err := c.ListTransactions(t.Context(), "x", nil); err != nil {
		t.Fatal(err)
	}
}

func TestListTransactionsSandboxRecordingExactCents(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts/{accountId}/transactions", "transactions_sandbox.json")
	got, err := c.ListTransactions(t.Context(), "3353431574710163189587446", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Transaction{
		{AccountID: "3353431574710163189587446", Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Posted,
			Description: "KURUMAN FRESH PRODUCE H KURUMAN ZA", CardNumber: "402261xxxxxx0011", PostedOrder: 11049,
			PostingDate: "2023-04-13", ValueDate: "2023-04-30", ActionDate: "2023-04-12", TransactionDate: "2023-04-11",
			Amount: 5360, RunningBalance: amt(3467966)},
		{AccountID: "3353431574710163189587446", Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Posted,
			Description: "YOCO   *ARUKAH HEALTH KURUMAN ZA", CardNumber: "402261xxxxxx0018", PostedOrder: 11050,
			PostingDate: "2023-04-13", ValueDate: "2023-04-30", ActionDate: "2023-04-12", TransactionDate: "2023-04-12",
			Amount: 37400, RunningBalance: amt(3430566)},
		{AccountID: "3353431574710163189587446", Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Posted,
			Description: "24 CENTRAL            ENT joeNESBURG ZA", CardNumber: "402261xxxxxx0011", PostedOrder: 11053,
			PostingDate: "2023-04-14", ValueDate: "2023-04-30", ActionDate: "2023-04-12", TransactionDate: "2023-04-12",
			Amount: 1000, RunningBalance: amt(3429566)},
		{AccountID: "3353431574710163189587446", Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Posted,
			Description: "SUPERSPAR KURUMAN KURUMAN ZA", CardNumber: "402261xxxxxx0018", PostedOrder: 11054,
			PostingDate: "2023-04-14", ValueDate: "2023-04-30", ActionDate: "2023-04-12", TransactionDate: "2023-04-12",
			Amount: 68850, RunningBalance: amt(3360716)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transactions (-want +got):\n%s", diff)
	}
	// The running balance must follow exactly from the amounts: no float
	// drift anywhere.
	for i := 1; i < len(got); i++ {
		if *got[i-1].RunningBalance-got[i].Amount != *got[i].RunningBalance {
			t.Errorf("row %d: %s - %s != %s", i, got[i-1].RunningBalance, got[i].Amount, got[i].RunningBalance)
		}
	}
}

func TestListTransactionsSpecExampleAndDomain(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts/{accountId}/transactions", "transactions_spec.json")
	got, err := c.ListTransactions(t.Context(), "172878438321553632224", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Amount != 53500 || got[0].UUID != "32224202006110013379" || got[1].Amount != 3109 || got[1].Type != domain.Credit {
		t.Fatalf("transactions = %+v", got)
	}
	debit, credit := got[0].ToDomain(), got[1].ToDomain()
	if debit.SignedAmount != -53500 || debit.Amount != 53500 || *debit.RunningBalance != 2885776 {
		t.Errorf("debit ToDomain = %+v", debit)
	}
	if credit.SignedAmount != 3109 || credit.UUID != "32224202006110013378" || credit.PostedOrder != 13378 {
		t.Errorf("credit ToDomain = %+v", credit)
	}
}

func TestListTransactionsLiveQuirks(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/pb/v1/accounts/{accountId}/transactions", "transactions_live.json")
	got, err := c.ListTransactions(t.Context(), "3353431574710163189587446", &TransactionsOptions{IncludePending: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Transaction{
		{AccountID: "3353431574710163189587446", Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Posted,
			Description: "GINO'S RESTAURANT & BAR", CardNumber: "402261xxxxxx0011", PostedOrder: 11049,
			PostingDate: "2024-11-08", ValueDate: "2024-11-30", ActionDate: "2024-11-07", TransactionDate: "2024-11-06",
			Amount: 123450, RunningBalance: amt(-1081841598), UUID: "87446202411080011049"},
		{AccountID: "3353431574710163189587446", Type: domain.Credit, Status: domain.Posted,
			Description: "SALARY &amp; BONUS", PostedOrder: 11050, // unescaped exactly once
			PostingDate: "2024-11-08", ValueDate: "2024-11-08", ActionDate: "2024-11-08", TransactionDate: "2024-11-08",
			Amount: 10, RunningBalance: amt(30), UUID: "87446202411080011050"},
		{AccountID: "3353431574710163189587446", Type: domain.Debit, TransactionType: "CardPurchases", Status: domain.Pending,
			Description: "UBER *TRIP", TransactionDate: "2024-11-09", Amount: 8700},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transactions (-want +got):\n%s", diff)
	}
	if d := got[2].ToDomain(); d.RunningBalance != nil || d.PostingDate != "" || d.SignedAmount != -8700 || d.Status != domain.Pending {
		t.Errorf("pending ToDomain = %+v", d)
	}
}

func TestListTransactionsFollowsReportedPages(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var calls atomic.Int32
	ts.handle("GET /za/pb/v1/accounts/{accountId}/transactions", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		page := r.URL.Query().Get("page")
		if page == "" {
			page = "1"
		}
		n, _ := strconv.Atoi(page)
		_, _ = w.Write([]byte(`{"data":{"transactions":[{"accountId":"x","type":"DEBIT","status":"POSTED","postedOrder":` + page +
			`,"amount":1.` + page + `0}]},"links":{"self":""},"meta":{"totalPages":3}}`))
		if n > 3 {
			t.Errorf("page %d requested beyond totalPages", n)
		}
	})
	got, err := c.ListTransactions(t.Context(), "x", &TransactionsOptions{FromDate: "2024-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Amount != 110 || got[2].Amount != 130 || calls.Load() != 3 {
		t.Errorf("got %+v in %d calls", got, calls.Load())
	}
}

func TestListTransactionsRefusesAServerThatIgnoresPage(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/pb/v1/accounts/{accountId}/transactions", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"transactions":[{"accountId":"x","type":"DEBIT","amount":1,"runningBalance":5}]},"meta":{"totalPages":2}}`))
	})
	_, err := c.ListTransactions(t.Context(), "x", nil)
	var dec *DecodeError
	if !errors.As(err, &dec) {
		t.Fatalf("err = %v, want a DecodeError instead of duplicated rows", err)
	}
}

func TestListPendingTransactionsBothKeys(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		want []Transaction
	}{
		{"pending_spec.json", []Transaction{{AccountID: "172878438321553632224", Type: domain.Debit, Status: domain.Pending,
			Description: "MONTHLY SERVICE CHARGE", TransactionDate: "2020-06-10", Amount: 53500}}},
		{"pending_schema.json", []Transaction{{AccountID: "3353431574710163189587446", Type: domain.Debit, Status: domain.Pending,
			Description: "WOOLWORTHS & CO", TransactionDate: "2024-11-09", Amount: 12005}}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.serveFixture("GET /za/pb/v1/accounts/{accountId}/pending-transactions", tc.file)
			got, err := c.ListPendingTransactions(t.Context(), "3353431574710163189587446")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("pending (-want +got):\n%s", diff)
			}
		})
	}
}
