package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPendingPostsAsTheClockAdvances(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	id := h.s.Accounts()[0].ID
	tok := h.token(pbKey)

	type pendingRow struct {
		Description     string      `json:"description"`
		TransactionDate string      `json:"transactionDate"`
		Amount          json.Number `json:"amount"`
		Status          string      `json:"status"`
	}
	var env struct {
		Data struct {
			Transactions []pendingRow `json:"transactions"`
		} `json:"data"`
	}
	h.getJSON("/za/pb/v1/accounts/"+id+"/pending-transactions", tok, &env)
	pending := env.Data.Transactions
	if len(pending) == 0 {
		t.Fatal("no pending card purchases on the default bank")
	}
	for _, p := range pending {
		if p.Status != "PENDING" || p.TransactionDate > "2026-11-26" || p.TransactionDate < "2026-11-23" {
			t.Errorf("pending row %+v", p)
		}
	}
	// includePending merges them with the live nulls.
	rows := h.transactions(tok, id, "fromDate=2026-11-20&includePending=true")
	var merged []wireTx
	for _, r := range rows {
		if r.Status == "PENDING" {
			merged = append(merged, r)
			if r.PostingDate != nil || r.ValueDate != nil || r.ActionDate != nil || r.CardNumber != nil || r.TransactionType != nil ||
				r.UUID != nil || string(r.PostedOrder) != "0" {
				t.Errorf("merged pending row should have null dates, card, type, no uuid and postedOrder 0: %+v", r)
			}
		}
	}
	if len(merged) != len(pending) {
		t.Errorf("%d merged pending rows, %d pending", len(merged), len(pending))
	}
	// Without includePending they are not listed.
	for _, r := range h.transactions(tok, id, "fromDate=2026-11-20") {
		if r.Status != "POSTED" {
			t.Errorf("pending row without includePending: %+v", r)
		}
	}

	// Three days later every one of them has posted, 1-3 days after its
	// transaction date, with a postedOrder and a uuid.
	h.clock.Advance(3 * 24 * time.Hour)
	tok = h.token(pbKey)
	var later struct {
		Data struct {
			Transactions []pendingRow `json:"transactions"`
		} `json:"data"`
	}
	h.getJSON("/za/pb/v1/accounts/"+id+"/pending-transactions", tok, &later)
	for _, p := range later.Data.Transactions {
		if p.TransactionDate <= "2026-11-26" {
			t.Errorf("still pending three days later: %+v", p)
		}
	}
	posted := h.transactions(tok, id, "fromDate=2026-11-20&toDate=2026-11-29")
	for _, p := range pending {
		found := false
		for _, r := range posted {
			if r.Description == p.Description && r.TransactionDate == p.TransactionDate && r.Amount == p.Amount && r.Status == "POSTED" {
				found = true
				pd, _ := time.Parse(time.DateOnly, *r.PostingDate)
				td, _ := time.Parse(time.DateOnly, r.TransactionDate)
				if lag := pd.Sub(td) / (24 * time.Hour); lag < 1 || lag > 3 || *r.PostingDate <= "2026-11-26" {
					t.Errorf("%s posted on %s, %d days after %s", r.Description, *r.PostingDate, lag, r.TransactionDate)
				}
				if r.UUID == nil || string(r.PostedOrder) == "0" {
					t.Errorf("posted row without order or uuid: %+v", r)
				}
			}
		}
		if !found {
			t.Errorf("pending %+v never posted", p)
		}
	}
}

func TestUUIDFormula(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	for _, a := range h.s.Accounts()[:4] {
		for _, r := range h.transactions(tok, a.ID, "fromDate=2026-06-01") {
			want := fmt.Sprintf("%s%s%07s", a.ID[len(a.ID)-5:], strings.ReplaceAll(*r.PostingDate, "-", ""), r.PostedOrder)
			if r.UUID == nil || *r.UUID != want {
				t.Fatalf("%s: uuid %v, want %s", a.ID, r.UUID, want)
			}
		}
	}
	// The spec's own example: 32224 + 20200611 + 0013379.
	if got := uuidOf("172878438321553632224", civilDay(2020, 6, 11), 13379); got != "32224202006110013379" {
		t.Errorf("uuidOf(spec example) = %s", got)
	}
}

func TestTransactionFilters(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	id := h.s.Accounts()[0].ID

	// Default window: today-180 days to today, on the posting date.
	def := h.transactions(tok, id, "")
	if len(def) == 0 || *def[0].PostingDate < "2026-05-30" || *def[len(def)-1].PostingDate > "2026-11-26" {
		t.Errorf("default window %s..%s", *def[0].PostingDate, *def[len(def)-1].PostingDate)
	}
	explicit := h.transactions(tok, id, "fromDate=2026-05-30&toDate=2026-11-26")
	if len(explicit) != len(def) {
		t.Errorf("default window has %d rows, explicit 180 days %d", len(def), len(explicit))
	}
	for _, r := range h.transactions(tok, id, "fromDate=2026-10-01&toDate=2026-10-31&transactionType=FeesAndInterest") {
		if *r.TransactionType != "FeesAndInterest" || *r.PostingDate < "2026-10-01" || *r.PostingDate > "2026-10-31" {
			t.Errorf("filtered row %+v", r)
		}
	}
	if got := h.transactions(tok, id, "transactionType=NoSuchType"); len(got) != 0 {
		t.Errorf("unknown type gave %d rows", len(got))
	}
	if resp, b := h.do(http.MethodGet, "/za/pb/v1/accounts/"+id+"/transactions?fromDate=yesterday", tok, ""); resp.StatusCode != 400 || b[0] != '"' {
		t.Errorf("bad date: %d %s", resp.StatusCode, b)
	}
	// Every transaction type Investec uses appears in two years.
	seen := map[string]bool{}
	for _, a := range h.s.Accounts()[:4] {
		for _, r := range h.transactions(tok, a.ID, "fromDate=2024-11-26") {
			seen[*r.TransactionType] = true
		}
	}
	for _, want := range []string{"CardPurchases", "ATMWithdrawals", "OnlineBankingPayments", "Deposits", "DebitOrders", "FasterPay", "FeesAndInterest", "Transfers"} {
		if !seen[want] {
			t.Errorf("no %s in the history", want)
		}
	}
}

func TestTransfersAppearInBothAccounts(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	count := func(id, typ string) int {
		n := 0
		for _, r := range h.transactions(tok, id, "fromDate=2025-01-01&transactionType=Transfers") {
			if r.Type == typ {
				n++
			}
		}
		return n
	}
	// Every monthly transfer to the PrimeSaver is a debit in the Private
	// Bank Account and a credit in the PrimeSaver, same day, same amount.
	pba := h.transactions(tok, accts[0].ID, "fromDate=2025-01-01&transactionType=Transfers")
	saver := h.transactions(tok, accts[1].ID, "fromDate=2025-01-01&transactionType=Transfers")
	matched := 0
	for _, d := range pba {
		if d.Description != "TRANSFER TO PRIMESAVER" {
			continue
		}
		for _, c := range saver {
			if c.Type == "CREDIT" && *c.PostingDate == *d.PostingDate && c.Amount == d.Amount {
				matched++
				break
			}
		}
	}
	if matched < 20 {
		t.Errorf("only %d transfers to the PrimeSaver matched in both accounts", matched)
	}
	if count(accts[1].ID, "CREDIT") < 20 || count(accts[0].ID, "CREDIT") < 20 {
		t.Error("too few incoming transfers")
	}
}

func TestDescriptionsAreHTMLEscapedOnTheWire(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	resp, b := h.do(http.MethodGet, "/za/pb/v1/accounts/"+h.s.Accounts()[0].ID+"/transactions?fromDate=2024-11-26", tok, "")
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	for _, want := range []string{`"description":"GINO&apos;S RESTAURANT &amp; BAR"`, `"description":"MCDONALD&apos;S RIVONIA SANDTON ZA"`, `"description":"VIDA E CAFFÈ ROSEBANK JOHANNESBURG ZA"`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("body lacks %s", want)
		}
	}
	for _, bad := range []string{`GINO'S`, `\u0026`, `\u0027`} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("body contains %s", bad)
		}
	}
}

func TestAmountsAreExactNumberTokens(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cents int64
		want  string
	}{
		{53500, "535"}, {5360, "53.6"}, {2885776, "28857.76"}, {-123405, "-1234.05"}, {5, "0.05"}, {-5, "-0.05"},
		{0, "0"}, {100, "1"}, {-100, "-1"}, {10, "0.1"}, {999999999999999, "9999999999999.99"},
		{-9223372036854775808, "-92233720368547758.08"},
	} {
		if got := string(appendMoney(nil, tc.cents)); got != tc.want {
			t.Errorf("appendMoney(%d) = %s, want %s", tc.cents, got, tc.want)
		}
	}
	for _, tc := range []struct {
		cents int64
		want  string
	}{{1000, "10.00"}, {5, "0.05"}, {-150, "-1.50"}, {12345678, "123456.78"}} {
		if got := randString(tc.cents); got != tc.want {
			t.Errorf("randString(%d) = %s, want %s", tc.cents, got, tc.want)
		}
	}
	if got := rands(-123456789); got != "-1 234 567.89" {
		t.Errorf("rands = %q", got)
	}
}

func TestDeterministicResponses(t *testing.T) {
	t.Parallel()
	a := newHarness(t, Options{Seed: 42})
	b := newHarness(t, Options{Seed: 42})
	c := newHarness(t, Options{Seed: 43})
	ta, tb, tc := a.token(pbKey), b.token(pbKey), c.token(pbKey)
	paths := []string{"/za/pb/v1/accounts", "/za/pb/v1/profiles", "/za/pb/v1/accounts/beneficiaries", "/za/pb/v1/accounts/beneficiarycategories", "/za/v1/cards"}
	for _, acct := range a.s.Accounts()[:4] {
		paths = append(paths,
			"/za/pb/v1/accounts/"+acct.ID+"/balance",
			"/za/pb/v1/accounts/"+acct.ID+"/transactions?fromDate=2024-11-26&includePending=true",
			"/za/pb/v1/accounts/"+acct.ID+"/documents?fromDate=2024-01-01&toDate=2026-11-26",
			"/za/pb/v1/accounts/"+acct.ID+"/document/Statement/"+fmt.Sprintf("2026-11-%02d", a.s.bank.accounts[mustIndex(a.s.bank, acct.ID)].statementDD))
	}
	for _, card := range a.s.bank.cards {
		paths = append(paths, "/za/v1/cards/"+card.key+"/code", "/za/v1/cards/"+card.key+"/code/executions", "/za/v1/cards/"+card.key+"/environmentvariables")
	}
	differs := 0
	for _, p := range paths {
		ra, ba := a.do(http.MethodGet, p, ta, "")
		rb, bb := b.do(http.MethodGet, p, tb, "")
		if ra.StatusCode != 200 || rb.StatusCode != 200 {
			t.Fatalf("%s: %d/%d", p, ra.StatusCode, rb.StatusCode)
		}
		if !bytes.Equal(ba, bb) {
			t.Errorf("%s: same seed and clock, different bytes", p)
		}
		if _, bc := c.do(http.MethodGet, p, tc, ""); !bytes.Equal(ba, bc) {
			differs++
		}
	}
	if differs < len(paths)/2 {
		t.Errorf("seed 43 gave the same bytes as seed 42 for %d of %d paths", len(paths)-differs, len(paths))
	}
}

func TestCIBAccountsAndPagedTransactions(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(cibKey)
	var accts struct {
		Data struct {
			Accounts []struct {
				AccountID string `json:"AccountId"`
				Balances  struct {
					CapitalBalance json.Number `json:"CapitalBalance"`
				} `json:"Balances"`
			} `json:"accounts"`
		} `json:"data"`
	}
	h.getJSON("/za/bb/v1/accounts", tok, &accts)
	if len(accts.Data.Accounts) != 2 {
		t.Fatalf("%d CIB accounts", len(accts.Data.Accounts))
	}
	main := accts.Data.Accounts[0]
	type cibTx struct {
		TransactionID  string      `json:"TransactionId"`
		Amount         json.Number `json:"Amount"`
		RunningBalance json.Number `json:"RunningBalance"`
		Description    string      `json:"Description"`
	}
	var all []cibTx
	pages := 0
	for page := 1; ; page++ {
		var env struct {
			Data struct {
				Transactions []cibTx `json:"transactions"`
			} `json:"data"`
			Meta struct {
				TotalPages int `json:"totalPages"`
			} `json:"meta"`
		}
		h.getJSON(fmt.Sprintf("/za/bb/v1/accounts/%s/transactions?fromDate=2024-11-26&toDate=2026-11-26&page=%d", main.AccountID, page), tok, &env)
		pages = env.Meta.TotalPages
		if page < pages && len(env.Data.Transactions) != cibPageSize {
			t.Errorf("page %d of %d has %d rows", page, pages, len(env.Data.Transactions))
		}
		all = append(all, env.Data.Transactions...)
		if page >= pages {
			break
		}
	}
	if pages < 3 {
		t.Errorf("two years of CIB transactions fit in %d pages", pages)
	}
	// Signed amounts add up to the running balances, page after page, and
	// to the account's capital balance.
	a := h.s.bank.accounts[acctCIBMain]
	prev := a.opening
	ids := map[string]bool{}
	for i, r := range all {
		if ids[r.TransactionID] {
			t.Errorf("row %d: duplicate TransactionId %s", i, r.TransactionID)
		}
		ids[r.TransactionID] = true
		if got := cents(t, r.RunningBalance); got != prev+cents(t, r.Amount) {
			t.Fatalf("row %d: %s + %s != %s", i, randString(prev), r.Amount, r.RunningBalance)
		}
		prev = cents(t, r.RunningBalance)
	}
	if cents(t, main.Balances.CapitalBalance) != prev {
		t.Errorf("CapitalBalance %s, last RunningBalance %s", main.Balances.CapitalBalance, randString(prev))
	}
	// A page past the end is empty.
	var past struct {
		Data struct {
			Transactions []cibTx `json:"transactions"`
		} `json:"data"`
	}
	h.getJSON(fmt.Sprintf("/za/bb/v1/accounts/%s/transactions?fromDate=2024-11-26&toDate=2026-11-26&page=%d", main.AccountID, pages+1), tok, &past)
	if len(past.Data.Transactions) != 0 {
		t.Errorf("page past the end has %d rows", len(past.Data.Transactions))
	}
}

func TestDayArithmetic(t *testing.T) {
	t.Parallel()
	base := time.Date(1999, 1, 1, 12, 0, 0, 0, time.UTC)
	for i := 0; i < 40000; i++ {
		tm := base.AddDate(0, 0, i)
		d := civilDay(tm.Year(), int(tm.Month()), tm.Day())
		if want := tm.Format(time.DateOnly); d.String() != want {
			t.Fatalf("civilDay(%s).String() = %s", want, d)
		}
		if d.weekday() != tm.Weekday() {
			t.Fatalf("%s: weekday %v, want %v", tm.Format(time.DateOnly), d.weekday(), tm.Weekday())
		}
		if d.dmy() != tm.Format("02/01/2006") {
			t.Fatalf("%s: dmy %s", tm.Format(time.DateOnly), d.dmy())
		}
		if want := time.Date(tm.Year(), tm.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day(); d.daysInMonth() != want {
			t.Fatalf("%s: %d days in the month, want %d", tm.Format(time.DateOnly), d.daysInMonth(), want)
		}
	}
	// The bank's today is the South African date: 23:30 UTC is tomorrow.
	if got := dayOf(time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC)).String(); got != "2026-03-01" {
		t.Errorf("dayOf = %s", got)
	}
	if got := civilDay(2026, 3, 31).addMonths(-1).String(); got != "2026-02-28" {
		t.Errorf("addMonths = %s", got)
	}
	for _, bad := range []string{"2026-02-30", "26-01-01", "2026/01/01", ""} {
		if _, err := parseDay(bad); err == nil {
			t.Errorf("parseDay(%q) accepted", bad)
		}
	}
}

func TestNewestFirstOrder(t *testing.T) {
	t.Parallel()
	old := newHarness(t, Options{})
	recent := newHarness(t, Options{NewestFirst: true})
	id := old.s.Accounts()[0].ID
	q := "fromDate=2026-11-01&includePending=true"
	a := old.transactions(old.token(pbKey), id, q)
	b := recent.transactions(recent.token(pbKey), id, q)
	if len(a) != len(b) || len(a) < 20 {
		t.Fatalf("%d vs %d rows", len(a), len(b))
	}
	nPending := 0
	for _, r := range a {
		if r.Status == "PENDING" {
			nPending++
		}
	}
	// Newest first: pending rows (newest first), then posted rows from the
	// latest down; the same rows, in reverse.
	for i := range a {
		if !cmp.Equal(a[i], b[len(b)-1-i]) {
			t.Fatalf("row %d: %+v, want %+v", i, b[len(b)-1-i], a[i])
		}
	}
	for i, r := range b {
		if (i < nPending) != (r.Status == "PENDING") {
			t.Errorf("row %d (%s) out of place", i, r.Status)
		}
	}
}
