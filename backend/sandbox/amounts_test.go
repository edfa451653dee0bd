package sandbox

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// roundTrip fetches every posted transaction of an account over the whole
// history, in bank order, and checks that each running balance is the
// previous one plus or minus the amount (by type), to the cent, starting
// from the account's opening balance; and that the balance endpoint's
// currentBalance is the last running balance. It returns the number of
// rows checked.
func (h *harness) roundTrip(t testing.TB, token, accountID string) int {
	t.Helper()
	a := h.s.bank.accounts[mustIndex(h.s.bank, accountID)]
	from := h.s.HistoryStart()
	rows := h.transactions(token, accountID, "fromDate="+from+"&toDate="+h.s.Today())
	prev := a.opening
	lastDate, lastOrder := "", int64(0)
	for i, r := range rows {
		if r.Status != "POSTED" {
			t.Fatalf("%s row %d: status %s without includePending", accountID, i, r.Status)
		}
		amt, bal := cents(t, r.Amount), cents(t, r.RunningBalance)
		if amt <= 0 {
			t.Fatalf("%s row %d: amount %s is not positive", accountID, i, r.Amount)
		}
		want := prev
		switch r.Type {
		case "CREDIT":
			want += amt
		case "DEBIT":
			want -= amt
		default:
			t.Fatalf("%s row %d: type %q", accountID, i, r.Type)
		}
		if bal != want {
			t.Fatalf("%s row %d (%s %s %s): runningBalance %s, want %s (previous %s)", accountID, i, *r.PostingDate, r.Type, r.Amount, r.RunningBalance, randString(want), randString(prev))
		}
		order, err := r.PostedOrder.Int64()
		if err != nil {
			t.Fatalf("%s row %d: postedOrder %q", accountID, i, r.PostedOrder)
		}
		switch {
		case *r.PostingDate < lastDate:
			t.Fatalf("%s row %d: posting date %s before %s", accountID, i, *r.PostingDate, lastDate)
		case *r.PostingDate == lastDate && order <= lastOrder:
			t.Fatalf("%s row %d: postedOrder %d not increasing within %s", accountID, i, order, lastDate)
		}
		lastDate, lastOrder = *r.PostingDate, order
		prev = bal
	}
	var bal struct {
		Data struct {
			CurrentBalance json.Number `json:"currentBalance"`
		} `json:"data"`
	}
	h.getJSON("/za/pb/v1/accounts/"+accountID+"/balance", token, &bal)
	if got := cents(t, bal.Data.CurrentBalance); got != prev {
		t.Fatalf("%s: currentBalance %s, last runningBalance %s", accountID, bal.Data.CurrentBalance, randString(prev))
	}
	return len(rows)
}

func TestAmountRoundTripFullHistory(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	total := 0
	for _, a := range h.s.Accounts() {
		if a.Kind != "private" {
			continue
		}
		n := h.roundTrip(t, tok, a.ID)
		if n < 30 {
			t.Errorf("%s (%s): only %d rows in two years", a.ProductName, a.ID, n)
		}
		total += n
	}
	if total < 2000 {
		t.Errorf("only %d posted rows across accounts; want a natural two-year history", total)
	}
}

func TestAmountRoundTripAfterTransfersAndPayments(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	b := h.s.bank
	for i, req := range []struct{ path, body string }{
		{"/za/pb/v1/accounts/" + accts[0].ID + "/transfermultiple", `{"transferList":[{"beneficiaryAccountId":"` + accts[1].ID + `","amount":"1234.05","myReference":"To saver","theirReference":"From PBA"},{"beneficiaryAccountId":"` + accts[2].ID + `","amount":0.1,"myReference":"Cents","theirReference":"Cents"}]}`},
		{"/za/pb/v1/accounts/" + accts[1].ID + "/transfermultiple", `{"transferList":[{"beneficiaryAccountId":"` + accts[0].ID + `","amount":"99.99","myReference":"Back","theirReference":"Back"}]}`},
		{"/za/pb/v1/accounts/" + accts[0].ID + "/paymultiple", `{"paymentList":[{"beneficiaryId":"` + b.beneficiaries[1].id + `","amount":"500.01","myReference":"Mama","theirReference":"Love T","fasterPayment":true},{"beneficiaryId":"` + b.beneficiaries[0].id + `","amount":"3800","myReference":"Grace","theirReference":"Wages"}]}`},
		{"/za/pb/v1/accounts/transfermultiple", `{"accountId":"` + accts[2].ID + `","transferList":[{"beneficiaryAccountId":"` + accts[0].ID + `","amount":"7","myReference":"v1","theirReference":"v1"}]}`},
	} {
		resp, body := h.do(http.MethodPost, req.path, tok, req.body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d: %s", i, resp.StatusCode, body)
		}
		// Later the same day, and the next day, more postings follow (and
		// the 30-minute token has expired).
		h.clock.Advance(5 * time.Hour)
		tok = h.token(pbKey)
	}
	for _, a := range accts[:4] {
		h.roundTrip(t, tok, a.ID)
	}
}

func TestAmountRoundTripScaledHistory(t *testing.T) {
	t.Parallel()
	const n = 20000
	h := newHarness(t, Options{Transactions: n})
	tok := h.token(pbKey)
	total := 0
	for _, a := range h.s.Accounts()[:4] {
		total += h.roundTrip(t, tok, a.ID)
		var p struct {
			Data struct {
				Transactions []json.RawMessage `json:"transactions"`
			} `json:"data"`
		}
		h.getJSON("/za/pb/v1/accounts/"+a.ID+"/pending-transactions", tok, &p)
		total += len(p.Data.Transactions)
	}
	if total != n {
		t.Errorf("%d transactions across the private accounts, want exactly %d", total, n)
	}
}

// BenchmarkAmountRoundTrip200k generates a 200,000-transaction history and
// checks every running balance of it over HTTP (go test -run '^$' -bench
// AmountRoundTrip200k).
func BenchmarkAmountRoundTrip200k(b *testing.B) {
	const n = 200000
	for b.Loop() {
		h := newHarness(b, Options{Transactions: n})
		tok := h.token(pbKey)
		total := 0
		for _, a := range h.s.Accounts()[:4] {
			total += h.roundTrip(b, tok, a.ID)
		}
		if total < n-50 || total > n {
			b.Fatalf("%d posted rows, want about %d (a few are pending)", total, n)
		}
	}
}
