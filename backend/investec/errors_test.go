package investec

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// apiCall is one client method, how the test server routes it, and the
// permission a 403 must name (from the notes' §2.4 table, independently of
// the Operations table in the package).
type apiCall struct {
	name       string // the *Client method
	method     string // HTTP method
	pattern    string // mux path pattern, without the base path
	permission string // first permission label a 403 must name
	raw        bool   // the method returns the body as bytes
	call       func(ctx context.Context, c *Client) error
}

// allCalls lists every API method of *Client with valid arguments.
func allCalls() []apiCall {
	transfers := []Transfer{{BeneficiaryAccountID: "dst", Amount: 1012, MyReference: "m", TheirReference: "t"}}
	const (
		accounts     = "Account name and number"
		balance      = "Account balance"
		transactions = "Transactions"
		transfersP   = "Inter-account transfers"
		payments     = "Beneficiary payments"
		statements   = "Statements"
		cards        = "Card code"
	)
	return []apiCall{
		{"ListAccounts", "GET", "/za/pb/v1/accounts", accounts, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListAccounts(ctx)
			return err
		}},
		{"GetBalance", "GET", "/za/pb/v1/accounts/{accountId}/balance", balance, false, func(ctx context.Context, c *Client) error {
			_, err := c.GetBalance(ctx, "acc")
			return err
		}},
		{"ListTransactions", "GET", "/za/pb/v1/accounts/{accountId}/transactions", transactions, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListTransactions(ctx, "acc", &TransactionsOptions{FromDate: "2024-01-01"})
			return err
		}},
		{"ListPendingTransactions", "GET", "/za/pb/v1/accounts/{accountId}/pending-transactions", transactions, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListPendingTransactions(ctx, "acc")
			return err
		}},
		{"TransferMultipleV1", "POST", "/za/pb/v1/accounts/transfermultiple", transfersP, false, func(ctx context.Context, c *Client) error {
			_, err := c.TransferMultipleV1(ctx, &TransferV1Request{AccountID: "acc", TransferList: transfers})
			return err
		}},
		{"TransferMultiple", "POST", "/za/pb/v1/accounts/{accountId}/transfermultiple", transfersP, false, func(ctx context.Context, c *Client) error {
			_, err := c.TransferMultiple(ctx, "acc", &TransferRequest{TransferList: transfers})
			return err
		}},
		{"PayMultiple", "POST", "/za/pb/v1/accounts/{accountId}/paymultiple", payments, false, func(ctx context.Context, c *Client) error {
			_, err := c.PayMultiple(ctx, "acc", &PaymentRequest{PaymentList: []Payment{{BeneficiaryID: "b", Amount: 10100, MyReference: "m", TheirReference: "t"}}})
			return err
		}},
		{"ListBeneficiaries", "GET", "/za/pb/v1/accounts/beneficiaries", payments, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListBeneficiaries(ctx)
			return err
		}},
		{"ListBeneficiaryCategories", "GET", "/za/pb/v1/accounts/beneficiarycategories", payments, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListBeneficiaryCategories(ctx, &BeneficiaryCategoriesOptions{ProfileID: "p"})
			return err
		}},
		{"ListProfiles", "GET", "/za/pb/v1/profiles", accounts, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListProfiles(ctx)
			return err
		}},
		{"ListProfileAccounts", "GET", "/za/pb/v1/profiles/{profileId}/accounts", accounts, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListProfileAccounts(ctx, "p")
			return err
		}},
		{"GetAuthorisationSetup", "GET", "/za/pb/v1/profiles/{profileId}/accounts/{accountId}/authorisationsetupdetails", accounts, false, func(ctx context.Context, c *Client) error {
			_, err := c.GetAuthorisationSetup(ctx, "p", "acc")
			return err
		}},
		{"ListProfileBeneficiaries", "GET", "/za/pb/v1/profiles/{profileId}/accounts/{accountId}/beneficiaries", accounts, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListProfileBeneficiaries(ctx, "p", "acc")
			return err
		}},
		{"ListDocuments", "GET", "/za/pb/v1/accounts/{accountId}/documents", statements, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListDocuments(ctx, "acc", "2024-01-01", "2024-02-01")
			return err
		}},
		{"GetDocument", "GET", "/za/pb/v1/accounts/{accountId}/document/{documentType}/{documentDate}", statements, true, func(ctx context.Context, c *Client) error {
			_, err := c.GetDocument(ctx, "acc", "Statement", "2024-01-16")
			return err
		}},
		{"ListCards", "GET", "/za/v1/cards", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListCards(ctx)
			return err
		}},
		{"CreateVirtualCard", "POST", "/za/v1/cards", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.CreateVirtualCard(ctx, &CreateVirtualCardRequest{AccountNumber: "100", EmbossName: "A"})
			return err
		}},
		{"GetCardDetail", "GET", "/za/v1/cards/{cardKey}", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.GetCardDetail(ctx, "1010101")
			return err
		}},
		{"GetCardDetailSensitive", "POST", "/za/v1/cards/{cardKey}", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.GetCardDetailSensitive(ctx, "1010101", &SensitiveDetailsRequest{Modulus: "ab", Exponent: "010001"})
			return err
		}},
		{"ToggleProgrammableFeature", "POST", "/za/v1/cards/{cardKey}/toggle-programmable-feature", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ToggleProgrammableFeature(ctx, "1010101", true)
			return err
		}},
		{"GetSavedCode", "GET", "/za/v1/cards/{cardKey}/code", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.GetSavedCode(ctx, "1010101")
			return err
		}},
		{"SaveCode", "POST", "/za/v1/cards/{cardKey}/code", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.SaveCode(ctx, "1010101", "const x = 1;")
			return err
		}},
		{"GetPublishedCode", "GET", "/za/v1/cards/{cardKey}/publishedcode", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.GetPublishedCode(ctx, "1010101")
			return err
		}},
		{"PublishCode", "POST", "/za/v1/cards/{cardKey}/publish", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.PublishCode(ctx, "1010101", "code-id")
			return err
		}},
		{"ExecuteCode", "POST", "/za/v1/cards/{cardKey}/code/execute", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ExecuteCode(ctx, "1010101", &ExecuteCodeRequest{SimulationCode: "x", Amount: 100, CurrencyCode: "zar", MerchantCode: 5462})
			return err
		}},
		{"ListExecutions", "GET", "/za/v1/cards/{cardKey}/code/executions", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListExecutions(ctx, "1010101")
			return err
		}},
		{"GetEnvironmentVariables", "GET", "/za/v1/cards/{cardKey}/environmentvariables", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.GetEnvironmentVariables(ctx, "1010101")
			return err
		}},
		{"ReplaceEnvironmentVariables", "POST", "/za/v1/cards/{cardKey}/environmentvariables", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ReplaceEnvironmentVariables(ctx, "1010101", map[string]string{"limit": "500"})
			return err
		}},
		{"ListCountries", "GET", "/za/v1/cards/countries", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListCountries(ctx)
			return err
		}},
		{"ListCurrencies", "GET", "/za/v1/cards/currencies", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListCurrencies(ctx)
			return err
		}},
		{"ListMerchants", "GET", "/za/v1/cards/merchants", cards, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListMerchants(ctx)
			return err
		}},
		{"ListCIBAccounts", "GET", "/za/bb/v1/accounts", accounts, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListCIBAccounts(ctx)
			return err
		}},
		{"ListCIBTransactionsPage", "GET", "/za/bb/v1/accounts/{accountId}/transactions", transactions, false, func(ctx context.Context, c *Client) error {
			_, err := c.ListCIBTransactionsPage(ctx, "acc", nil, 1)
			return err
		}},
		{"CIBTransactions", "GET", "/za/bb/v1/accounts/{accountId}/transactions", transactions, false, func(ctx context.Context, c *Client) error {
			for _, err := range c.CIBTransactions(ctx, "acc", nil) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
	}
}

// errorCase is one error answer and what every method must make of it.
type errorCase struct {
	name   string
	status int
	header map[string]string
	body   string
	check  func(t *testing.T, ac apiCall, err error, ts *testServer, requests int32)
}

func errorCases() []errorCase {
	isPOST := func(ac apiCall) bool { return ac.method == http.MethodPost }
	return []errorCase{
		{name: "401 twice", status: http.StatusUnauthorized, check: func(t *testing.T, ac apiCall, err error, ts *testServer, requests int32) {
			if !errors.Is(err, ErrUnauthorized) {
				t.Errorf("err = %v, want ErrUnauthorized", err)
			}
			if requests != 2 || ts.tokenCalls.Load() != 2 {
				t.Errorf("requests %d, token fetches %d; want one renewal and one replay (2, 2)", requests, ts.tokenCalls.Load())
			}
			if domain.ErrorCode(DomainError(err)) != domain.CodeUnauthorized {
				t.Errorf("DomainError code = %s", domain.ErrorCode(DomainError(err)))
			}
		}},
		{name: "403", status: http.StatusForbidden, body: `{"message":"Forbidden"}`, check: func(t *testing.T, ac apiCall, err error, ts *testServer, requests int32) {
			var fe *ForbiddenError
			if !errors.As(err, &fe) || !errors.Is(err, ErrForbidden) {
				t.Fatalf("err = %v, want *ForbiddenError", err)
			}
			if len(fe.Permissions) == 0 || fe.Permissions[0].Label != ac.permission {
				t.Errorf("permissions = %+v, want %q first", fe.Permissions, ac.permission)
			}
			if !strings.Contains(err.Error(), ac.permission) || fe.Message != "Forbidden" {
				t.Errorf("err = %q, want it to name %q", err, ac.permission)
			}
			if requests != 1 {
				t.Errorf("requests = %d, want 1 (a 403 is final)", requests)
			}
			if msg := domain.ErrorMessage(DomainError(err)); !strings.Contains(msg, ac.permission) {
				t.Errorf("DomainError message %q does not name the permission", msg)
			}
		}},
		{name: "429 Retry-After", status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "7"}, check: func(t *testing.T, ac apiCall, err error, ts *testServer, requests int32) {
			var rl *RateLimitError
			if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second || !errors.Is(err, ErrRateLimited) {
				t.Fatalf("err = %#v, want *RateLimitError with RetryAfter 7s", err)
			}
			waits := ts.recordedWaits()
			if isPOST(ac) {
				if requests != 1 || len(waits) != 0 {
					t.Errorf("POST: %d requests, waits %v; want 1 and none", requests, waits)
				}
				return
			}
			if requests != 3 || len(waits) != 2 || waits[0] != 7*time.Second || waits[1] != 7*time.Second {
				t.Errorf("GET: %d requests, waits %v; want 3 attempts waiting 7s each time", requests, waits)
			}
		}},
		{name: "500", status: http.StatusInternalServerError, body: `{"error":"boom"}`, check: func(t *testing.T, ac apiCall, err error, ts *testServer, requests int32) {
			var api *APIError
			if !errors.As(err, &api) || api.StatusCode != 500 || api.Message != "boom" {
				t.Fatalf("err = %#v, want *APIError 500 boom", err)
			}
			if isPOST(ac) {
				if !IsUnknownOutcome(err) || requests != 1 || len(ts.recordedWaits()) != 0 {
					t.Errorf("POST: unknown=%v, %d requests; want an unknown outcome after exactly 1 request", IsUnknownOutcome(err), requests)
				}
				return
			}
			if IsUnknownOutcome(err) || requests != 3 || len(ts.recordedWaits()) != 2 {
				t.Errorf("GET: unknown=%v, %d requests, %d waits; want 3 attempts", IsUnknownOutcome(err), requests, len(ts.recordedWaits()))
			}
		}},
		{name: "malformed JSON", status: http.StatusOK, body: `{"data": {"accounts": [`, check: func(t *testing.T, ac apiCall, err error, ts *testServer, requests int32) {
			if ac.raw {
				if err != nil {
					t.Errorf("a raw download failed on a non-JSON body: %v", err)
				}
				return
			}
			var dec *DecodeError
			if !errors.As(err, &dec) {
				t.Fatalf("err = %v, want *DecodeError", err)
			}
			if isPOST(ac) != IsUnknownOutcome(err) {
				t.Errorf("unknown outcome = %v for %s; want it exactly for POSTs", IsUnknownOutcome(err), ac.method)
			}
			if requests != 1 {
				t.Errorf("requests = %d, want 1", requests)
			}
		}},
	}
}

func TestEveryMethodErrorPaths(t *testing.T) {
	t.Parallel()
	for _, ac := range allCalls() {
		for _, ec := range errorCases() {
			t.Run(ac.name+"/"+ec.name, func(t *testing.T) {
				t.Parallel()
				c, ts := setup(t)
				var requests atomic.Int32
				ts.handle(ac.method+" "+ac.pattern, func(w http.ResponseWriter, r *http.Request) {
					requests.Add(1)
					for k, v := range ec.header {
						w.Header().Set(k, v)
					}
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(ec.status)
					_, _ = w.Write([]byte(ec.body))
				})
				err := ac.call(t.Context(), c)
				rawSuccess := ac.raw && ec.status == http.StatusOK
				if err == nil && !rawSuccess {
					t.Fatal("no error")
				}
				ec.check(t, ac, err, ts, requests.Load())
				assertErrNoSecrets(t, err)
				assertNoSecrets(t, "DomainError", domain.ErrorMessage(DomainError(err)))
			})
		}
		t.Run(ac.name+"/cancelled ctx", func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			var requests atomic.Int32
			ts.handle(ac.method+" "+ac.pattern, func(w http.ResponseWriter, r *http.Request) { requests.Add(1) })
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			err := ac.call(ctx, c)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			if IsUnknownOutcome(err) {
				t.Error("nothing was sent, yet the outcome is called unknown")
			}
			if requests.Load() != 0 || ts.tokenCalls.Load() != 0 {
				t.Errorf("a cancelled call sent %d requests and %d token requests", requests.Load(), ts.tokenCalls.Load())
			}
			if domain.ErrorCode(DomainError(err)) != domain.CodeCancelled {
				t.Errorf("DomainError code = %s", domain.ErrorCode(DomainError(err)))
			}
			assertErrNoSecrets(t, err)
		})
		t.Run(ac.name+"/bad credentials", func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.tokenStatus.Store(http.StatusUnauthorized)
			var requests atomic.Int32
			ts.handle(ac.method+" "+ac.pattern, func(w http.ResponseWriter, r *http.Request) { requests.Add(1) })
			err := ac.call(t.Context(), c)
			if !errors.Is(err, ErrUnauthorized) || requests.Load() != 0 {
				t.Errorf("err = %v after %d requests; want ErrUnauthorized before any request", err, requests.Load())
			}
			assertErrNoSecrets(t, err)
		})
		t.Run(ac.name+"/offline", func(t *testing.T) {
			t.Parallel()
			dead := httptest.NewServer(http.NotFoundHandler())
			url := dead.URL
			dead.Close()
			ts := &testServer{t: t}
			c := NewClient(WithBaseURL(url), WithSleep(ts.recordSleep),
				WithCredentials(Credentials{ClientID: testClientID, ClientSecret: testSecret, APIKey: testAPIKey}))
			err := ac.call(t.Context(), c)
			if !IsOffline(err) || IsUnknownOutcome(err) {
				t.Errorf("err = %v, want offline (nothing was sent)", err)
			}
			if domain.ErrorCode(DomainError(err)) != domain.CodeOffline {
				t.Errorf("DomainError code = %s", domain.ErrorCode(DomainError(err)))
			}
			assertErrNoSecrets(t, err)
		})
	}
}
