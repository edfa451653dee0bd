package cardcode

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

func TestSimulateRequestFromInvestecExample(t *testing.T) {
	t.Parallel()
	ex := loadSpecExample(t)
	var req SimulateRequest
	if err := json.Unmarshal(ex.Request, &req); err != nil {
		t.Fatal(err)
	}
	if req.CentsAmount != "10000" || req.MerchantCode != "5462" || req.SimulationCode == "" {
		t.Fatalf("decoded %+v", req)
	}
	at := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	tx, err := req.Authorization("10011001100", "1010101", at)
	if err != nil {
		t.Fatal(err)
	}
	want := Transaction{
		AccountNumber: "10011001100", DateTime: at, CentsAmount: 10000, CurrencyCode: "zar",
		Type: "card", Reference: "simulation", CardID: "1010101",
		Merchant: Merchant{CategoryCode: "5462", CategoryKey: "bakeries", CategoryName: "Bakeries",
			Name: "The Coders Bakery", City: "Cape Town", CountryCode: "ZA", CountryAlpha3: "ZAF", CountryName: "South Africa"},
	}
	if diff := cmp.Diff(want, tx); diff != "" {
		t.Errorf("authorization (-want +got):\n%s", diff)
	}
	// Encoding gives Investec's types back: centsAmount a string, merchantCode a number.
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	var again, orig map[string]any
	_ = json.Unmarshal(b, &again)
	_ = json.Unmarshal(ex.Request, &orig)
	if diff := cmp.Diff(orig, again); diff != "" {
		t.Errorf("re-encoded request (-want +got):\n%s", diff)
	}
}

func TestSimulateRequestLenientForms(t *testing.T) {
	t.Parallel()
	body := `{"simulationcode":"x","centsAmount":250,"currencyCode":"USD","merchantCode":"7995",
	          "merchantName":"Lucky","merchantCity":"Las Vegas","countryCode":"us"}`
	var req SimulateRequest
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		t.Fatal(err)
	}
	tx, err := req.Authorization("1", "2", fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	m := tx.Merchant
	if tx.CentsAmount != 250 || tx.CurrencyCode != "usd" || m.CategoryKey != "betting_casino_gambling" ||
		m.CountryCode != "US" || m.CountryAlpha3 != "USA" || m.CountryName != "United States of America (the)" {
		t.Errorf("got %+v", tx)
	}

	// Defaults and unknown codes.
	tx, err = SimulateRequest{CentsAmount: "1", MerchantCode: "1234", CountryCode: "", CurrencyCode: ""}.Authorization("1", "2", fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	want := Merchant{CategoryCode: "1234", CountryCode: "ZA", CountryAlpha3: "ZAF", CountryName: "South Africa"}
	if diff := cmp.Diff(want, tx.Merchant); diff != "" || tx.CurrencyCode != "zar" {
		t.Errorf("defaults (-want +got):\n%s currency %q", diff, tx.CurrencyCode)
	}
	tx, _ = SimulateRequest{CentsAmount: "1", MerchantCode: "5411", CountryCode: "XX"}.Authorization("1", "2", fixedNow)
	if tx.Merchant.CountryCode != "XX" || tx.Merchant.CountryName != "" || tx.Merchant.CategoryName != "Grocery Stores, Supermarkets" {
		t.Errorf("unknown country: %+v", tx.Merchant)
	}
}

func TestSimulateRequestValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body   string
		fields []string
	}{
		{`{"centsAmount":"100.50","merchantCode":5462}`, []string{"centsAmount"}},
		{`{"centsAmount":100.5,"merchantCode":5462}`, []string{"centsAmount"}},
		{`{"centsAmount":"-5","merchantCode":5462}`, []string{"centsAmount"}},
		{`{"centsAmount":"1e3","merchantCode":5462}`, []string{"centsAmount"}},
		{`{"centsAmount":"","merchantCode":5462}`, []string{"centsAmount"}},
		{`{"centsAmount":"9999999999999999","merchantCode":5462}`, []string{"centsAmount"}},
		{`{"centsAmount":"100","merchantCode":"bakery"}`, []string{"merchantCode"}},
		{`{"centsAmount":"100","merchantCode":54620}`, []string{"merchantCode"}},
		{`{"centsAmount":"100"}`, []string{"merchantCode"}},
		{`{"centsAmount":"R100","merchantCode":54.62}`, []string{"centsAmount", "merchantCode"}},
	}
	for _, tt := range tests {
		var req SimulateRequest
		if err := json.Unmarshal([]byte(tt.body), &req); err != nil {
			t.Errorf("%s: decode: %v", tt.body, err)
			continue
		}
		_, err := req.Authorization("1", "2", fixedNow)
		if domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("%s: error %v, want invalid", tt.body, err)
			continue
		}
		var fields []string
		for _, f := range domain.Payload(err).Fields {
			fields = append(fields, f.Field)
		}
		if diff := cmp.Diff(tt.fields, fields); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s", tt.body, diff)
		}
	}
	var req SimulateRequest
	if err := json.Unmarshal([]byte(`{"centsAmount":true}`), &req); err == nil {
		t.Error("a boolean centsAmount decoded")
	}
}
