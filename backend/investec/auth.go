package investec

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// tokenPath is the OAuth2 client-credentials endpoint.
const tokenPath = "/identity/v2/oauth2/token" //nolint:gosec // a URL path, not a credential

// tokenRenewBefore is how long before expiry a cached token is replaced.
const tokenRenewBefore = 60 * time.Second

// defaultTokenLifetime is used when the token response has no usable
// expires_in (Investec documents 1799 seconds).
const defaultTokenLifetime = 1799 * time.Second

// tokenFetchTimeout bounds one shared token fetch; it does not depend on any
// single caller's context, because several callers may be waiting for it.
const tokenFetchTimeout = 60 * time.Second

// Credentials are what Investec Online issues for an API key: the client ID,
// the client secret and the API key itself. Every formatting path (String,
// GoString, Format, MarshalJSON, LogValue) redacts them, so a stray %v or a
// log attribute never prints a secret.
type Credentials struct {
	ClientID     string
	ClientSecret string
	APIKey       string
}

// IsZero reports whether no credential is set.
func (c Credentials) IsZero() bool {
	return c.ClientID == "" && c.ClientSecret == "" && c.APIKey == ""
}

// complete reports whether all three credentials are set.
func (c Credentials) complete() bool {
	return c.ClientID != "" && c.ClientSecret != "" && c.APIKey != ""
}

func redactedMark(s string) string {
	if s == "" {
		return "<empty>"
	}
	return "<redacted>"
}

// String returns a redacted description that only says which credentials
// are set.
func (c Credentials) String() string {
	return fmt.Sprintf("investec.Credentials{ClientID:%s, ClientSecret:%s, APIKey:%s}",
		redactedMark(c.ClientID), redactedMark(c.ClientSecret), redactedMark(c.APIKey))
}

// GoString returns the same redacted description as String, for %#v.
func (c Credentials) GoString() string { return c.String() }

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %q,
// %x, ...) prints the redacted description.
func (c Credentials) Format(f fmt.State, verb rune) {
	_, _ = f.Write([]byte(c.String()))
}

// MarshalJSON encodes only which credentials are set, never their values.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{
		"clientId":     redactedMark(c.ClientID),
		"clientSecret": redactedMark(c.ClientSecret),
		"apiKey":       redactedMark(c.APIKey),
	})
}

// LogValue implements slog.LogValuer with the redacted description.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Permission is an API-key permission as Investec Online labels it when a
// key is created, together with the OAuth2 scope it grants.
type Permission struct {
	Scope string `json:"scope"`
	Label string `json:"label"`
}

// The scopes Investec documents for client-credentials tokens.
const (
	ScopeAccounts                 = "accounts"
	ScopeBalances                 = "balances"
	ScopeTransactions             = "transactions"
	ScopeTransfers                = "transfers"
	ScopeBeneficiaryPayments      = "beneficiarypayments"
	ScopeDocumentsStatements      = "documents.statements"
	ScopeDocumentsTaxCertificates = "documents.taxcertificates"
	ScopeCards                    = "cards"
)

// permissionLabels maps each known scope to the label of the permission a
// person ticks in Investec Online. The pairing is by meaning (the notes,
// §2.4); no source states it outright.
var permissionLabels = map[string]string{
	ScopeAccounts:                 "Account name and number",
	ScopeBalances:                 "Account balance",
	ScopeTransactions:             "Transactions",
	ScopeTransfers:                "Inter-account transfers",
	ScopeBeneficiaryPayments:      "Beneficiary payments",
	ScopeDocumentsStatements:      "Statements",
	ScopeDocumentsTaxCertificates: "Tax certificates",
	ScopeCards:                    "Card code",
}

// PermissionForScope returns the permission for a scope. An unknown scope
// is kept, with the scope itself as its label.
func PermissionForScope(scope string) Permission {
	scope = strings.TrimSpace(scope)
	if label, ok := permissionLabels[scope]; ok {
		return Permission{Scope: scope, Label: label}
	}
	return Permission{Scope: scope, Label: scope}
}

// PermissionsForScopes maps scopes to permissions, keeping their order.
func PermissionsForScopes(scopes []string) []Permission {
	out := make([]Permission, 0, len(scopes))
	for _, s := range scopes {
		out = append(out, PermissionForScope(s))
	}
	return out
}

// Scopes returns the scopes the access token reports, fetching a token if
// none is cached. The token response's "scope" is a space-separated list.
//
// Investec API docs: GetAccessToken
func (c *Client) Scopes(ctx context.Context) ([]string, error) {
	if !c.creds.complete() {
		return nil, errors.New("investec: scopes: no credentials configured")
	}
	t, err := c.tokens.get(ctx, c)
	if err != nil {
		return nil, err
	}
	return append([]string(nil), t.scopes...), nil
}

// Permissions returns the API-key permissions the access token grants, in
// the words of Investec Online (see Scopes).
//
// Investec API docs: GetAccessToken
func (c *Client) Permissions(ctx context.Context) ([]Permission, error) {
	scopes, err := c.Scopes(ctx)
	if err != nil {
		return nil, err
	}
	return PermissionsForScopes(scopes), nil
}

// accessToken is a fetched token and what it reported.
type accessToken struct {
	value  string
	scopes []string
	expiry time.Time // when it must be renewed (already moved earlier)
}

// tokenCall is one token fetch in flight, shared by every caller that asks
// while it runs.
type tokenCall struct {
	done chan struct{}
	tok  *accessToken
	err  error
}

// tokenCache holds the current token and coalesces concurrent fetches, so a
// burst of calls on an empty cache makes one token request.
type tokenCache struct {
	mu       sync.Mutex
	current  *accessToken
	inflight *tokenCall
}

// get returns a valid token, fetching one if needed. Concurrent callers
// share one fetch; each still honours its own ctx while it waits.
func (tc *tokenCache) get(ctx context.Context, c *Client) (*accessToken, error) {
	tc.mu.Lock()
	if t := tc.current; t != nil && c.now().Before(t.expiry) {
		tc.mu.Unlock()
		return t, nil
	}
	call := tc.inflight
	if call == nil {
		call = &tokenCall{done: make(chan struct{})}
		tc.inflight = call
		// The fetch must not die with the first caller's ctx: others wait
		// on it. It is bounded by its own timeout instead.
		fetchCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenFetchTimeout)
		go func() {
			defer cancel()
			tok, err := c.fetchToken(fetchCtx)
			tc.mu.Lock()
			call.tok, call.err = tok, err
			if err == nil {
				tc.current = tok
			}
			tc.inflight = nil
			tc.mu.Unlock()
			close(call.done)
		}()
	}
	tc.mu.Unlock()
	select {
	case <-call.done:
		return call.tok, call.err
	case <-ctx.Done():
		return nil, fmt.Errorf("investec: POST %s: %w", tokenPath, ctx.Err())
	}
}

// invalidate drops the cached token if it is still the one that was
// refused, so that a burst of 401s triggers a single new fetch.
func (tc *tokenCache) invalidate(value string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.current != nil && tc.current.value == value {
		tc.current = nil
	}
}

// tokenResponse is the token endpoint's answer.
type tokenResponse struct {
	AccessToken string          `json:"access_token"`
	TokenType   string          `json:"token_type"`
	ExpiresIn   json.RawMessage `json:"expires_in"`
	Scope       string          `json:"scope"`
}

// errCredentialsRefused is the message for a token request refused with
// 400/401 (Investec sends an empty body). It names what to check and never
// echoes the values.
const errCredentialsRefused = "investec refused the client ID, client secret or API key"

// fetchToken asks the token endpoint for a new client-credentials token.
// Fetching a token changes nothing at the bank, so it may be retried like a
// GET.
func (c *Client) fetchToken(ctx context.Context) (*accessToken, error) {
	if err := c.checkCredentialTransport(); err != nil {
		return nil, err
	}
	req, err := c.newRequestRaw(ctx, http.MethodPost, tokenPath, strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Basic "+encodeBasic(c.creds))
	req.Header.Set("x-api-key", c.creds.APIKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	issued := c.now()
	res, err := c.exchange(req, exchangeOptions{idempotent: true, limit: maxTokenBody})
	if err != nil {
		var api *APIError
		if errors.As(err, &api) && (api.StatusCode == http.StatusBadRequest || api.StatusCode == http.StatusUnauthorized) {
			return nil, &APIError{
				StatusCode:         api.StatusCode,
				Method:             api.Method,
				Path:               api.Path,
				Message:            errCredentialsRefused,
				credentialsRefused: true,
			}
		}
		return nil, err
	}
	var tr tokenResponse
	if err := json.Unmarshal(res.body, &tr); err != nil {
		// The JSON error never quotes the body, so no token can leak here.
		return nil, &DecodeError{Method: req.Method, Path: tokenPath, Err: errors.New("malformed token response")}
	}
	if tr.AccessToken == "" {
		return nil, &DecodeError{Method: req.Method, Path: tokenPath, Err: errors.New("token response has no access_token")}
	}
	lifetime := defaultTokenLifetime
	var secs flexInt
	if len(tr.ExpiresIn) > 0 && secs.UnmarshalJSON(tr.ExpiresIn) == nil && secs > 0 {
		lifetime = time.Duration(secs) * time.Second
	}
	renewBefore := tokenRenewBefore
	if lifetime <= 2*tokenRenewBefore {
		renewBefore = lifetime / 2
	}
	c.logger.Debug("investec token fetched", "lifetime", lifetime, "scopes", tr.Scope)
	return &accessToken{
		value:  tr.AccessToken,
		scopes: strings.Fields(tr.Scope),
		expiry: issued.Add(lifetime - renewBefore),
	}, nil
}

// encodeBasic returns the Basic authorization value for the token request:
// base64 of "client_id:client_secret", as Investec documents it.
func encodeBasic(creds Credentials) string {
	return base64.StdEncoding.EncodeToString([]byte(creds.ClientID + ":" + creds.ClientSecret))
}

// checkCredentialTransport refuses to send credentials in clear text to
// anything but the local machine: plain http is fine for a simulator on
// localhost, never for a remote host.
func (c *Client) checkCredentialTransport() error {
	if c.baseURL == nil || c.baseURL.Scheme == "https" {
		return nil
	}
	host := c.baseURL.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("investec: refusing to send credentials over plain http to %s: use https", host)
}
