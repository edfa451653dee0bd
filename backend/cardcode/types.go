package cardcode

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// ReferenceSimulation is the Transaction.Reference Investec gives simulated
// authorizations, so card code can tell them from real card swipes.
const ReferenceSimulation = "simulation"

// timeLayout is how Investec writes card timestamps: UTC with milliseconds,
// e.g. "2021-10-15T03:48:13.147Z".
const timeLayout = "2006-01-02T15:04:05.000Z"

// formatTime writes t in Investec's card timestamp format.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// Merchant is where a card transaction happens. It is flat here; on the wire
// (and in JavaScript) it is nested as merchant.category.{code,key,name} and
// merchant.country.{code,alpha3,name}.
type Merchant struct {
	CategoryCode  string `json:"categoryCode"`  // merchant category code (MCC), e.g. "5462"
	CategoryKey   string `json:"categoryKey"`   // slug, e.g. "bakeries"
	CategoryName  string `json:"categoryName"`  // e.g. "Bakeries"
	Name          string `json:"name"`          // e.g. "The Coders Bakery"
	City          string `json:"city"`          // e.g. "Cape Town"
	CountryCode   string `json:"countryCode"`   // ISO 3166 alpha-2, e.g. "ZA"
	CountryAlpha3 string `json:"countryAlpha3"` // ISO 3166 alpha-3, e.g. "ZAF"
	CountryName   string `json:"countryName"`   // e.g. "South Africa"
}

// Transaction is the authorization (for beforeTransaction) or transaction
// (for the after hooks) object card code receives. Its JSON form, produced by
// MarshalJSON, is exactly the object Investec passes to card code and shows
// in its logs.
type Transaction struct {
	AccountNumber string
	DateTime      time.Time
	// CentsAmount is the amount in the minor unit of CurrencyCode.
	CentsAmount domain.Money
	// CurrencyCode is lower-case, e.g. "zar".
	CurrencyCode string
	// Type is "card" for card transactions.
	Type string
	// Reference is ReferenceSimulation for simulations.
	Reference string
	// CardID is the card's CardKey.
	CardID   string
	Merchant Merchant
}

// wireTransaction is Transaction in Investec's JSON shape.
type wireTransaction struct {
	AccountNumber string       `json:"accountNumber"`
	DateTime      string       `json:"dateTime"`
	CentsAmount   domain.Money `json:"centsAmount"`
	CurrencyCode  string       `json:"currencyCode"`
	Type          string       `json:"type"`
	Reference     string       `json:"reference"`
	Card          struct {
		ID string `json:"id"`
	} `json:"card"`
	Merchant struct {
		Category struct {
			Code string `json:"code"`
			Key  string `json:"key"`
			Name string `json:"name"`
		} `json:"category"`
		Name    string `json:"name"`
		City    string `json:"city"`
		Country struct {
			Code   string `json:"code"`
			Alpha3 string `json:"alpha3"`
			Name   string `json:"name"`
		} `json:"country"`
	} `json:"merchant"`
}

// MarshalJSON writes t in the shape Investec passes to card code, with the
// same key order, e.g.
//
//	{"accountNumber":"10011001100","dateTime":"2021-10-15T03:48:13.147Z","centsAmount":10100,
//	 "currencyCode":"zar","type":"card","reference":"simulation","card":{"id":"1010101"},
//	 "merchant":{"category":{"code":"7996","key":"amusement_parks_carnivals","name":"Amusement Parks/Carnivals"},
//	             "name":"uShaka Marine World","city":"Durban","country":{"code":"ZA","alpha3":"ZAF","name":"South Africa"}}}
func (t Transaction) MarshalJSON() ([]byte, error) {
	var w wireTransaction
	w.AccountNumber = t.AccountNumber
	w.DateTime = formatTime(t.DateTime)
	w.CentsAmount = t.CentsAmount
	w.CurrencyCode = t.CurrencyCode
	w.Type = t.Type
	w.Reference = t.Reference
	w.Card.ID = t.CardID
	m := t.Merchant
	w.Merchant.Category.Code = m.CategoryCode
	w.Merchant.Category.Key = m.CategoryKey
	w.Merchant.Category.Name = m.CategoryName
	w.Merchant.Name = m.Name
	w.Merchant.City = m.City
	w.Merchant.Country.Code = m.CountryCode
	w.Merchant.Country.Alpha3 = m.CountryAlpha3
	w.Merchant.Country.Name = m.CountryName
	return json.Marshal(w)
}

// UnmarshalJSON reads the shape MarshalJSON writes. dateTime may be any
// RFC 3339 time.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	var w wireTransaction
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("decode card transaction: %w", err)
	}
	var at time.Time
	if w.DateTime != "" {
		var err error
		if at, err = time.Parse(time.RFC3339Nano, w.DateTime); err != nil {
			return fmt.Errorf("decode card transaction dateTime: %w", err)
		}
	}
	*t = Transaction{
		AccountNumber: w.AccountNumber,
		DateTime:      at,
		CentsAmount:   w.CentsAmount,
		CurrencyCode:  w.CurrencyCode,
		Type:          w.Type,
		Reference:     w.Reference,
		CardID:        w.Card.ID,
		Merchant: Merchant{
			CategoryCode:  w.Merchant.Category.Code,
			CategoryKey:   w.Merchant.Category.Key,
			CategoryName:  w.Merchant.Category.Name,
			Name:          w.Merchant.Name,
			City:          w.Merchant.City,
			CountryCode:   w.Merchant.Country.Code,
			CountryAlpha3: w.Merchant.Country.Alpha3,
			CountryName:   w.Merchant.Country.Name,
		},
	}
	return nil
}

// Hook names one of the functions card code may define.
type Hook string

// The hooks Investec calls. Simulate runs BeforeTransaction and then
// AfterTransaction or AfterDecline; RunHook runs any one of them.
const (
	BeforeTransaction Hook = "beforeTransaction"
	AfterTransaction  Hook = "afterTransaction"
	AfterDecline      Hook = "afterDecline"
	AfterReversal     Hook = "afterReversal"
	AfterAdjustment   Hook = "afterAdjustment"
)

// ExecutionType is the "type" of an execution item.
type ExecutionType string

// The execution types. Investec documents the first three; the reversal and
// adjustment names follow the same pattern but are inferred.
const (
	TypeBeforeTransaction ExecutionType = "before_transaction"
	TypeAfterTransaction  ExecutionType = "after_transaction"
	TypeAfterDecline      ExecutionType = "after_decline"
	TypeAfterReversal     ExecutionType = "after_reversal"
	TypeAfterAdjustment   ExecutionType = "after_adjustment"
)

// ExecutionType returns the execution item type a run of h is recorded as,
// or "" if h is not a known hook.
func (h Hook) ExecutionType() ExecutionType {
	switch h {
	case BeforeTransaction:
		return TypeBeforeTransaction
	case AfterTransaction:
		return TypeAfterTransaction
	case AfterDecline:
		return TypeAfterDecline
	case AfterReversal:
		return TypeAfterReversal
	case AfterAdjustment:
		return TypeAfterAdjustment
	}
	return ""
}

// LogLevel is the level of a captured console line.
type LogLevel string

// The log levels Investec reports. console.log, info and debug are info.
const (
	LevelInfo  LogLevel = "info"
	LevelWarn  LogLevel = "warn"
	LevelError LogLevel = "error"
)

// LogLine is one console call made by card code.
type LogLine struct {
	CreatedAt time.Time `json:"createdAt"`
	Level     LogLevel  `json:"level"`
	Content   string    `json:"content"`
}

// Execution is the record of one hook run.
type Execution struct {
	// ID is a random upper-case UUID, like Investec's executionId.
	ID   string        `json:"id"`
	Type ExecutionType `json:"type"`
	// Approved is set only for before_transaction: true when the
	// authorization was approved, false when it was declined for any reason.
	Approved *bool     `json:"approved,omitempty"`
	Logs     []LogLine `json:"logs"`
	// Error is empty when the hook ran to completion. Otherwise it says what
	// went wrong, with the line in main.js where known; for
	// before_transaction it also says that the authorization was declined.
	Error       string    `json:"error"`
	StartedAt   time.Time `json:"startedAt"`
	CompletedAt time.Time `json:"completedAt"`
	// Sandbox is true for simulations (the authorization's reference is
	// ReferenceSimulation), as in Investec's execution items.
	Sandbox bool `json:"sandbox"`
}

// Options tunes a run. The zero value gives Investec's limits.
type Options struct {
	// BeforeTimeout limits beforeTransaction, including loading the code.
	// Default 2 s, Investec's limit.
	BeforeTimeout time.Duration
	// AfterTimeout limits every other hook. Default 15 s.
	AfterTimeout time.Duration
	// Now stamps executions and log lines and is the clock JavaScript's Date
	// sees. Default time.Now. Time limits always use the real clock.
	Now func() time.Time
	// MaxLogLines caps the console lines kept per execution; a final warn
	// line says how many were dropped. Default 1000.
	MaxLogLines int
	// MaxMemory is how far (in bytes) the Go heap may grow while a hook
	// runs before the run is interrupted. Default 256 MiB; negative turns
	// the guard off.
	MaxMemory int64
}

// Defaults for Options.
const (
	DefaultBeforeTimeout = 2 * time.Second
	DefaultAfterTimeout  = 15 * time.Second
	DefaultMaxLogLines   = 1000
	DefaultMaxMemory     = 256 << 20
)

func (o Options) withDefaults() Options {
	if o.BeforeTimeout <= 0 {
		o.BeforeTimeout = DefaultBeforeTimeout
	}
	if o.AfterTimeout <= 0 {
		o.AfterTimeout = DefaultAfterTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxLogLines <= 0 {
		o.MaxLogLines = DefaultMaxLogLines
	}
	if o.MaxMemory == 0 {
		o.MaxMemory = DefaultMaxMemory
	}
	return o
}

// limit returns the time limit for hook h.
func (o Options) limit(h Hook) time.Duration {
	if h == BeforeTransaction {
		return o.BeforeTimeout
	}
	return o.AfterTimeout
}
