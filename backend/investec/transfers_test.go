package investec

import (
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestTransferMultipleExactBodyAndResponse(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/pb/v1/accounts/{accountId}/transfermultiple", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		if got := r.PathValue("accountId"); got != "4675778129910189603223578" {
			t.Errorf("source account = %q", got)
		}
		testJSONBody(t, r, `{"transferList":[
			{"beneficiaryAccountId":"4675778129910189603230088","amount":"10.12","myReference":"Trans from PBA to PS","theirReference":"Trans from PBA to PS"},
			{"beneficiaryAccountId":"4675778129910189603230099","amount":"1000.00","myReference":"Savings","theirReference":"From cheque"}],
			"profileId":"10163189587443"}`)
		_, _ = w.Write(fixture(t, "transfer_sandbox.json"))
	})
	res, err := c.TransferMultiple(t.Context(), "4675778129910189603223578", &TransferRequest{
		TransferList: []Transfer{
			{BeneficiaryAccountID: "4675778129910189603230088", Amount: 1012, MyReference: "Trans from PBA to PS", TheirReference: "Trans from PBA to PS"},
			{BeneficiaryAccountID: "4675778129910189603230099", Amount: 100000, MyReference: "Savings", TheirReference: "From cheque"},
		},
		ProfileID: "10163189587443",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []TransferResponse{{PaymentReferenceNumber: "UBP0126806416", PaymentDate: "26/04/2023",
		Status: "- Payment/Transfer effective date 26/04/2023", BeneficiaryName: "API transfer",
		BeneficiaryAccountID: "4675778129910189603230088"}}
	if diff := cmp.Diff(want, res.Responses); diff != "" {
		t.Errorf("responses (-want +got):\n%s", diff)
	}
	if res.ErrorMessage != "" || res.Err() != nil {
		t.Errorf("ErrorMessage = %q, Err = %v", res.ErrorMessage, res.Err())
	}
	if got := res.Responses[0].PaymentDateISO(); got != "2023-04-26" {
		t.Errorf("PaymentDateISO = %q", got)
	}
}

func TestTransferProfileIDOmittedWhenEmpty(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/pb/v1/accounts/{accountId}/transfermultiple", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"transferList":[{"beneficiaryAccountId":"b","amount":"0.05","myReference":"","theirReference":""}]}`)
		_, _ = w.Write(fixture(t, "transfer_spec.json"))
	})
	res, err := c.TransferMultiple(t.Context(), "a", &TransferRequest{TransferList: []Transfer{{BeneficiaryAccountID: "b", Amount: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	lines := res.Responses[0].StatusLines()
	if diff := cmp.Diff([]string{"No authorisation necessary", "Payment/Transfer effective date 06/04/2022"}, lines); diff != "" {
		t.Errorf("StatusLines (-want +got):\n%s", diff)
	}
}

func TestTransferErrorMessageInBody(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/pb/v1/accounts/{accountId}/transfermultiple", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"TransferResponses":[],"ErrorMessage":"Insufficient funds"},"links":{"self":""},"meta":{"totalPages":1}}`))
	})
	res, err := c.TransferMultiple(t.Context(), "a", &TransferRequest{TransferList: []Transfer{{BeneficiaryAccountID: "b", Amount: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	var re *ResultError
	if !errors.As(res.Err(), &re) || re.Message != "Insufficient funds" || re.Path != "/za/pb/v1/accounts/a/transfermultiple" {
		t.Errorf("Err() = %#v", res.Err())
	}
	if de := DomainError(res.Err()); domain.ErrorCode(de) != domain.CodeBankError || !strings.Contains(domain.ErrorMessage(de), "Insufficient funds") {
		t.Errorf("DomainError = %v", de)
	}
}

func TestTransfer400BareStringMessage(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var calls atomic.Int32
	ts.handle("POST /za/pb/v1/accounts/{accountId}/transfermultiple", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(fixture(t, "transfer_400.json"))
	})
	_, err := c.TransferMultiple(t.Context(), "bad", &TransferRequest{TransferList: []Transfer{{BeneficiaryAccountID: "b", Amount: 1000}}})
	var api *APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	want := APIError{StatusCode: 400, Method: "POST", Path: "/za/pb/v1/accounts/bad/transfermultiple",
		Message: "The specified account is invalid. (Parameter 'accountId')"}
	if diff := cmp.Diff(want, *api, cmpopts.IgnoreUnexported(APIError{})); diff != "" {
		t.Errorf("APIError (-want +got):\n%s", diff)
	}
	if IsUnknownOutcome(err) {
		t.Error("a 400 is a refusal, not an unknown outcome")
	}
	if calls.Load() != 1 {
		t.Errorf("sent %d times", calls.Load())
	}
}

func TestTransferMultipleV1NestedResponse(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/pb/v1/accounts/transfermultiple", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testJSONBody(t, r, `{"accountId":"src","transferList":[{"beneficiaryAccountId":"dst","amount":"10.12","myReference":"m","theirReference":"t"}]}`)
		_, _ = w.Write(fixture(t, "transfer_v1_spec.json"))
	})
	res, err := c.TransferMultipleV1(t.Context(), &TransferV1Request{AccountID: "src",
		TransferList: []Transfer{{BeneficiaryAccountID: "dst", Amount: 1012, MyReference: "m", TheirReference: "t"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Responses) != 1 || res.Responses[0].PaymentReferenceNumber != "UBP0012345678" || res.Responses[0].PaymentDateISO() != "2022-04-06" {
		t.Errorf("result = %+v", res)
	}
}

func TestPayMultipleExactBody(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("POST /za/pb/v1/accounts/{accountId}/paymultiple", func(w http.ResponseWriter, r *http.Request) {
		ts.checkAuth(r)
		testJSONBody(t, r, `{"paymentList":[
			{"beneficiaryId":"MTAxMDEwMTAxMDEwMTA=","amount":"101.00","myReference":"Beneficiary payment to","theirReference":"Payment from Sandbox"},
			{"beneficiaryId":"QUJD","amount":"0.99","myReference":"a","theirReference":"b",
			 "authoriserAId":"hnNhB6qb5H6SvJC1ZPK2qQ==","authoriserBId":"ijxHLoVHqCyF86dGG4rZww==","authPeriodId":"1","fasterPayment":true}]}`)
		_, _ = w.Write(fixture(t, "pay_spec.json"))
	})
	res, err := c.PayMultiple(t.Context(), "3353431574710163189587446", &PaymentRequest{PaymentList: []Payment{
		{BeneficiaryID: "MTAxMDEwMTAxMDEwMTA=", Amount: 10100, MyReference: "Beneficiary payment to", TheirReference: "Payment from Sandbox"},
		{BeneficiaryID: "QUJD", Amount: 99, MyReference: "a", TheirReference: "b", AuthoriserAID: "hnNhB6qb5H6SvJC1ZPK2qQ==",
			AuthoriserBID: "ijxHLoVHqCyF86dGG4rZww==", AuthPeriodID: "1", FasterPayment: true},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Responses) != 1 || res.Responses[0].PaymentReferenceNumber != "UBP0012345678" {
		t.Errorf("result = %+v", res)
	}
}

func TestPayMultipleRefusesMoreThan50WithoutSending(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var calls atomic.Int32
	ts.handle("POST /za/pb/v1/accounts/{accountId}/paymultiple", func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	list := make([]Payment, 51)
	for i := range list {
		list[i] = Payment{BeneficiaryID: "b", Amount: 100}
	}
	_, err := c.PayMultiple(t.Context(), "a", &PaymentRequest{PaymentList: list})
	if domain.ErrorCode(err) != domain.CodeInvalid || domain.ErrorField(err) != "paymentList" || !strings.Contains(err.Error(), "50") {
		t.Errorf("err = %v, want an invalid paymentList error naming the limit", err)
	}
	if calls.Load() != 0 || ts.tokenCalls.Load() != 0 {
		t.Errorf("a refused request reached the server (%d calls, %d token fetches)", calls.Load(), ts.tokenCalls.Load())
	}
}

func TestPayMultipleAcceptsExactly50(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var n atomic.Int32
	ts.handle("POST /za/pb/v1/accounts/{accountId}/paymultiple", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = w.Write(fixture(t, "pay_spec.json"))
	})
	list := make([]Payment, MaxPaymentsPerRequest)
	for i := range list {
		list[i] = Payment{BeneficiaryID: "b", Amount: 100}
	}
	if _, err := c.PayMultiple(t.Context(), "a", &PaymentRequest{PaymentList: list}); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 1 {
		t.Errorf("calls = %d, want one request with all 50", n.Load())
	}
}

func TestTransferAndPaymentValidation(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	var calls atomic.Int32
	ts.handle("POST /", func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	for name, call := range map[string]func() error{
		"nil transfer": func() error { _, err := c.TransferMultiple(t.Context(), "a", nil); return err },
		"empty list":   func() error { _, err := c.TransferMultiple(t.Context(), "a", &TransferRequest{}); return err },
		"zero amount": func() error {
			_, err := c.TransferMultiple(t.Context(), "a", &TransferRequest{TransferList: []Transfer{{BeneficiaryAccountID: "b"}}})
			return err
		},
		"negative amount": func() error {
			_, err := c.PayMultiple(t.Context(), "a", &PaymentRequest{PaymentList: []Payment{{BeneficiaryID: "b", Amount: -1}}})
			return err
		},
		"no beneficiary": func() error {
			_, err := c.PayMultiple(t.Context(), "a", &PaymentRequest{PaymentList: []Payment{{Amount: 1}}})
			return err
		},
		"no source account": func() error {
			_, err := c.TransferMultiple(t.Context(), " ", &TransferRequest{TransferList: []Transfer{{BeneficiaryAccountID: "b", Amount: 1}}})
			return err
		},
		"v1 no source account": func() error {
			_, err := c.TransferMultipleV1(t.Context(), &TransferV1Request{TransferList: []Transfer{{BeneficiaryAccountID: "b", Amount: 1}}})
			return err
		},
	} {
		if err := call(); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("%s: err = %v, want an invalid-input error", name, err)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("%d invalid requests reached the server", calls.Load())
	}
}
