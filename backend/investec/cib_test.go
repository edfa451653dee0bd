package investec

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestListCIBAccounts(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.serveFixture("GET /za/bb/v1/accounts", "cib_accounts_spec.json")
	got, err := c.ListCIBAccounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []CIBAccount{{
		AccountID: "4407", AccountNumber: "6566939", AccountName: "USD 6566939 Term Deposit Account",
		AccountType: "Term Deposit Account", AccountTypeID: "5", NickName: "RACING STRIPES (PTY) LIMITED",
		Description: "RACING STRIPES (PTY) LIMITED", Category: "Invest", ActiveFlag: "Y", CurrencyCode: "USD",
		AccountOpenDate: "2021-10-13T07:19:01Z",
		Balances:        CIBBalances{CapitalBalance: 1200, ValueDate: "2020-06-03T22:00:01Z"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CIB accounts (-want +got):\n%s", diff)
	}
}

func TestListCIBTransactionsPageSpecExample(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/bb/v1/accounts/{accountId}/transactions", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testQuery(t, r, map[string]string{"fromDate": "2021-05-01", "toDate": "2021-05-31", "page": "1"})
		_, _ = w.Write(fixture(t, "cib_transactions_spec.json"))
	})
	got, err := c.ListCIBTransactionsPage(t.Context(), "73", &CIBTransactionsOptions{FromDate: "2021-05-01", ToDate: "2021-05-31"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := &CIBTransactionsPage{Page: 1, TotalPages: 1, Transactions: []CIBTransaction{{
		TransactionID: "202105180000000000284", AccountID: "73", AccountNumber: "1300206346580",
		AccountName: "ZAR 1300206346580 Investec Business Account", TransactionCode: "284", TransactionStatus: "approved",
		StatementID: "51599", CardNumber: "Internal-Live", CardHolderName: "INVBUSONLBENEFRENSD", Description: "Internal Transaction",
		Reference:       "INVBUSONLBENEFRENSD",
		References:      [10]string{"PMC Inbounds", "", "DETAIL - 40005030601", "", "", "", "", "614", "BENEFRENSD", ""},
		BeneficiaryName: "Internal Transaction DETAIL - 40005030601", CurrencyCode: "ZAR",
		CaptureDate: "2021-05-17T22:00:01Z", ValueDate: "2021-05-17T22:00:01Z", PostDate: "0001-01-01T00:00:00",
		Amount: 500000, RunningBalance: amt(544505976),
	}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("page (-want +got):\n%s", diff)
	}
	// 22:00 UTC on the 17th is midnight on the 18th in Johannesburg.
	if d := got.Transactions[0].ValueDateISO(); d != "2021-05-18" {
		t.Errorf("ValueDateISO = %q, want 2021-05-18", d)
	}
	if _, err := c.ListCIBTransactionsPage(t.Context(), "73", nil, 0); err == nil {
		t.Error("page 0 was requested")
	}
}

func TestSADate(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"2021-05-17T22:00:01Z":      "2021-05-18",
		"2021-05-17T21:59:59Z":      "2021-05-17",
		"2021-05-17T10:00:00+02:00": "2021-05-17",
		"2021-05-17T00:00:00":       "2021-05-17",
		"2021-05-17":                "2021-05-17",
		"":                          "",
		"garbage":                   "",
	} {
		if got := saDate(in); got != want {
			t.Errorf("saDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// serveCIBPages serves two pages and counts requests per page.
func serveCIBPages(ts *testServer) *[3]atomic.Int32 {
	var counts [3]atomic.Int32
	ts.handle("GET /za/bb/v1/accounts/{accountId}/transactions", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		switch r.URL.Query().Get("page") {
		case "1":
			counts[1].Add(1)
			_, _ = w.Write(fixture(ts.t, "cib_transactions_page1.json"))
		case "2":
			counts[2].Add(1)
			_, _ = w.Write(fixture(ts.t, "cib_transactions_page2.json"))
		default:
			ts.t.Errorf("unexpected page %q", r.URL.Query().Get("page"))
			w.WriteHeader(http.StatusNotFound)
		}
	})
	return &counts
}

func TestCIBTransactionsWalksEveryPage(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	counts := serveCIBPages(ts)
	var ids []string
	var amounts []int64
	for tx, err := range c.CIBTransactions(t.Context(), "73", &CIBTransactionsOptions{FromDate: "2021-05-01"}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tx.TransactionID)
		amounts = append(amounts, tx.Amount.Money().Cents())
	}
	if diff := cmp.Diff([]string{"202105180000000000284", "202105190000000000285", "202105200000000000286"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{500000, -125075, 9999}, amounts); diff != "" {
		t.Errorf("amounts (-want +got):\n%s", diff)
	}
	if counts[1].Load() != 1 || counts[2].Load() != 1 {
		t.Errorf("page requests = %d, %d; want 1, 1", counts[1].Load(), counts[2].Load())
	}
}

func TestCIBTransactionsStopsWhenTheLoopBreaks(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	counts := serveCIBPages(ts)
	for _, err := range c.CIBTransactions(t.Context(), "73", nil) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if counts[2].Load() != 0 {
		t.Error("page 2 was fetched after the caller stopped")
	}
}

func TestCIBTransactionsStopsOnCancel(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	counts := serveCIBPages(ts)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var seen int
	var lastErr error
	for _, err := range c.CIBTransactions(ctx, "73", nil) {
		if err != nil {
			lastErr = err
			continue
		}
		seen++
		cancel() // cancel after the first transaction
	}
	if seen != 1 || !errors.Is(lastErr, context.Canceled) {
		t.Errorf("saw %d transactions, last error %v; want 1 and context.Canceled", seen, lastErr)
	}
	if counts[2].Load() != 0 {
		t.Error("page 2 was fetched after cancel")
	}
}

func TestCIBTransactionsYieldsAPageError(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/bb/v1/accounts/{accountId}/transactions", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "1" {
			_, _ = w.Write(fixture(t, "cib_transactions_page1.json"))
			return
		}
		w.WriteHeader(http.StatusNotFound)
	})
	var n, errs int
	var last error
	for _, err := range c.CIBTransactions(t.Context(), "73", nil) {
		if err != nil {
			errs++
			last = err
			continue
		}
		n++
	}
	var api *APIError
	if n != 2 || errs != 1 || !errors.As(last, &api) || api.StatusCode != http.StatusNotFound {
		t.Errorf("got %d transactions and %d errors (%v); want 2 and one 404", n, errs, last)
	}
}
