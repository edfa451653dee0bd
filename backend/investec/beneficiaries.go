package investec

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Beneficiary is a payee created in Investec Online. CellNo and
// EmailAddress are "" when the API sends null. FasterPaymentAllowed is nil
// when the answer does not say (the accounts/beneficiaries list may omit
// it). LastPaymentAmount is nil when absent or empty; LastPaymentDate is
// dd/MM/yyyy as sent (see LastPaymentDateISO). Investec-approved
// beneficiaries (municipalities and the like) have BeneficiaryType
// "INVESTECAPPROVED" and an ApprovedBeneficiaryCategory.
type Beneficiary struct {
	BeneficiaryID               string  `json:"beneficiaryId"`
	AccountNumber               string  `json:"accountNumber"`
	Code                        string  `json:"code"` // branch code
	Bank                        string  `json:"bank"`
	BeneficiaryName             string  `json:"beneficiaryName"`
	LastPaymentAmount           *Amount `json:"lastPaymentAmount,omitempty"`
	LastPaymentDate             string  `json:"lastPaymentDate"`
	CellNo                      string  `json:"cellNo"`
	EmailAddress                string  `json:"emailAddress"`
	Name                        string  `json:"name"`
	ReferenceAccountNumber      string  `json:"referenceAccountNumber"`
	ReferenceName               string  `json:"referenceName"`
	CategoryID                  string  `json:"categoryId"`
	ProfileID                   string  `json:"profileId"`
	FasterPaymentAllowed        *bool   `json:"fasterPaymentAllowed,omitempty"`
	BeneficiaryType             string  `json:"beneficiaryType"`
	ApprovedBeneficiaryCategory string  `json:"approvedBeneficiaryCategory"`
}

// UnmarshalJSON decodes a beneficiary. lastPaymentAmount is a string such
// as "10.00" (a number is accepted too); "" and null mean none.
func (b *Beneficiary) UnmarshalJSON(data []byte) error {
	type plain Beneficiary
	aux := struct {
		*plain
		LastPaymentAmount json.RawMessage `json:"lastPaymentAmount"`
	}{plain: (*plain)(b)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	b.LastPaymentAmount = nil
	raw := bytes.TrimSpace(aux.LastPaymentAmount)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil
	}
	var a Amount
	if err := a.UnmarshalJSON(raw); err != nil {
		return fmt.Errorf("beneficiary lastPaymentAmount: %w", err)
	}
	b.LastPaymentAmount = &a
	return nil
}

// LastPaymentDateISO returns LastPaymentDate as YYYY-MM-DD, or "" if it is
// empty or unreadable.
func (b Beneficiary) LastPaymentDateISO() string { return isoOrEmpty(b.LastPaymentDate) }

// ToDomain converts b to the shared domain.Beneficiary.
func (b Beneficiary) ToDomain() domain.Beneficiary {
	return domain.Beneficiary{
		ID:                     b.BeneficiaryID,
		Name:                   b.Name,
		BeneficiaryName:        b.BeneficiaryName,
		AccountNumber:          b.AccountNumber,
		BranchCode:             b.Code,
		Bank:                   b.Bank,
		ReferenceName:          b.ReferenceName,
		ReferenceAccountNumber: b.ReferenceAccountNumber,
		CategoryID:             b.CategoryID,
		ProfileID:              b.ProfileID,
		FasterPaymentAllowed:   b.FasterPaymentAllowed != nil && *b.FasterPaymentAllowed,
		LastPaymentAmount:      moneyPtr(b.LastPaymentAmount),
		LastPaymentDate:        b.LastPaymentDateISO(),
		BeneficiaryType:        b.BeneficiaryType,
	}
}

// ListBeneficiaries returns every beneficiary the API key can pay. The
// answer's data is the array itself.
//
// Investec API docs: beneficiaries
func (c *Client) ListBeneficiaries(ctx context.Context) ([]Beneficiary, error) {
	return callData[[]Beneficiary](ctx, c, http.MethodGet, "/za/pb/v1/accounts/beneficiaries", nil)
}

// BeneficiaryCategory is a user-created grouping of beneficiaries; the
// default one is "Not Categorised".
type BeneficiaryCategory struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	IsDefault bool   `json:"isDefault"`
}

// UnmarshalJSON reads both shapes: the live {CategoryId, DefaultCategory,
// CategoryName} and the spec's {id, isDefault, name} (isDefault a string).
func (bc *BeneficiaryCategory) UnmarshalJSON(b []byte) error {
	var aux struct {
		CategoryID      flexString `json:"CategoryId"`
		DefaultCategory *flexBool  `json:"DefaultCategory"`
		CategoryName    string     `json:"CategoryName"`
		ID              flexString `json:"id"`
		IsDefault       *flexBool  `json:"isDefault"`
		Name            string     `json:"name"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	bc.ID, bc.Name = string(aux.CategoryID), aux.CategoryName
	if bc.ID == "" {
		bc.ID = string(aux.ID)
	}
	if bc.Name == "" {
		bc.Name = aux.Name
	}
	switch {
	case aux.DefaultCategory != nil:
		bc.IsDefault = bool(*aux.DefaultCategory)
	case aux.IsDefault != nil:
		bc.IsDefault = bool(*aux.IsDefault)
	}
	return nil
}

// BeneficiaryCategoriesOptions filter ListBeneficiaryCategories.
type BeneficiaryCategoriesOptions struct {
	// ProfileID is sent as ?profileId=; production is reported to require
	// it although the spec does not list it.
	ProfileID string
}

// ListBeneficiaryCategories returns the beneficiary categories. opts may be
// nil. The spec says data is one object; the live API sends an array. Both
// are read.
//
// Investec API docs: beneficiaryCategories
func (c *Client) ListBeneficiaryCategories(ctx context.Context, opts *BeneficiaryCategoriesOptions) ([]BeneficiaryCategory, error) {
	q := url.Values{}
	if opts != nil && opts.ProfileID != "" {
		q.Set("profileId", opts.ProfileID)
	}
	req, err := c.newRequest(ctx, http.MethodGet, withQuery("/za/pb/v1/accounts/beneficiarycategories", q), nil)
	if err != nil {
		return nil, err
	}
	var env envelope[json.RawMessage]
	if err := c.do(req, &env); err != nil {
		return nil, err
	}
	cats, err := decodeOneOrMany[BeneficiaryCategory](env.Data)
	if err != nil {
		return nil, &DecodeError{Method: req.Method, Path: c.apiPath(req), Err: err}
	}
	return cats, nil
}

// decodeOneOrMany decodes a JSON array of T, a single T object (as a
// one-element slice), or null (as nil).
func decodeOneOrMany[T any](raw json.RawMessage) ([]T, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '[' {
		var many []T
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, err
		}
		return many, nil
	}
	var one T
	if err := json.Unmarshal(raw, &one); err != nil {
		return nil, err
	}
	return []T{one}, nil
}
