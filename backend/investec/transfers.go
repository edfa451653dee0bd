package investec

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Transfer is one inter-account transfer: Amount (positive) moves from the
// source account to BeneficiaryAccountID, another of the customer's own
// accounts (an accountId, not an account number). MyReference shows on the
// source statement, TheirReference on the destination's.
type Transfer struct {
	BeneficiaryAccountID string
	Amount               domain.Money
	MyReference          string
	TheirReference       string
}

// MarshalJSON encodes the transfer as Investec spells it, with the amount as
// a decimal string in rands ("10.12").
func (t Transfer) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		BeneficiaryAccountID string `json:"beneficiaryAccountId"`
		Amount               string `json:"amount"`
		MyReference          string `json:"myReference"`
		TheirReference       string `json:"theirReference"`
	}{t.BeneficiaryAccountID, t.Amount.String(), t.MyReference, t.TheirReference})
}

// TransferRequest is the body of TransferMultiple.
type TransferRequest struct {
	TransferList []Transfer `json:"transferList"`
	ProfileID    string     `json:"profileId,omitempty"`
}

func (r *TransferRequest) validate() error {
	if r == nil || len(r.TransferList) == 0 {
		return domain.FieldError("transferList", "at least one transfer is needed")
	}
	var problems domain.ValidationErrors
	for i, t := range r.TransferList {
		problems = append(problems, validateLeg("transferList", i, "beneficiaryAccountId", t.BeneficiaryAccountID, t.Amount)...)
	}
	return problems.Err()
}

// validateLeg checks what every transfer or payment needs: a target and a
// positive amount.
func validateLeg(list string, i int, idField, id string, amount domain.Money) domain.ValidationErrors {
	var problems domain.ValidationErrors
	if strings.TrimSpace(id) == "" {
		problems = append(problems, domain.FieldError(indexed(list, i, idField), "is required"))
	}
	if amount <= 0 {
		problems = append(problems, domain.FieldError(indexed(list, i, "amount"), "must be more than R0.00"))
	}
	return problems
}

func indexed(list string, i int, field string) string {
	return list + "[" + strconv.Itoa(i) + "]." + field
}

// TransferResult is the answer to a transfer or payment: one response per
// item and an ErrorMessage ("" when none). A non-empty ErrorMessage means
// the bank refused some or all of the items; see Err.
type TransferResult struct {
	Responses    []TransferResponse `json:"TransferResponses"`
	ErrorMessage string             `json:"ErrorMessage"`

	method, path string
}

// UnmarshalJSON accepts a null ErrorMessage.
func (r *TransferResult) UnmarshalJSON(b []byte) error {
	var aux struct {
		Responses    []TransferResponse `json:"TransferResponses"`
		ErrorMessage flexText           `json:"ErrorMessage"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	r.Responses, r.ErrorMessage = aux.Responses, strings.TrimSpace(string(aux.ErrorMessage))
	return nil
}

// Err returns a *ResultError when the bank reported an ErrorMessage, else
// nil. The responses that are present still describe what was done.
func (r *TransferResult) Err() error {
	if r == nil || r.ErrorMessage == "" {
		return nil
	}
	return &ResultError{Method: r.method, Path: r.path, Message: cleanMessage(r.ErrorMessage)}
}

// TransferResponse is the bank's answer for one transfer or payment.
// PaymentDate is dd/MM/yyyy as sent (see PaymentDateISO); Status is free
// text that may contain "<BR>" line breaks (see StatusLines).
type TransferResponse struct {
	PaymentReferenceNumber string `json:"PaymentReferenceNumber"`
	PaymentDate            string `json:"PaymentDate"`
	Status                 string `json:"Status"`
	BeneficiaryName        string `json:"BeneficiaryName"`
	BeneficiaryAccountID   string `json:"BeneficiaryAccountId"`
	AuthorisationRequired  bool   `json:"AuthorisationRequired"`
}

// PaymentDateISO returns PaymentDate as YYYY-MM-DD, or "" if it is empty or
// unreadable.
func (r TransferResponse) PaymentDateISO() string { return isoOrEmpty(r.PaymentDate) }

// StatusLines splits Status at its "<BR>" breaks and trims the "- " bullets:
// "- No authorisation necessary <BR>- Payment/Transfer effective date
// 06/04/2022" gives two lines.
func (r TransferResponse) StatusLines() []string {
	var lines []string
	for _, part := range splitBR(unescapeText(r.Status)) {
		part = strings.TrimSpace(part)
		part = strings.TrimSpace(strings.TrimPrefix(part, "-"))
		if part != "" {
			lines = append(lines, part)
		}
	}
	return lines
}

func splitBR(s string) []string {
	var out []string
	for {
		i := strings.Index(strings.ToLower(s), "<br")
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i:]
		j := strings.Index(s, ">")
		if j < 0 {
			return out
		}
		s = s[j+1:]
	}
}

// TransferMultiple transfers money between the customer's own accounts,
// from accountID to each item's BeneficiaryAccountID. It is never retried:
// on a timeout, dropped connection or server error the result is an
// *UnknownOutcomeError and the caller must check the transactions before
// trying again. Check the result's Err for a refusal reported in the body.
//
// Investec API docs: transferv2
func (c *Client) TransferMultiple(ctx context.Context, accountID string, req *TransferRequest) (*TransferResult, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(accountID) == "" {
		return nil, domain.FieldError("accountId", "is required")
	}
	path := escapePath("/za/pb/v1/accounts/%s/transfermultiple", accountID)
	return c.postTransfer(ctx, path, req, false)
}

// TransferV1Request is the body of the deprecated TransferMultipleV1: the
// source account goes in the body rather than the path.
type TransferV1Request struct {
	AccountID    string     `json:"accountId"`
	TransferList []Transfer `json:"transferList"`
}

// TransferMultipleV1 is the deprecated form of TransferMultiple (POST
// /za/pb/v1/accounts/transfermultiple with the source account in the body;
// the answer nests under data.transferResponse). New code uses
// TransferMultiple. It is never retried.
//
// Investec API docs: transfer
func (c *Client) TransferMultipleV1(ctx context.Context, req *TransferV1Request) (*TransferResult, error) {
	if req == nil {
		return nil, domain.FieldError("transferList", "at least one transfer is needed")
	}
	if strings.TrimSpace(req.AccountID) == "" {
		return nil, domain.FieldError("accountId", "is required")
	}
	if err := (&TransferRequest{TransferList: req.TransferList}).validate(); err != nil {
		return nil, err
	}
	return c.postTransfer(ctx, "/za/pb/v1/accounts/transfermultiple", req, true)
}

// postTransfer sends a transfer or payment body and decodes the
// TransferResponses answer, nested under transferResponse for v1.
func (c *Client) postTransfer(ctx context.Context, path string, body any, nested bool) (*TransferResult, error) {
	req, err := c.newRequest(ctx, http.MethodPost, path, body)
	if err != nil {
		return nil, err
	}
	var res TransferResult
	if nested {
		var env envelope[struct {
			TransferResponse TransferResult `json:"transferResponse"`
		}]
		err = c.do(req, &env)
		res = env.Data.TransferResponse
	} else {
		var env envelope[TransferResult]
		err = c.do(req, &env)
		res = env.Data
	}
	if err != nil {
		return nil, err
	}
	res.method, res.path = req.Method, c.apiPath(req)
	return &res, nil
}

// fieldRequired is the validation error for a missing required field.
func fieldRequired(field string) error { return domain.FieldError(field, "is required") }
