package investec

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReferenceData(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path, file string
		call       func(*Client, context.Context) ([]ReferenceItem, error)
		want       []ReferenceItem
	}{
		{"/za/v1/cards/countries", "countries_spec.json", (*Client).ListCountries, []ReferenceItem{
			{Code: "ZA", Name: "South Africa"},
			{Code: "GB", Name: "United Kingdom of Great Britain and Northern Ireland (the)"},
			{Code: "undefined", Name: "undefined"},
		}},
		{"/za/v1/cards/currencies", "currencies_spec.json", (*Client).ListCurrencies, []ReferenceItem{
			{Code: "ZAR", Name: "South African Rand"}, {Code: "GBP", Name: "British Pound"},
			{Code: "USD", Name: "United States Dollar"}, {Code: "EUR", Name: "Euro"},
		}},
		{"/za/v1/cards/merchants", "merchants_spec.json", (*Client).ListMerchants, []ReferenceItem{
			{Code: "7623", Name: "A/C, Refrigeration Repair"}, {Code: "8931", Name: "Accounting/Bookkeeping Services"},
			{Code: "7311", Name: "Advertising Services"},
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			t.Parallel()
			c, ts := setup(t)
			ts.serveFixture("GET "+tc.path, tc.file)
			// The card-key route must not swallow the literal path.
			ts.handle("GET /za/v1/cards/{cardKey}", func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("%s was routed as a card key", r.URL.Path)
			})
			got, err := tc.call(c, t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReferenceItemNumericCodeAndEscapedName(t *testing.T) {
	t.Parallel()
	c, ts := setup(t)
	ts.handle("GET /za/v1/cards/merchants", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"result":[{"Code":5462,"Name":"Bakeries &amp; Pastry"}]}}`))
	})
	got, err := c.ListMerchants(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]ReferenceItem{{Code: "5462", Name: "Bakeries & Pastry"}}, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}
