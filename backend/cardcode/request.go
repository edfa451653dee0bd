package cardcode

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// SimulateRequest is the body of Investec's
// POST /za/v1/cards/{cardKey}/code/execute:
//
//	{"simulationcode":"<js>","centsAmount":"10000","currencyCode":"zar","merchantCode":5462,
//	 "merchantName":"The Coders Bakery","merchantCity":"Cape Town","countryCode":"ZA"}
//
// Investec's spec types centsAmount as a string and merchantCode as a number;
// UnmarshalJSON accepts either form for both (never through a float).
type SimulateRequest struct {
	SimulationCode string `json:"simulationcode"`
	CentsAmount    string `json:"centsAmount"`
	CurrencyCode   string `json:"currencyCode"`
	MerchantCode   string `json:"merchantCode"`
	MerchantName   string `json:"merchantName"`
	MerchantCity   string `json:"merchantCity"`
	CountryCode    string `json:"countryCode"`
}

// flexString decodes a JSON string or a JSON number literal to its text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a string or a number, got %s", b)
		}
		*f = flexString(n.String())
	}
	return nil
}

// UnmarshalJSON reads an execute body, accepting centsAmount and
// merchantCode as strings or numbers.
func (r *SimulateRequest) UnmarshalJSON(b []byte) error {
	var w struct {
		SimulationCode string     `json:"simulationcode"`
		CentsAmount    flexString `json:"centsAmount"`
		CurrencyCode   string     `json:"currencyCode"`
		MerchantCode   flexString `json:"merchantCode"`
		MerchantName   string     `json:"merchantName"`
		MerchantCity   string     `json:"merchantCity"`
		CountryCode    string     `json:"countryCode"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("decode simulate request: %w", err)
	}
	*r = SimulateRequest{
		SimulationCode: w.SimulationCode,
		CentsAmount:    string(w.CentsAmount),
		CurrencyCode:   w.CurrencyCode,
		MerchantCode:   string(w.MerchantCode),
		MerchantName:   w.MerchantName,
		MerchantCity:   w.MerchantCity,
		CountryCode:    w.CountryCode,
	}
	return nil
}

// MarshalJSON writes the body as Investec's spec types it: centsAmount as a
// string, merchantCode as a number when it is one.
func (r SimulateRequest) MarshalJSON() ([]byte, error) {
	var code json.RawMessage
	if r.MerchantCode != "" && allDigits(r.MerchantCode) {
		code = json.RawMessage(r.MerchantCode)
	} else {
		q, err := json.Marshal(r.MerchantCode)
		if err != nil {
			return nil, err
		}
		code = q
	}
	return json.Marshal(struct {
		SimulationCode string          `json:"simulationcode"`
		CentsAmount    string          `json:"centsAmount"`
		CurrencyCode   string          `json:"currencyCode"`
		MerchantCode   json.RawMessage `json:"merchantCode"`
		MerchantName   string          `json:"merchantName"`
		MerchantCity   string          `json:"merchantCity"`
		CountryCode    string          `json:"countryCode"`
	}{r.SimulationCode, r.CentsAmount, r.CurrencyCode, code, r.MerchantName, r.MerchantCity, r.CountryCode})
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Authorization builds the authorization object Investec passes to
// beforeTransaction for this simulation of card cardKey on account
// accountNumber at time at: the reference is "simulation", the type "card",
// the currency lower-case (default "zar"), the country upper-case (default
// "ZA"), and the merchant category and country are filled in from the
// reference tables. Unknown merchant codes and countries keep their code
// with an empty key and name.
//
// It returns a domain.ValidationErrors (code invalid) naming every bad
// field: centsAmount must be a whole, non-negative number of cents and
// merchantCode a number of up to four digits.
func (r SimulateRequest) Authorization(accountNumber, cardKey string, at time.Time) (Transaction, error) {
	var problems domain.ValidationErrors
	amountText := strings.TrimSpace(r.CentsAmount)
	var cents int64
	if !allDigits(amountText) || len(amountText) > 15 {
		problems = append(problems, domain.FieldError("centsAmount", "must be a whole number of cents, e.g. \"10000\" for R100.00"))
	} else {
		cents, _ = strconv.ParseInt(amountText, 10, 64) // at most 15 digits: cannot overflow
	}
	code := strings.TrimSpace(r.MerchantCode)
	if !allDigits(code) || len(code) > 4 {
		problems = append(problems, domain.FieldError("merchantCode", "must be a merchant category code of up to four digits, e.g. 5462"))
	}
	if err := problems.Err(); err != nil {
		return Transaction{}, err
	}

	currency := strings.ToLower(strings.TrimSpace(r.CurrencyCode))
	if currency == "" {
		currency = "zar"
	}
	country := strings.ToUpper(strings.TrimSpace(r.CountryCode))
	if country == "" {
		country = "ZA"
	}
	m := Merchant{CategoryCode: code, Name: r.MerchantName, City: r.MerchantCity, CountryCode: country}
	if c, ok := LookupMerchantCategory(code); ok {
		m.CategoryCode, m.CategoryKey, m.CategoryName = c.Code, c.Key, c.Name
	}
	if c, ok := LookupCountry(country); ok {
		m.CountryAlpha3, m.CountryName = c.Alpha3, c.Name
	}
	return Transaction{
		AccountNumber: accountNumber,
		DateTime:      at,
		CentsAmount:   domain.Money(cents),
		CurrencyCode:  currency,
		Type:          "card",
		Reference:     ReferenceSimulation,
		CardID:        cardKey,
		Merchant:      m,
	}, nil
}
