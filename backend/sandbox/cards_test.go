package sandbox

import (
	"crypto/rsa"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/cardcode"
)

func TestCardSensitiveDetailsAreEncryptedToTheCallersKey(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	c := h.s.bank.cards[0]
	mod, exp := testRSAKeyHex(t)
	body := `{"keyId":1,"identifier":"desk","appName":"Investec Desk","modulus":"` + mod + `","exponent":"` + exp + `"}`
	resp, b := h.do(http.MethodPost, "/za/v1/cards/"+c.key+"?extended=true", tok, body)
	if resp.StatusCode != 200 {
		t.Fatalf("sensitive: %d %s", resp.StatusCode, b)
	}
	var env struct {
		Data struct {
			Result cardDetail `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	x := env.Data.Result.ExtendedDetails
	if x == nil {
		t.Fatalf("no ExtendedDetails: %s", b)
	}
	decrypt := func(field, v string) string {
		ct, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			t.Fatalf("%s is not base64: %v", field, err)
		}
		pt, err := rsa.DecryptOAEP(sha1.New(), nil, testRSAKey(t), ct, nil)
		if err != nil {
			t.Fatalf("%s does not decrypt with the private key: %v", field, err)
		}
		return string(pt)
	}
	pan, expiry, cvv := decrypt("CardNumber", x.CardNumber), decrypt("ExpiryDate", x.ExpiryDate), decrypt("CVV2", x.CVV2)
	if len(pan) != 16 || !strings.HasPrefix(pan, "402167") || !strings.HasSuffix(env.Data.Result.MaskedCardNumber, pan[12:]) {
		t.Errorf("card number %q does not match the masked %s", pan, env.Data.Result.MaskedCardNumber)
	}
	if len(expiry) != 5 || expiry[2] != '/' || len(cvv) != 3 {
		t.Errorf("expiry %q, CVV2 %q", expiry, cvv)
	}
	if strings.Contains(string(b), pan) || strings.Contains(string(b), cvv+`"`) {
		t.Error("the response contains a plain card detail")
	}
	// The plain detail endpoint never includes them; the extended one
	// needs extended=true and a usable key.
	var plain struct {
		Data struct {
			Result map[string]any `json:"result"`
		} `json:"data"`
	}
	h.getJSON("/za/v1/cards/"+c.key, tok, &plain)
	if plain.Data.Result["ExtendedDetails"] != nil {
		t.Errorf("card detail has ExtendedDetails %v", plain.Data.Result["ExtendedDetails"])
	}
	for _, bad := range []struct{ query, body string }{
		{"", body},
		{"?extended=true", `{"modulus":"abc","exponent":"010001"}`},
		{"?extended=true", `{"modulus":"` + mod + `","exponent":"2"}`},
	} {
		if resp, _ := h.do(http.MethodPost, "/za/v1/cards/"+c.key+bad.query, tok, bad.body); resp.StatusCode != 400 {
			t.Errorf("sensitive %s %s: %d, want 400", bad.query, bad.body[:20], resp.StatusCode)
		}
	}
	if resp, _ := h.do(http.MethodGet, "/za/v1/cards/0000000", tok, ""); resp.StatusCode != 404 {
		t.Errorf("unknown card: %d, want 404", resp.StatusCode)
	}
}

func TestCreateVirtualCard(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	acct := h.s.Accounts()[3]
	resp, b := h.do(http.MethodPost, "/za/v1/cards", tok, `{"AccountNumber":"`+acct.Number+`","EmbossName":"Mokoena Design","EmbossName2":"Travel"}`)
	var env struct {
		Data struct {
			Result struct {
				CardKey       string `json:"CardKey"`
				IsVirtualCard bool   `json:"IsVirtualCard"`
				EmbossName    string `json:"EmbossName"`
				EmbossName2   string `json:"EmbossName2"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &env); err != nil || resp.StatusCode != 200 {
		t.Fatalf("create: %d %s", resp.StatusCode, b)
	}
	r := env.Data.Result
	if len(r.CardKey) != 7 || !r.IsVirtualCard || r.EmbossName != "MOKOENA DESIGN" || r.EmbossName2 != "TRAVEL" {
		t.Errorf("created %+v", r)
	}
	var cards struct {
		Data struct {
			Cards []struct {
				CardKey   string `json:"CardKey"`
				AccountID string `json:"AccountId"`
			} `json:"cards"`
		} `json:"data"`
	}
	h.getJSON("/za/v1/cards", tok, &cards)
	found := false
	for _, c := range cards.Data.Cards {
		found = found || (c.CardKey == r.CardKey && c.AccountID == acct.ID)
	}
	if !found {
		t.Errorf("new card %s not listed on %s", r.CardKey, acct.ID)
	}
	var code wireCodeEnv
	h.getJSON("/za/v1/cards/"+r.CardKey+"/publishedcode", tok, &code)
	if !strings.Contains(code.Data.Result.Code, "beforeTransaction") {
		t.Errorf("new card's code %q", code.Data.Result.Code)
	}
	for _, bad := range []string{`{"AccountNumber":"123","EmbossName":"X"}`, `{"AccountNumber":"` + acct.Number + `","EmbossName":""}`} {
		if resp, _ := h.do(http.MethodPost, "/za/v1/cards", tok, bad); resp.StatusCode != 400 {
			t.Errorf("create %s: %d, want 400", bad, resp.StatusCode)
		}
	}
}

type wireExecutions struct {
	Data struct {
		Result struct {
			ExecutionItems []cardcode.ExecutionItem `json:"executionItems"`
			Error          *string                  `json:"error"`
		} `json:"result"`
	} `json:"data"`
}

func TestExecuteRunsCodeAndAppendsExecutions(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	c := h.s.bank.cards[0]
	var before wireExecutions
	h.getJSON("/za/v1/cards/"+c.key+"/code/executions", tok, &before)

	// Empty simulationcode runs the saved code: the seeded code blocks
	// gambling (7995) through its environment variables.
	resp, b := h.do(http.MethodPost, "/za/v1/cards/"+c.key+"/code/execute", tok,
		`{"simulationcode":"","centsAmount":"25000","currencyCode":"zar","merchantCode":7995,"merchantName":"Sun City Casino","merchantCity":"Rustenburg","countryCode":"ZA"}`)
	var res struct {
		Data struct {
			Result []cardcode.ExecutionItem `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 {
		t.Fatalf("execute: %d %s", resp.StatusCode, truncate(b))
	}
	items := res.Data.Result
	if len(items) != 2 || items[0].Type != cardcode.TypeBeforeTransaction || items[0].AuthorizationApproved == nil || *items[0].AuthorizationApproved ||
		items[1].Type != cardcode.TypeAfterDecline || !items[0].Sandbox || !items[1].Sandbox {
		t.Fatalf("execute items %s", truncate(b))
	}
	if len(items[0].Logs) != 1 || items[0].Logs[0].Content != "Declined Sun City Casino: category 7995 is blocked" {
		t.Errorf("before logs %+v", items[0].Logs)
	}
	if items[0].RootCodeFunctionID != c.saved.CodeID || items[0].CreatedAt != "2026-11-26T08:00:00.000Z" {
		t.Errorf("item %+v", items[0])
	}

	// Approved, with a big amount: the after hook warns.
	h.clock.Advance(time.Second)
	resp, b = h.do(http.MethodPost, "/za/v1/cards/"+c.key+"/code/execute", tok,
		`{"simulationcode":"","centsAmount":"350000","currencyCode":"zar","merchantCode":"5732","merchantName":"Incredible Connection","merchantCity":"Sandton","countryCode":"ZA"}`)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"level":"warn","content":"Big spend: Incredible Connection R3500.00"`) {
		t.Errorf("approved execute: %d %s", resp.StatusCode, truncate(b))
	}

	var after wireExecutions
	h.getJSON("/za/v1/cards/"+c.key+"/code/executions", tok, &after)
	n := len(after.Data.Result.ExecutionItems)
	if n != len(before.Data.Result.ExecutionItems)+4 || after.Data.Result.Error != nil {
		t.Fatalf("executions: %d before, %d after 2 simulations", len(before.Data.Result.ExecutionItems), n)
	}
	if got := after.Data.Result.ExecutionItems[n-4]; got.ExecutionID != items[0].ExecutionID || !got.Sandbox {
		t.Errorf("appended execution %+v, want %+v", got, items[0])
	}
	if resp, _ := h.do(http.MethodPost, "/za/v1/cards/"+c.key+"/code/execute", tok, `{"centsAmount":"abc","merchantCode":5411}`); resp.StatusCode != 400 {
		t.Errorf("bad centsAmount: %d", resp.StatusCode)
	}
}

func TestRealExecutionsMatchCardPurchases(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	for _, c := range h.s.bank.cards {
		acct := h.s.bank.accounts[c.account]
		purchases := map[string]int{} // "date|name|amount" -> count
		for _, r := range h.transactions(tok, acct.id, "fromDate=2026-10-20&includePending=true") {
			if r.Status == "POSTED" && *r.TransactionType != "CardPurchases" {
				continue
			}
			desc := strings.NewReplacer("&apos;", "'", "&amp;", "&").Replace(r.Description)
			if m := merchantByDescriptor[desc]; m != nil {
				purchases[r.TransactionDate+"|"+m.name+"|"+strings.TrimSuffix(randString(cents(t, r.Amount)), "")]++
			}
		}
		var ex wireExecutions
		h.getJSON("/za/v1/cards/"+c.key+"/code/executions", tok, &ex)
		real, sim := 0, 0
		for _, it := range ex.Data.Result.ExecutionItems {
			if it.Sandbox {
				sim++
				continue
			}
			if it.Type != cardcode.TypeBeforeTransaction || it.AuthorizationApproved == nil || !*it.AuthorizationApproved {
				continue
			}
			real++
			content := it.Logs[0].Content // "Approved <name> for R<amount>"
			name, amount, ok := strings.Cut(strings.TrimPrefix(content, "Approved "), " for R")
			created, err := time.Parse(time.RFC3339, it.CreatedAt)
			if !ok || err != nil {
				t.Fatalf("execution %+v", it)
			}
			key := created.In(sast).Format(time.DateOnly) + "|" + name + "|" + amount
			if purchases[key] == 0 {
				t.Errorf("card %s: execution %q on %s has no card purchase", c.key, content, it.CreatedAt)
			}
			purchases[key]--
		}
		if real < 10 || sim < 2 {
			t.Errorf("card %s: %d real and %d simulated executions", c.key, real, sim)
		}
	}
}
