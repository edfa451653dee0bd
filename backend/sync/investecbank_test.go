package sync_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
	dsync "github.com/investec-desk/investec-desk/backend/sync"
)

// wireServer serves a model bank over real HTTP in Investec's Private
// Banking wire format (amounts as JSON numbers, HTML-escaped descriptions,
// the data/links/meta envelope), with a token endpoint.
type wireServer struct {
	bank *modelBank
	mu   gosync.Mutex
	// fail, when set, may answer a request instead of the bank.
	fail func(r *http.Request) (status int, header http.Header, body string, ok bool)
	hits map[string]int
}

func newWireServer(t *testing.T, bank *modelBank) (*wireServer, *httptest.Server) {
	ws := &wireServer{bank: bank, hits: map[string]int{}}
	srv := httptest.NewServer(ws)
	t.Cleanup(srv.Close)
	return ws, srv
}

func money(m domain.Money) json.RawMessage { return json.RawMessage(m.String()) }

func (ws *wireServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ws.mu.Lock()
	fail := ws.fail
	ws.hits[r.URL.Path]++
	ws.mu.Unlock()
	if fail != nil {
		if status, h, body, ok := fail(r); ok {
			for k, v := range h {
				w.Header()[k] = v
			}
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
			return
		}
	}
	ctx := r.Context()
	b := ws.bank
	var data any
	var err error
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.URL.Path == "/identity/v2/oauth2/token":
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"tok","token_type":"Bearer","expires_in":1799,"scope":"accounts balances transactions"}`))
		return
	case r.Header.Get("Authorization") != "Bearer tok":
		w.WriteHeader(http.StatusUnauthorized)
		return
	case r.URL.Path == "/za/pb/v1/accounts":
		var list []domain.Account
		if list, err = b.Accounts(ctx); err == nil {
			var out []map[string]any
			for _, a := range list {
				out = append(out, map[string]any{"accountId": a.ID, "accountNumber": a.Number, "accountName": a.Name,
					"referenceName": a.ReferenceName, "productName": a.ProductName, "kycCompliant": a.KYCCompliant,
					"profileId": a.ProfileID, "profileName": a.ProfileName})
			}
			data = map[string]any{"accounts": out}
		}
	case r.URL.Path == "/za/pb/v1/accounts/beneficiaries":
		var list []domain.Beneficiary
		if list, err = b.Beneficiaries(ctx); err == nil {
			var out []map[string]any
			for _, x := range list {
				out = append(out, map[string]any{"beneficiaryId": x.ID, "accountNumber": x.AccountNumber, "name": x.Name,
					"beneficiaryName": x.Name, "lastPaymentDate": "", "referenceName": "", "bank": "Investec"})
			}
			data = out
		}
	case len(parts) == 6 && parts[5] == "balance":
		var bal domain.Balance
		if bal, err = b.Balance(ctx, parts[4]); err == nil {
			data = map[string]any{"accountId": bal.AccountID, "currentBalance": money(bal.Current),
				"availableBalance": money(bal.Available), "currency": bal.Currency}
		}
	case len(parts) == 6 && parts[5] == "transactions":
		var rows []domain.Transaction
		if rows, err = b.Transactions(ctx, parts[4], r.URL.Query().Get("fromDate"), r.URL.Query().Get("toDate")); err == nil {
			var out []map[string]any
			for _, t := range rows {
				out = append(out, map[string]any{"accountId": t.AccountID, "type": t.Type, "transactionType": t.TransactionType,
					"status": t.Status, "description": html.EscapeString(t.Description), "cardNumber": t.CardNumber,
					"postedOrder": t.PostedOrder, "postingDate": t.PostingDate, "valueDate": t.ValueDate,
					"actionDate": t.ActionDate, "transactionDate": t.TransactionDate, "amount": money(t.Amount),
					"runningBalance": money(*t.RunningBalance), "uuid": t.UUID})
			}
			data = map[string]any{"transactions": out}
		}
	case len(parts) == 6 && parts[5] == "pending-transactions":
		var rows []domain.Transaction
		if rows, err = b.Pending(ctx, parts[4]); err == nil {
			var out []map[string]any
			for _, t := range rows {
				out = append(out, map[string]any{"accountId": t.AccountID, "type": t.Type, "status": "PENDING",
					"description": html.EscapeString(t.Description), "transactionDate": t.TransactionDate,
					"amount": money(t.Amount), "transactionType": t.TransactionType})
			}
			data = map[string]any{"transactions": out}
		}
	case len(parts) == 6 && parts[5] == "documents":
		var docs []domain.Document
		if docs, err = b.Documents(ctx, parts[4], r.URL.Query().Get("fromDate"), r.URL.Query().Get("toDate")); err == nil {
			var out []map[string]any
			for _, d := range docs {
				out = append(out, map[string]any{"documentType": d.DocumentType, "documentDate": d.DocumentDate})
			}
			data = out
		}
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": data, "links": map[string]any{"self": r.URL.String()},
		"meta": map[string]any{"totalPages": 1}})
}

func httpBank(srv *httptest.Server, attempts int) *dsync.InvestecBank {
	c := investec.NewClient(investec.WithBaseURL(srv.URL),
		investec.WithCredentials(investec.Credentials{ClientID: "id", ClientSecret: "secret", APIKey: "key"}),
		investec.WithRetry(investec.RetryPolicy{MaxAttempts: attempts}))
	return dsync.NewInvestecBank(c, false, slog.New(slog.DiscardHandler))
}

// TestSyncOverHTTP syncs through the real client, over real HTTP, and
// checks the cache equals the bank, including after the bank changes.
func TestSyncOverHTTP(t *testing.T) {
	t.Parallel()
	bank := newModelBank(21, 2, 300, day0)
	_, srv := newWireServer(t, bank)
	st := storetest.Open(t)
	s := dsync.New(st, httpBank(srv, 1), dsync.Options{WindowDays: 60, Now: func() time.Time { return bank.today.Add(10 * time.Hour) },
		Logger: slog.New(slog.DiscardHandler)})
	if run, err := s.Run(t.Context(), "manual"); err != nil || run.Failed != 0 {
		t.Fatalf("run = %+v, %v", run, err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
	for range 30 {
		bank.mutate()
	}
	bank.advance(4)
	if run, err := s.Run(t.Context(), "manual"); err != nil || run.Failed != 0 {
		t.Fatalf("second run = %+v, %v", run, err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
	// Descriptions arrive HTML-escaped and are cached as text.
	page, _ := st.ListTransactions(t.Context(), domain.TransactionFilter{Search: "gino's", Limit: 1})
	if page.Totals.Count == 0 || !strings.Contains(page.Rows[0].Description, "GINO'S BAR & GRILL") {
		t.Fatalf("escaped description: %+v", page.Rows)
	}
}

// TestHTTP429WaitsAsTold answers 429 with Retry-After once; the sync waits
// exactly that long (through its cancellable Sleep) and completes.
func TestHTTP429WaitsAsTold(t *testing.T) {
	t.Parallel()
	bank := newModelBank(22, 1, 100, day0)
	ws, srv := newWireServer(t, bank)
	limited := false
	ws.fail = func(r *http.Request) (int, http.Header, string, bool) {
		if strings.HasSuffix(r.URL.Path, "/transactions") && !limited {
			limited = true
			return http.StatusTooManyRequests, http.Header{"Retry-After": {"3"}}, "", true
		}
		return 0, nil, "", false
	}
	var waits []time.Duration
	st := storetest.Open(t)
	s := dsync.New(st, httpBank(srv, 1), dsync.Options{Now: func() time.Time { return bank.today.Add(10 * time.Hour) },
		Sleep:  func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil },
		Logger: slog.New(slog.DiscardHandler)})
	if run, err := s.Run(t.Context(), "manual"); err != nil || run.Failed != 0 {
		t.Fatalf("run = %+v, %v", run, err)
	}
	if len(waits) != 1 || waits[0] != 3*time.Second {
		t.Fatalf("waits = %v, want [3s]", waits)
	}
	checkCacheEqualsBank(t, st, bank, nil)
}

// TestHTTPFailingAccountAndForbiddenParts: a 500 for one account's
// transactions fails that account only; a 403 on documents is skipped.
func TestHTTPFailingAccountAndForbiddenParts(t *testing.T) {
	t.Parallel()
	bank := newModelBank(23, 2, 100, day0)
	bad := bank.accounts[0].ID
	ws, srv := newWireServer(t, bank)
	ws.fail = func(r *http.Request) (int, http.Header, string, bool) {
		switch {
		case strings.Contains(r.URL.Path, bad) && strings.HasSuffix(r.URL.Path, "/transactions"):
			return http.StatusInternalServerError, nil, `"The service is unavailable."`, true
		case strings.HasSuffix(r.URL.Path, "/documents"):
			return http.StatusForbidden, nil, "", true
		}
		return 0, nil, "", false
	}
	st := storetest.Open(t)
	s := dsync.New(st, httpBank(srv, 1), dsync.Options{Now: func() time.Time { return bank.today.Add(10 * time.Hour) },
		Logger: slog.New(slog.DiscardHandler)})
	run, err := s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 1 || run.ErrorCode != domain.CodeBankError {
		t.Fatalf("run = %+v, %v", run, err)
	}
	state, _ := st.SyncState(t.Context(), bad)
	if state.LastErrorCode != domain.CodeBankError || !strings.Contains(state.LastErrorMessage, "Investec") {
		t.Fatalf("failing account state = %+v", state)
	}
	good, _ := st.SyncState(t.Context(), bank.accounts[1].ID)
	if good.LastSuccessAt == "" {
		t.Fatalf("healthy account not synced: %+v", good)
	}
	ws.fail = nil
	if run, err := s.Run(t.Context(), "manual"); err != nil || run.Failed != 0 {
		t.Fatalf("recovery = %+v, %v", run, err)
	}
	checkCacheEqualsBank(t, st, bank, nil)
	runs, _ := st.ListSyncRuns(t.Context(), 10)
	if len(runs) != 2 || runs[1].Failed != 1 || runs[0].Failed != 0 {
		t.Fatalf("runs = %+v", runs)
	}
	for _, r := range runs {
		if strings.Contains(r.ErrorMessage, "secret") || strings.Contains(r.ErrorMessage, "tok") {
			t.Fatalf("run message leaks a credential: %q", r.ErrorMessage)
		}
	}
	_ = fmt.Sprint
}
