package investec

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// CodeResult is a card's code as saved or published. Timestamps are
// ISO-8601 strings as sent; PublishedAt is "" when the code was never
// published. Error is whatever the answer's "error" field held, as text.
type CodeResult struct {
	CodeID      string `json:"codeId"`
	Code        string `json:"code"`
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
	PublishedAt string `json:"publishedAt"`
	Error       string `json:"error"`
}

// UnmarshalJSON accepts an "error" of any JSON type.
func (r *CodeResult) UnmarshalJSON(b []byte) error {
	type plain CodeResult
	aux := struct {
		*plain
		Error flexText `json:"error"`
	}{plain: (*plain)(r)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	r.Error = string(aux.Error)
	return nil
}

// GetSavedCode returns the code last saved on a card (saved is not
// necessarily published).
//
// Investec API docs: GetFunctionCode
func (c *Client) GetSavedCode(ctx context.Context, cardKey string) (*CodeResult, error) {
	return callResult[CodeResult](ctx, c, http.MethodGet, escapePath("/za/v1/cards/%s/code", cardKey), nil)
}

// SaveCode saves code on a card without publishing it. Every save creates a
// new CodeID, which PublishCode then needs. It is never retried.
//
// Investec API docs: UpdateFunctionCode
func (c *Client) SaveCode(ctx context.Context, cardKey, code string) (*CodeResult, error) {
	body := struct {
		Code string `json:"code"`
	}{code}
	return callResult[CodeResult](ctx, c, http.MethodPost, escapePath("/za/v1/cards/%s/code", cardKey), body)
}

// GetPublishedCode returns the code that runs on a card's transactions.
//
// Investec API docs: GetPublishedCode
func (c *Client) GetPublishedCode(ctx context.Context, cardKey string) (*CodeResult, error) {
	return callResult[CodeResult](ctx, c, http.MethodGet, escapePath("/za/v1/cards/%s/publishedcode", cardKey), nil)
}

// PublishCode publishes the saved code identified by codeID (from SaveCode)
// to the card. The body carries an empty "code", as Investec documents. It
// is never retried.
//
// Investec API docs: PublishFunctionCode
func (c *Client) PublishCode(ctx context.Context, cardKey, codeID string) (*CodeResult, error) {
	if strings.TrimSpace(codeID) == "" {
		return nil, fieldRequired("codeid")
	}
	body := struct {
		CodeID string `json:"codeid"`
		Code   string `json:"code"`
	}{codeID, ""}
	return callResult[CodeResult](ctx, c, http.MethodPost, escapePath("/za/v1/cards/%s/publish", cardKey), body)
}

// ExecuteCodeRequest simulates a card transaction against code. Amount is
// sent as "centsAmount", a string of cents ("10000" for R100.00);
// CurrencyCode is lower-case ("zar"); MerchantCode is the merchant
// category code (see ListMerchants); CountryCode is ISO alpha-2 ("ZA").
type ExecuteCodeRequest struct {
	SimulationCode string
	Amount         domain.Money
	CurrencyCode   string
	MerchantCode   int
	MerchantName   string
	MerchantCity   string
	CountryCode    string
}

// MarshalJSON encodes the request as Investec spells it.
func (r ExecuteCodeRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		SimulationCode string `json:"simulationcode"`
		CentsAmount    string `json:"centsAmount"`
		CurrencyCode   string `json:"currencyCode"`
		MerchantCode   int    `json:"merchantCode"`
		MerchantName   string `json:"merchantName"`
		MerchantCity   string `json:"merchantCity"`
		CountryCode    string `json:"countryCode"`
	}{r.SimulationCode, strconv.FormatInt(r.Amount.Cents(), 10), r.CurrencyCode, r.MerchantCode,
		r.MerchantName, r.MerchantCity, r.CountryCode})
}

// Execution is one run of card code (simulated or real). Type is
// "before_transaction", "after_transaction" or "after_decline";
// AuthorizationApproved is nil for the "after" runs. Timestamps are ISO-8601
// strings as sent. Error is the run's "Error" (capital E on the wire), as
// text, "" when null.
type Execution struct {
	ExecutionID           string         `json:"executionId"`
	RootCodeFunctionID    string         `json:"rootCodeFunctionId"`
	Sandbox               bool           `json:"sandbox"`
	Type                  string         `json:"type"`
	AuthorizationApproved *bool          `json:"authorizationApproved"`
	Logs                  []ExecutionLog `json:"logs"`
	SMSCount              int            `json:"smsCount"`
	EmailCount            int            `json:"emailCount"`
	PushNotificationCount int            `json:"pushNotificationCount"`
	CreatedAt             string         `json:"createdAt"`
	StartedAt             string         `json:"startedAt"`
	CompletedAt           string         `json:"completedAt"`
	UpdatedAt             string         `json:"updatedAt"`
	Error                 string         `json:"Error"`
}

// UnmarshalJSON accepts an "Error" of any JSON type.
func (e *Execution) UnmarshalJSON(b []byte) error {
	type plain Execution
	aux := struct {
		*plain
		Error flexText `json:"Error"`
	}{plain: (*plain)(e)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	e.Error = string(aux.Error)
	return nil
}

// ExecutionLog is one console line of a run. Level is "info", "warn" or
// "error"; Content is what the code logged (often JSON text).
type ExecutionLog struct {
	CreatedAt string `json:"createdAt"`
	Level     string `json:"level"`
	Content   string `json:"content"`
}

// ExecuteCode runs code in Investec's simulator against a made-up
// transaction and returns the runs it produced (an error the answer reports
// is returned as *ResultError). Nothing is charged, but it is a POST and is
// never retried.
//
// Investec API docs: ExecuteFunctionCode
func (c *Client) ExecuteCode(ctx context.Context, cardKey string, r *ExecuteCodeRequest) ([]Execution, error) {
	if r == nil {
		return nil, fieldRequired("simulationcode")
	}
	req, err := c.newRequest(ctx, http.MethodPost, escapePath("/za/v1/cards/%s/code/execute", cardKey), r)
	if err != nil {
		return nil, err
	}
	return c.executions(req)
}

// ListExecutions returns a card's recent code runs, real and simulated. The
// spec answers with result[]; the live API with result{executionItems[],
// error}. Both are read; a non-empty error is returned as *ResultError.
//
// Investec API docs: GetFunctionExecutions
func (c *Client) ListExecutions(ctx context.Context, cardKey string) ([]Execution, error) {
	req, err := c.newRequest(ctx, http.MethodGet, escapePath("/za/v1/cards/%s/code/executions", cardKey), nil)
	if err != nil {
		return nil, err
	}
	return c.executions(req)
}

// executions sends req and reads its executions; a non-empty result error
// is returned as *ResultError alongside any items.
func (c *Client) executions(req *http.Request) ([]Execution, error) {
	var env envelope[resultData[executionsResult]]
	if err := c.do(req, &env); err != nil {
		return nil, err
	}
	if msg := strings.TrimSpace(env.Data.Result.err); msg != "" {
		return env.Data.Result.items, &ResultError{Method: req.Method, Path: c.apiPath(req), Message: cleanMessage(c.redact(msg, ""))}
	}
	return env.Data.Result.items, nil
}

// executionsResult reads either an array of executions or the object
// {executionItems: [...], error: ...}.
type executionsResult struct {
	items []Execution
	err   string
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *executionsResult) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var aux struct {
			ExecutionItems []Execution `json:"executionItems"`
			Error          flexText    `json:"error"`
		}
		if err := json.Unmarshal(b, &aux); err != nil {
			return err
		}
		r.items, r.err = aux.ExecutionItems, string(aux.Error)
		return nil
	}
	return json.Unmarshal(b, &r.items)
}

// EnvironmentVariables are the values card code reads as process.env.<name>.
// Values are strings (a non-string value on the wire is kept as its JSON
// text).
type EnvironmentVariables struct {
	Variables map[string]string `json:"variables"`
	CreatedAt string            `json:"createdAt"`
	UpdatedAt string            `json:"updatedAt"`
	Error     string            `json:"error"`
}

// UnmarshalJSON accepts variable values and "error" of any JSON type.
func (e *EnvironmentVariables) UnmarshalJSON(b []byte) error {
	var aux struct {
		Variables map[string]flexText `json:"variables"`
		CreatedAt string              `json:"createdAt"`
		UpdatedAt string              `json:"updatedAt"`
		Error     flexText            `json:"error"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	e.Variables = make(map[string]string, len(aux.Variables))
	for k, v := range aux.Variables {
		e.Variables[k] = string(v)
	}
	e.CreatedAt, e.UpdatedAt, e.Error = aux.CreatedAt, aux.UpdatedAt, string(aux.Error)
	return nil
}

// GetEnvironmentVariables returns a card's environment variables.
//
// Investec API docs: GetFunctionEnvironmentVariables
func (c *Client) GetEnvironmentVariables(ctx context.Context, cardKey string) (*EnvironmentVariables, error) {
	return callResult[EnvironmentVariables](ctx, c, http.MethodGet, escapePath("/za/v1/cards/%s/environmentvariables", cardKey), nil)
}

// ReplaceEnvironmentVariables replaces all of a card's environment
// variables with vars (there is no patching: a name left out is removed).
// It is never retried.
//
// Investec API docs: UpdateFunctionEnvironmentVariables
func (c *Client) ReplaceEnvironmentVariables(ctx context.Context, cardKey string, vars map[string]string) (*EnvironmentVariables, error) {
	if vars == nil {
		vars = map[string]string{}
	}
	body := struct {
		Variables map[string]string `json:"variables"`
	}{vars}
	return callResult[EnvironmentVariables](ctx, c, http.MethodPost, escapePath("/za/v1/cards/%s/environmentvariables", cardKey), body)
}
