package sandbox

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// token is an issued access token.
type token struct {
	key     int // index into Server.keys
	expires time.Time
}

// session is who is calling a resource endpoint.
type session struct {
	key *Key
}

// canSee reports whether the session's key may use account a.
func (ss session) canSee(a *account) bool {
	if a.cib != ss.key.CIB {
		return false
	}
	return ss.key.AccountIDs == nil || slices.Contains(ss.key.AccountIDs, a.id)
}

// hasScope reports whether the key holds any of scopes.
func (ss session) hasScope(scopes ...string) bool {
	for _, sc := range scopes {
		if slices.Contains(ss.key.Scopes, sc) {
			return true
		}
	}
	return false
}

// randomToken returns an opaque 28-character token like Investec's.
func randomToken() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 28)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// handleToken is POST /identity/v2/oauth2/token: client credentials in
// Basic auth plus x-api-key, form grant_type=client_credentials. Failures
// are empty-bodied 401 (credentials) and 400 (grant), as Investec's gateway
// answers.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	apiKey := r.Header.Get("x-api-key")
	keyIdx := -1
	if ok {
		for i := range s.keys {
			k := &s.keys[i]
			if equal(id, k.ClientID) && equal(secret, k.Secret) && equal(apiKey, k.APIKey) {
				keyIdx = i
				break
			}
		}
	}
	if keyIdx < 0 {
		writeEmpty(w, http.StatusUnauthorized)
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		writeEmpty(w, http.StatusBadRequest)
		return
	}
	ttl := s.faults.tokenTTL()
	tok := randomToken()
	s.mu.Lock()
	now := s.now()
	for t, info := range s.tokens {
		if !now.Before(info.expires) {
			delete(s.tokens, t)
		}
	}
	s.tokens[tok] = token{key: keyIdx, expires: now.Add(ttl)}
	s.mu.Unlock()

	body := struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
		Scope       string `json:"scope"`
	}{tok, "Bearer", int(ttl / time.Second), strings.Join(s.keys[keyIdx].Scopes, " ")}
	b, _ := json.Marshal(body) //nolint:gosec // G117: issuing the token is this endpoint's job
	writeRaw(w, http.StatusOK, "application/json", b)
}

// ExpireTokens makes every access token issued so far invalid, as if 30
// minutes had passed.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// realm says which kind of key an endpoint serves.
type realm uint8

const (
	realmPB   realm = iota // Private Banking keys
	realmCIB               // CIB keys
	realmBoth              // either (card code)
)

// resource wraps a resource handler with bearer-token, scope and realm
// checks: no, unknown or expired token → 401 with an empty body; a key
// without any of scopes, or of the wrong kind → 403 with an empty body.
func (s *Server) resource(rlm realm, scopes []string, h func(http.ResponseWriter, *http.Request, session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || tok == "" {
			writeEmpty(w, http.StatusUnauthorized)
			return
		}
		s.mu.Lock()
		info, found := s.tokens[tok]
		if found && !s.now().Before(info.expires) {
			delete(s.tokens, tok)
			found = false
		}
		s.mu.Unlock()
		if !found {
			writeEmpty(w, http.StatusUnauthorized)
			return
		}
		ss := session{key: &s.keys[info.key]}
		if (rlm == realmPB && ss.key.CIB) || (rlm == realmCIB && !ss.key.CIB) || !ss.hasScope(scopes...) {
			writeEmpty(w, http.StatusForbidden)
			return
		}
		h(w, r, ss)
	}
}

// routes registers every endpoint.
func (s *Server) routes() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /identity/v2/oauth2/token", s.handleToken)

	pb := func(pattern string, scopes []string, h func(http.ResponseWriter, *http.Request, session)) {
		mux.Handle(pattern, s.resource(realmPB, scopes, h))
	}
	one := func(sc string) []string { return []string{sc} }
	docs := []string{ScopeDocumentsStatements, ScopeDocumentsTaxCertificates}

	pb("GET /za/pb/v1/accounts", one(ScopeAccounts), s.handleAccounts)
	pb("GET /za/pb/v1/accounts/{accountId}/balance", one(ScopeBalances), s.handleBalance)
	pb("GET /za/pb/v1/accounts/{accountId}/transactions", one(ScopeTransactions), s.handleTransactions)
	pb("GET /za/pb/v1/accounts/{accountId}/pending-transactions", one(ScopeTransactions), s.handlePending)
	pb("POST /za/pb/v1/accounts/transfermultiple", one(ScopeTransfers), s.handleTransferV1)
	pb("POST /za/pb/v1/accounts/{accountId}/transfermultiple", one(ScopeTransfers), s.handleTransferV2)
	pb("POST /za/pb/v1/accounts/{accountId}/paymultiple", one(ScopeBeneficiaryPayments), s.handlePay)
	pb("GET /za/pb/v1/accounts/beneficiaries", one(ScopeBeneficiaryPayments), s.handleBeneficiaries)
	pb("GET /za/pb/v1/accounts/beneficiarycategories", one(ScopeBeneficiaryPayments), s.handleCategories)
	pb("GET /za/pb/v1/profiles", one(ScopeAccounts), s.handleProfiles)
	pb("GET /za/pb/v1/profiles/{profileId}/accounts", one(ScopeAccounts), s.handleProfileAccounts)
	pb("GET /za/pb/v1/profiles/{profileId}/accounts/{accountId}/authorisationsetupdetails", one(ScopeAccounts), s.handleAuthSetup)
	pb("GET /za/pb/v1/profiles/{profileId}/accounts/{accountId}/beneficiaries", one(ScopeAccounts), s.handleProfileBeneficiaries)
	pb("GET /za/pb/v1/accounts/{accountId}/documents", docs, s.handleDocuments)
	pb("GET /za/pb/v1/accounts/{accountId}/document/{documentType}/{documentDate}", docs, s.handleDocument)

	card := func(pattern string, h func(http.ResponseWriter, *http.Request, session)) {
		mux.Handle(pattern, s.resource(realmBoth, one(ScopeCards), h))
	}
	card("GET /za/v1/cards", s.handleCards)
	card("POST /za/v1/cards", s.handleCreateCard)
	card("GET /za/v1/cards/{cardKey}", s.handleCardDetail)
	card("POST /za/v1/cards/{cardKey}", s.handleCardSensitive)
	card("GET /za/v1/cards/{cardKey}/code", s.handleSavedCode)
	card("POST /za/v1/cards/{cardKey}/code", s.handleSaveCode)
	card("GET /za/v1/cards/{cardKey}/publishedcode", s.handlePublishedCode)
	card("POST /za/v1/cards/{cardKey}/publish", s.handlePublish)
	card("POST /za/v1/cards/{cardKey}/code/execute", s.handleExecute)
	card("GET /za/v1/cards/{cardKey}/code/executions", s.handleExecutions)
	card("GET /za/v1/cards/{cardKey}/environmentvariables", s.handleGetEnv)
	card("POST /za/v1/cards/{cardKey}/environmentvariables", s.handleSetEnv)
	card("POST /za/v1/cards/{cardKey}/toggle-programmable-feature", s.handleToggle)
	card("GET /za/v1/cards/countries", s.handleCountries)
	card("GET /za/v1/cards/currencies", s.handleCurrencies)
	card("GET /za/v1/cards/merchants", s.handleMerchants)

	cib := func(pattern string, scopes []string, h func(http.ResponseWriter, *http.Request, session)) {
		mux.Handle(pattern, s.resource(realmCIB, scopes, h))
	}
	cib("GET /za/bb/v1/accounts", one(ScopeAccounts), s.handleCIBAccounts)
	cib("GET /za/bb/v1/accounts/{accountId}/transactions", one(ScopeTransactions), s.handleCIBTransactions)

	s.mux = mux
}
