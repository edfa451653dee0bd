package investec

import (
	"context"
	"encoding/json"
	"net/http"
)

// ReferenceItem is one entry of the card reference data: a country
// (alpha-2 code), a currency (ISO 4217 code) or a merchant category (MCC).
// Name has its HTML escaping undone. The countries list is known to contain
// a junk {"Code": "undefined", "Name": "undefined"} entry; it is passed on
// as sent.
type ReferenceItem struct {
	Code string `json:"Code"`
	Name string `json:"Name"`
}

// UnmarshalJSON accepts a numeric Code and unescapes Name.
func (r *ReferenceItem) UnmarshalJSON(b []byte) error {
	var aux struct {
		Code flexString `json:"Code"`
		Name string     `json:"Name"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	r.Code, r.Name = string(aux.Code), unescapeText(aux.Name)
	return nil
}

func (c *Client) referenceList(ctx context.Context, path string) ([]ReferenceItem, error) {
	list, err := callResult[[]ReferenceItem](ctx, c, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	return *list, nil
}

// ListCountries returns the countries card code can see in a transaction.
//
// Investec API docs: GetCountries
func (c *Client) ListCountries(ctx context.Context) ([]ReferenceItem, error) {
	return c.referenceList(ctx, "/za/v1/cards/countries")
}

// ListCurrencies returns the currencies card code can see in a transaction.
//
// Investec API docs: GetCurrencies
func (c *Client) ListCurrencies(ctx context.Context) ([]ReferenceItem, error) {
	return c.referenceList(ctx, "/za/v1/cards/currencies")
}

// ListMerchants returns the merchant category codes (MCC) with their names.
//
// Investec API docs: GetMerchants
func (c *Client) ListMerchants(ctx context.Context) ([]ReferenceItem, error) {
	return c.referenceList(ctx, "/za/v1/cards/merchants")
}
