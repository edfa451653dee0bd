package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTokenGoodCredentials(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	for _, tc := range []struct {
		key    Key
		scopes []string
	}{{pbKey, AllPBScopes}, {cibKey, CIBScopes}} {
		resp, b := h.requestToken(tc.key.ClientID, tc.key.Secret, tc.key.APIKey, "client_credentials")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", tc.key.ClientID, resp.StatusCode)
		}
		var tr tokenResponse
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		if tr.TokenType != "Bearer" || tr.ExpiresIn != 1799 || len(tr.AccessToken) < 20 {
			t.Errorf("token response %s", b)
		}
		if got := strings.Fields(tr.Scope); !slices.Equal(got, tc.scopes) {
			t.Errorf("scope %q, want %v", tr.Scope, tc.scopes)
		}
		for _, secret := range []string{tc.key.Secret, tc.key.APIKey} {
			if strings.Contains(string(b), secret) {
				t.Error("token response echoes a credential")
			}
		}
	}
	// Two calls give two different random tokens.
	if a, b := h.token(pbKey), h.token(pbKey); a == b {
		t.Errorf("the same token %q twice", a)
	}
}

func TestTokenBadCredentialsAndGrant(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	for _, tc := range []struct {
		name                  string
		id, secret, key, gran string
		status                int
	}{
		{"wrong secret", PBClientID, "nope", PBAPIKey, "client_credentials", 401},
		{"wrong api key", PBClientID, PBSecret, CIBAPIKey, "client_credentials", 401},
		{"other key's secret", CIBClientID, PBSecret, CIBAPIKey, "client_credentials", 401},
		{"no api key", PBClientID, PBSecret, "", "client_credentials", 401},
		{"missing grant", PBClientID, PBSecret, PBAPIKey, "", 400},
		{"unsupported grant", PBClientID, PBSecret, PBAPIKey, "authorization_code", 400},
	} {
		resp, b := h.requestToken(tc.id, tc.secret, tc.key, tc.gran)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
		// Investec's gateway answers with an empty body (Content-Length: 0)
		// typed application/json.
		if len(b) != 0 || resp.ContentLength != 0 || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: body %q, Content-Length %d, Content-Type %q; want an empty application/json body", tc.name, b, resp.ContentLength, resp.Header.Get("Content-Type"))
		}
	}
}

func TestResourceAuth(t *testing.T) {
	t.Parallel()
	restricted := Key{ClientID: "restricted", Secret: "s3", APIKey: "k3", Scopes: []string{ScopeAccounts, ScopeBalances}}
	h := newHarness(t, Options{Keys: []Key{restricted}})
	accts := h.s.Accounts()
	balance := "/za/pb/v1/accounts/" + accts[0].ID + "/balance"
	good := h.token(pbKey)

	check := func(name, path, token string, status int, body string) {
		t.Helper()
		resp, b := h.do(http.MethodGet, path, token, "")
		if resp.StatusCode != status || string(b) != body {
			t.Errorf("%s: %d %q, want %d %q", name, resp.StatusCode, b, status, body)
		}
	}
	check("no token", balance, "", 401, "")
	check("unknown token", balance, "not-a-token", 401, "")
	check("missing scope", "/za/pb/v1/accounts/"+accts[0].ID+"/transactions", h.token(restricted), 403, "")
	check("CIB key on PB", balance, h.token(cibKey), 403, "")
	check("PB key on CIB", "/za/bb/v1/accounts", good, 403, "")
	check("unknown account", "/za/pb/v1/accounts/1234/balance", good, 400, `"The specified account is invalid. (Parameter 'accountId')"`)

	// The token expires on the server clock after 1799 s.
	tok := h.token(pbKey)
	h.clock.Advance(1798 * time.Second)
	check("token before expiry", "/za/pb/v1/accounts", tok, 200, mustGet(t, h, "/za/pb/v1/accounts", tok))
	h.clock.Advance(2 * time.Second)
	check("expired token", "/za/pb/v1/accounts", tok, 401, "")

	// ExpireTokens invalidates every token now.
	tok = h.token(pbKey)
	h.s.Faults().ExpireTokens()
	check("token after ExpireTokens", "/za/pb/v1/accounts", tok, 401, "")
}

func mustGet(t *testing.T, h *harness, path, tok string) string {
	t.Helper()
	resp, b := h.do(http.MethodGet, path, tok, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return string(b)
}

func TestRestrictedAccountKey(t *testing.T) {
	t.Parallel()
	h0 := newHarness(t, Options{})
	accts := h0.s.Accounts()
	saverOnly := Key{ClientID: "saver", Secret: "s", APIKey: "k", Scopes: AllPBScopes, AccountIDs: []string{accts[1].ID}}
	h := newHarness(t, Options{Keys: []Key{saverOnly}})
	tok := h.token(saverOnly)

	var list struct {
		Data struct {
			Accounts []wireAccount `json:"accounts"`
		} `json:"data"`
	}
	h.getJSON("/za/pb/v1/accounts", tok, &list)
	if len(list.Data.Accounts) != 1 || list.Data.Accounts[0].AccountID != accts[1].ID {
		t.Fatalf("accounts for a key restricted to the PrimeSaver: %+v", list.Data.Accounts)
	}
	// Another account, even a real one, is refused as the real API does.
	for _, p := range []string{"/balance", "/transactions", "/pending-transactions", "/documents"} {
		resp, b := h.do(http.MethodGet, "/za/pb/v1/accounts/"+accts[0].ID+p, tok, "")
		if resp.StatusCode != 400 || string(b) != `"`+errInvalidAccount+`"` || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("%s of another account: %d %s %q", p, resp.StatusCode, b, resp.Header.Get("Content-Type"))
		}
	}
	// A transfer to an account the key cannot see is refused, and nothing
	// moves.
	resp, b := h.do(http.MethodPost, "/za/pb/v1/accounts/"+accts[1].ID+"/transfermultiple", tok,
		`{"transferList":[{"beneficiaryAccountId":"`+accts[0].ID+`","amount":"10","myReference":"x","theirReference":"y"}]}`)
	if resp.StatusCode != 400 || !strings.Contains(string(b), "beneficiaryAccountId") {
		t.Errorf("transfer to an unseen account: %d %s", resp.StatusCode, b)
	}
	// Cards on other accounts are invisible.
	var cards struct {
		Data struct {
			Cards []json.RawMessage `json:"cards"`
		} `json:"data"`
	}
	h.getJSON("/za/v1/cards", tok, &cards)
	if len(cards.Data.Cards) != 0 {
		t.Errorf("key restricted to the PrimeSaver sees %d cards", len(cards.Data.Cards))
	}
	resp, _ = h.do(http.MethodGet, "/za/v1/cards/"+h.s.bank.cards[0].key+"/code", tok, "")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("card of another account: %d, want 404", resp.StatusCode)
	}
}

func TestDocumentScopesFilterTheList(t *testing.T) {
	t.Parallel()
	stmts := Key{ClientID: "st", Secret: "s", APIKey: "k1", Scopes: []string{ScopeDocumentsStatements}}
	tax := Key{ClientID: "tx", Secret: "s", APIKey: "k2", Scopes: []string{ScopeDocumentsTaxCertificates}}
	h := newHarness(t, Options{Keys: []Key{stmts, tax}})
	id := h.s.Accounts()[0].ID
	path := "/za/pb/v1/accounts/" + id + "/documents?fromDate=2025-01-01&toDate=2026-11-26"
	kinds := func(k Key) map[string]int {
		var env struct {
			Data []struct {
				DocumentType string `json:"documentType"`
			} `json:"data"`
		}
		h.getJSON(path, h.token(k), &env)
		out := map[string]int{}
		for _, d := range env.Data {
			out[d.DocumentType]++
		}
		return out
	}
	if k := kinds(stmts); k[docStatement] < 20 || k[docTaxCertificate] != 0 {
		t.Errorf("statements-only key sees %v", k)
	}
	if k := kinds(tax); k[docStatement] != 0 || k[docTaxCertificate] != 2 {
		t.Errorf("tax-certificates-only key sees %v", k)
	}
	resp, _ := h.do(http.MethodGet, "/za/pb/v1/accounts/"+id+"/document/TaxCertificate/2026-03-05", h.token(stmts), "")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("tax certificate with a statements-only key: %d, want 400", resp.StatusCode)
	}
}
