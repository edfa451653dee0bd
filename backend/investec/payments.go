package investec

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// MaxPaymentsPerRequest is Investec's limit on the payments in one
// PayMultiple call. A longer list is refused, never split silently.
const MaxPaymentsPerRequest = 50

// Payment is one payment to a beneficiary created (and paid once) in
// Investec Online. The authoriser and period IDs come from
// GetAuthorisationSetup and are needed only for accounts with payment
// authorisation. FasterPayment may be set only when the beneficiary has
// FasterPaymentAllowed.
type Payment struct {
	BeneficiaryID  string
	Amount         domain.Money
	MyReference    string
	TheirReference string
	AuthoriserAID  string
	AuthoriserBID  string
	AuthPeriodID   string
	FasterPayment  bool
}

// MarshalJSON encodes the payment as Investec spells it, with the amount as
// a decimal string in rands and the optional fields only when set.
func (p Payment) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		BeneficiaryID  string `json:"beneficiaryId"`
		Amount         string `json:"amount"`
		MyReference    string `json:"myReference"`
		TheirReference string `json:"theirReference"`
		AuthoriserAID  string `json:"authoriserAId,omitempty"`
		AuthoriserBID  string `json:"authoriserBId,omitempty"`
		AuthPeriodID   string `json:"authPeriodId,omitempty"`
		FasterPayment  bool   `json:"fasterPayment,omitempty"`
	}{p.BeneficiaryID, p.Amount.String(), p.MyReference, p.TheirReference,
		p.AuthoriserAID, p.AuthoriserBID, p.AuthPeriodID, p.FasterPayment})
}

// PaymentRequest is the body of PayMultiple.
type PaymentRequest struct {
	PaymentList []Payment `json:"paymentList"`
}

func (r *PaymentRequest) validate() error {
	if r == nil || len(r.PaymentList) == 0 {
		return domain.FieldError("paymentList", "at least one payment is needed")
	}
	if n := len(r.PaymentList); n > MaxPaymentsPerRequest {
		return domain.FieldError("paymentList", "Investec accepts at most %d payments per request, got %d", MaxPaymentsPerRequest, n)
	}
	var problems domain.ValidationErrors
	for i, p := range r.PaymentList {
		problems = append(problems, validateLeg("paymentList", i, "beneficiaryId", p.BeneficiaryID, p.Amount)...)
	}
	return problems.Err()
}

// PayMultiple pays beneficiaries from accountID (at most
// MaxPaymentsPerRequest per call; more is a validation error). It is never
// retried: on a timeout, dropped connection or server error the result is an
// *UnknownOutcomeError and the caller must check the transactions before
// trying again. Check the result's Err for a refusal reported in the body.
//
// Investec API docs: payBeneficiary
func (c *Client) PayMultiple(ctx context.Context, accountID string, req *PaymentRequest) (*TransferResult, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(accountID) == "" {
		return nil, domain.FieldError("accountId", "is required")
	}
	path := escapePath("/za/pb/v1/accounts/%s/paymultiple", accountID)
	return c.postTransfer(ctx, path, req, false)
}
