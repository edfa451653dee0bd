package investec

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Base URLs of Investec's API.
const (
	// ProductionURL is the live API.
	ProductionURL = "https://openapi.investec.com"
	// SandboxURL is Investec's public sandbox (Private Banking mock data).
	SandboxURL = "https://openapisandbox.investec.com"
)

// DefaultUserAgent is sent when no WithUserAgent option is given.
const DefaultUserAgent = "investec-desk"

// DefaultTimeout bounds one attempt (connect, send, wait, read).
const DefaultTimeout = 30 * time.Second

// Body size limits. A larger answer is refused rather than read into memory.
const (
	maxJSONBody     = 32 << 20 // transactions over a long window
	maxDocumentBody = 64 << 20 // a statement PDF
	maxErrorBody    = 64 << 10
	maxTokenBody    = 64 << 10
)

// RetryPolicy says how GET requests are retried after a 429, a 5xx or a
// network error. POST requests are never retried (see the package doc).
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts including the first;
	// values below 1 mean 1 (no retry).
	MaxAttempts int
	// BaseDelay is the backoff before the second attempt; it doubles for
	// each further attempt, with jitter.
	BaseDelay time.Duration
	// MaxDelay caps one backoff.
	MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client will wait out. A
	// longer one is returned at once as *RateLimitError so the caller can
	// decide (and tell the user). Zero means the default, 30 s.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy returns the policy used without WithRetry: three
// attempts, backoff from 500 ms capped at 5 s, Retry-After honoured up to
// 30 s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 5 * time.Second, MaxRetryAfter: 30 * time.Second}
}

// Client talks to Investec's API. It is safe for concurrent use. Create it
// with NewClient.
type Client struct {
	baseURL    *url.URL
	httpClient *http.Client
	timeout    time.Duration
	userAgent  string
	creds      Credentials
	retry      RetryPolicy
	now        func() time.Time
	sleep      func(context.Context, time.Duration) error
	logger     *slog.Logger
	tokens     tokenCache
	err        error // a bad option, reported by every call
}

// Option configures a Client.
type Option func(*Client)

// WithBaseURL sets the API base URL (ProductionURL by default; SandboxURL or
// a simulator's address). The URL may carry a path prefix; it must not
// carry user information, a query or a fragment.
func WithBaseURL(raw string) Option {
	return func(c *Client) {
		u, err := parseBaseURL(raw)
		if err != nil {
			c.err = err
			return
		}
		c.baseURL = u
	}
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New("investec: invalid base URL")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, errors.New("investec: base URL must start with https:// or http://")
	case u.Host == "":
		return nil, errors.New("investec: base URL has no host")
	case u.User != nil:
		// Credentials in a URL end up in logs and errors: refuse them.
		return nil, errors.New("investec: base URL must not contain user information")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, errors.New("investec: base URL must not contain a query or fragment")
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = strings.TrimSuffix(u.RawPath, "/")
	return u, nil
}

// WithHTTPClient sets the HTTP client. The client is copied; the copy never
// follows redirects for anything but GET, so a POST is never re-sent to
// another address.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) {
		if hc != nil {
			c.httpClient = hc
		}
	}
}

// WithTimeout bounds each attempt (DefaultTimeout by default; zero or less
// means no per-attempt bound beyond the caller's ctx).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) { c.timeout = d }
}

// WithCredentials sets the client ID, client secret and API key. Without
// credentials the client sends no Authorization header, which suits a
// simulator with authentication switched off.
func WithCredentials(creds Credentials) Option {
	return func(c *Client) { c.creds = creds }
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *Client) {
		if ua != "" {
			c.userAgent = ua
		}
	}
}

// WithRetry sets the retry policy for GET requests.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) { c.retry = p }
}

// WithClock sets the clock used for token expiry and Retry-After dates.
func WithClock(now func() time.Time) Option {
	return func(c *Client) {
		if now != nil {
			c.now = now
		}
	}
}

// WithSleep sets the function used to wait between attempts; it must return
// early with ctx's error when ctx is done. Tests use it to observe waits
// without spending them.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) {
		if sleep != nil {
			c.sleep = sleep
		}
	}
}

// WithLogger sets a structured logger for request outcomes (method, path
// without query, status, attempt, duration). Headers, bodies and secrets are
// never logged. By default nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) {
		if l != nil {
			c.logger = l
		}
	}
}

// NewClient returns a Client configured by opts. An invalid option (such as
// a malformed base URL) does not panic: every call then returns its error.
func NewClient(opts ...Option) *Client {
	base, _ := url.Parse(ProductionURL)
	c := &Client{
		baseURL:    base,
		httpClient: http.DefaultClient,
		timeout:    DefaultTimeout,
		userAgent:  DefaultUserAgent,
		retry:      DefaultRetryPolicy(),
		now:        time.Now,
		sleep:      sleepCtx,
		logger:     slog.New(slog.DiscardHandler),
	}
	for _, opt := range opts {
		opt(c)
	}
	hc := *c.httpClient
	next := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	c.httpClient = &hc
	if c.retry.MaxAttempts < 1 {
		c.retry.MaxAttempts = 1
	}
	if c.retry.MaxRetryAfter <= 0 {
		c.retry.MaxRetryAfter = DefaultRetryPolicy().MaxRetryAfter
	}
	return c
}

// BaseURL returns the API base URL the client talks to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// String describes the client without any secret.
func (c *Client) String() string {
	return fmt.Sprintf("investec.Client{BaseURL:%s, Credentials:%s}", c.baseURL.Redacted(), c.creds)
}

// Format implements fmt.Formatter: every verb prints String, so formatting a
// *Client (whose unexported fields hold credentials and tokens) never leaks
// them.
func (c *Client) Format(f fmt.State, verb rune) { _, _ = f.Write([]byte(c.String())) }

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// resolve joins the base URL and an API path. path is already escaped (see
// escapePath) and may carry a "?query".
func (c *Client) resolve(path string) (*url.URL, error) {
	p, q, _ := strings.Cut(path, "?")
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("investec: path %q must start with /", p)
	}
	unescaped, err := url.PathUnescape(p)
	if err != nil {
		return nil, fmt.Errorf("investec: bad path: %w", err)
	}
	u := *c.baseURL
	u.Path = c.baseURL.Path + unescaped
	u.RawPath = c.baseURL.EscapedPath() + p
	u.RawQuery = q
	return &u, nil
}

// escapePath builds an API path from a format whose %s verbs are filled
// with path parameters, each escaped with url.PathEscape (IDs come from the
// API and from people, and may contain '/', '?', '%' or be "..").
func escapePath(format string, params ...string) string {
	args := make([]any, len(params))
	for i, p := range params {
		switch p {
		case ".", "..":
			// PathEscape leaves dots alone, and a "." or ".." segment
			// would make the path point at another endpoint.
			args[i] = strings.ReplaceAll(p, ".", "%2E")
		default:
			args[i] = url.PathEscape(p)
		}
	}
	return fmt.Sprintf(format, args...)
}

// withQuery appends a query to a path when it has any values.
func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// newRequest builds a JSON API request. body, if not nil, is encoded as
// JSON.
func (c *Client) newRequest(ctx context.Context, method, path string, body any) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("investec: encode request: %w", err)
		}
		r = bytes.NewReader(buf)
	}
	req, err := c.newRequestRaw(ctx, method, path, r)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// newRequestRaw builds a request with a raw body and the common headers.
func (c *Client) newRequestRaw(ctx context.Context, method, path string, body io.Reader) (*http.Request, error) {
	if c.err != nil {
		return nil, c.err
	}
	u, err := c.resolve(path)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("investec: build request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	return req, nil
}

// do sends an authenticated API request and decodes a 2xx JSON body into v
// (if v is not nil).
func (c *Client) do(req *http.Request, v any) error {
	body, err := c.doRaw(req)
	if err != nil {
		return err
	}
	if v == nil {
		return nil
	}
	return c.decode(req, body, v)
}

// doRaw sends an authenticated API request and returns its 2xx body.
func (c *Client) doRaw(req *http.Request) ([]byte, error) {
	res, err := c.exchange(req, exchangeOptions{auth: true, idempotent: isIdempotent(req.Method), limit: maxJSONBody})
	if err != nil {
		return nil, err
	}
	return res.body, nil
}

// decode decodes the 2xx JSON body of req into v. An unreadable answer
// is a *DecodeError, or for a request that is not idempotent an
// *UnknownOutcomeError (the bank did act, but on what cannot be known).
func (c *Client) decode(req *http.Request, body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		decErr := &DecodeError{Method: req.Method, Path: c.apiPath(req), Err: err}
		if !isIdempotent(req.Method) {
			// The bank accepted the request but its answer is unreadable:
			// what exactly was done cannot be known from here.
			return &UnknownOutcomeError{Method: req.Method, Path: decErr.Path, Err: decErr}
		}
		return decErr
	}
	return nil
}

func isIdempotent(method string) bool {
	return method == http.MethodGet || method == http.MethodHead
}

// exchangeOptions say how one exchange behaves.
type exchangeOptions struct {
	auth       bool  // attach the bearer token, refresh it once on 401
	idempotent bool  // may be retried; a failure after sending is not "unknown"
	limit      int64 // body size limit
}

// response is a read 2xx answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

// exchange sends req until it gets a final answer, following the retry
// policy for idempotent requests and the single token refresh on 401, and
// maps error answers to typed errors.
//
// About the 401 replay of a POST: a 401 is the API gateway refusing the
// bearer token, before the request reaches the bank's systems, so the
// request was not processed and sending it once more with a fresh token
// cannot make it happen twice. This is the only case where a POST is sent
// again, and it happens at most once per call.
func (c *Client) exchange(req *http.Request, o exchangeOptions) (*response, error) {
	ctx := req.Context()
	method, path := req.Method, c.apiPath(req)
	refreshed := false
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("investec: %s %s: %w", method, path, err)
		}
		token := ""
		if o.auth && c.creds.complete() {
			t, err := c.tokens.get(ctx, c)
			if err != nil {
				return nil, err
			}
			token = t.value
		}
		start := time.Now()
		res, sent, err := c.attempt(req, token, o.limit)
		if err != nil {
			if errors.Is(err, errBodyTooLarge) {
				return nil, &DecodeError{Method: method, Path: path, Err: err}
			}
			c.logger.Debug("investec request failed", "method", method, "path", path, "attempt", attempt, "sent", sent, "error", c.redact(causeOf(err).Error(), token))
			if ctxErr := ctx.Err(); ctxErr != nil {
				if !o.idempotent && sent {
					return nil, &UnknownOutcomeError{Method: method, Path: path, Err: ctxErr}
				}
				return nil, fmt.Errorf("investec: %s %s: %w", method, path, ctxErr)
			}
			netErr := &NetworkError{Method: method, Path: path, Timeout: isTimeout(err), Err: c.safeCause(err, token)}
			if !o.idempotent {
				if sent {
					return nil, &UnknownOutcomeError{Method: method, Path: path, Err: netErr}
				}
				return nil, netErr
			}
			if attempt >= c.retry.MaxAttempts {
				return nil, netErr
			}
			if err := c.wait(ctx, c.backoff(attempt)); err != nil {
				return nil, fmt.Errorf("investec: %s %s: %w", method, path, err)
			}
			continue
		}
		c.logger.Debug("investec request", "method", method, "path", path, "status", res.status, "attempt", attempt, "duration", time.Since(start))
		if res.status >= 200 && res.status < 300 {
			return res, nil
		}
		msg := c.redact(messageFromBody(res.body), token)
		switch {
		case res.status == http.StatusUnauthorized && token != "" && !refreshed:
			c.tokens.invalidate(token)
			refreshed = true
			attempt-- // the replay does not use up a retry
			continue
		case res.status == http.StatusForbidden:
			return nil, &ForbiddenError{Method: method, Path: path, Permissions: PermissionsForScopes(scopesFor(method, path)), Message: msg}
		case res.status == http.StatusTooManyRequests:
			after, _ := parseRetryAfter(res.header.Get("Retry-After"), c.now())
			rl := &RateLimitError{Method: method, Path: path, RetryAfter: after, Message: msg}
			if !o.idempotent || attempt >= c.retry.MaxAttempts || after > c.retry.MaxRetryAfter {
				return nil, rl
			}
			d := after
			if d <= 0 {
				d = c.backoff(attempt)
			}
			c.logger.Info("investec rate limited, waiting", "method", method, "path", path, "wait", d)
			if err := c.wait(ctx, d); err != nil {
				return nil, fmt.Errorf("investec: %s %s: %w", method, path, err)
			}
			continue
		case res.status >= 500:
			api := &APIError{StatusCode: res.status, Method: method, Path: path, Message: msg}
			if !o.idempotent {
				return nil, &UnknownOutcomeError{Method: method, Path: path, Err: api}
			}
			if attempt >= c.retry.MaxAttempts {
				return nil, api
			}
			if err := c.wait(ctx, c.backoff(attempt)); err != nil {
				return nil, fmt.Errorf("investec: %s %s: %w", method, path, err)
			}
			continue
		}
		return nil, &APIError{StatusCode: res.status, Method: method, Path: path, Message: msg}
	}
}

// errBodyTooLarge is returned when an answer exceeds the body limit.
var errBodyTooLarge = errors.New("response body too large")

// attempt sends one copy of req. sent reports whether any of the request
// may have reached the server (its headers were written), which decides
// whether a failed POST has an unknown outcome.
func (c *Client) attempt(req *http.Request, token string, limit int64) (res *response, sent bool, err error) {
	ctx := req.Context()
	var cancel context.CancelFunc = func() {}
	if c.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	defer cancel()
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }}
	r := req.Clone(httptrace.WithClientTrace(ctx, trace))
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, false, err
		}
		r.Body = body
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("x-api-key", c.creds.APIKey)
	}
	resp, err := c.httpClient.Do(r)
	if err != nil {
		return nil, wrote.Load(), err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		limit = maxErrorBody
	}
	body, err := readBody(resp, limit)
	if err != nil {
		return nil, true, err
	}
	if int64(len(body)) > limit {
		if resp.StatusCode < 200 || resp.StatusCode >= 300 {
			body = body[:limit] // an error body only feeds the message
		} else {
			return nil, true, fmt.Errorf("%w: over %d bytes", errBodyTooLarge, limit)
		}
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: body}, true, nil
}

// readBody reads resp's body up to limit+1 bytes (one more than allowed,
// so a larger body shows). When the server announced the length, the body
// is read into one buffer of that size instead of a growing one.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	r := io.LimitReader(resp.Body, limit+1)
	if n := resp.ContentLength; n > 0 && n <= limit {
		// MinRead of spare room lets ReadFrom see the end without
		// growing the buffer.
		buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
		_, err := buf.ReadFrom(r)
		return buf.Bytes(), err
	}
	return io.ReadAll(r)
}

// wait sleeps for d or until ctx is done.
func (c *Client) wait(ctx context.Context, d time.Duration) error {
	return c.sleep(ctx, d)
}

// backoff returns the wait before attempt+1: BaseDelay doubled per
// attempt, capped at MaxDelay, with jitter over the upper half so
// concurrent clients spread out.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.retry.BaseDelay
	for i := 1; i < attempt && d < c.retry.MaxDelay; i++ {
		d *= 2
	}
	if c.retry.MaxDelay > 0 && d > c.retry.MaxDelay {
		d = c.retry.MaxDelay
	}
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(half+1) //nolint:gosec // jitter needs no cryptographic randomness
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP
// date. It reports false when the header is absent or unreadable.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var secs flexInt
	if secs.UnmarshalJSON([]byte(v)) == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > 24*3600 { // absurd: treat as a day
			secs = 24 * 3600
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, true
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// safeCause returns err without its URL wrapper and with any secret value
// removed from its text.
func (c *Client) safeCause(err error, token string) error {
	cause := causeOf(err)
	text := cause.Error()
	if red := c.redact(text, token); red != text {
		return errors.New(red)
	}
	return cause
}

// apiPath returns the request's escaped path relative to the base URL, the
// form errors and logs show: no host, no base prefix, no query.
func (c *Client) apiPath(req *http.Request) string {
	p := req.URL.EscapedPath()
	if base := c.baseURL.EscapedPath(); base != "" && strings.HasPrefix(p, base+"/") {
		p = p[len(base):]
	}
	return p
}

// redact removes every secret the client knows (credentials, the Basic
// value, the token used and the cached one) from s. Error bodies are not
// supposed to echo them, but a misbehaving gateway might.
func (c *Client) redact(s, token string) string {
	if s == "" {
		return s
	}
	secrets := []string{token, c.creds.ClientSecret, c.creds.APIKey, c.creds.ClientID}
	if c.creds.ClientID != "" || c.creds.ClientSecret != "" {
		secrets = append(secrets, encodeBasic(c.creds))
	}
	c.tokens.mu.Lock()
	if c.tokens.current != nil {
		secrets = append(secrets, c.tokens.current.value)
	}
	c.tokens.mu.Unlock()
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}
