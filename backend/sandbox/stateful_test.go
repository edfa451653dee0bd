package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

type wireBalance struct {
	Data struct {
		CurrentBalance   json.Number `json:"currentBalance"`
		AvailableBalance json.Number `json:"availableBalance"`
	} `json:"data"`
}

func (h *harness) balance(t *testing.T, tok, id string) (current, avail int64) {
	t.Helper()
	var b wireBalance
	h.getJSON("/za/pb/v1/accounts/"+id+"/balance", tok, &b)
	return cents(t, b.Data.CurrentBalance), cents(t, b.Data.AvailableBalance)
}

type wireTransferResult struct {
	Data struct {
		TransferResponses []transferResponse `json:"TransferResponses"`
		ErrorMessage      *string            `json:"ErrorMessage"`
	} `json:"data"`
}

func TestTransferMovesBothBalances(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	from, to := accts[0].ID, accts[1].ID
	fc, fa := h.balance(t, tok, from)
	tc, ta := h.balance(t, tok, to)

	resp, b := h.do(http.MethodPost, "/za/pb/v1/accounts/"+from+"/transfermultiple", tok,
		`{"transferList":[{"beneficiaryAccountId":"`+to+`","amount":"1234.56","myReference":"Holiday fund","theirReference":"From everyday"}]}`)
	if resp.StatusCode != 200 {
		t.Fatalf("transfer: %d %s", resp.StatusCode, b)
	}
	var res wireTransferResult
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if res.Data.ErrorMessage != nil || len(res.Data.TransferResponses) != 1 {
		t.Fatalf("result %s", b)
	}
	r := res.Data.TransferResponses[0]
	if r.PaymentDate != "26/11/2026" || r.Status != "- No authorisation necessary <BR>- Payment/Transfer effective date 26/11/2026" ||
		r.BeneficiaryAccountID != to || r.AuthorisationRequired || !strings.HasPrefix(r.PaymentReferenceNumber, "UBP") || len(r.PaymentReferenceNumber) != 13 {
		t.Errorf("transfer response %+v", r)
	}
	c, a := h.balance(t, tok, from)
	if c != fc-123456 || a != fa-123456 {
		t.Errorf("source current/available %d/%d, want %d/%d", c, a, fc-123456, fa-123456)
	}
	c, a = h.balance(t, tok, to)
	if c != tc+123456 || a != ta+123456 {
		t.Errorf("destination current/available %d/%d, want %d/%d", c, a, tc+123456, ta+123456)
	}
	// Both legs are posted today with the references as descriptions.
	last := func(id string) wireTx {
		rows := h.transactions(tok, id, "fromDate=2026-11-26")
		return rows[len(rows)-1]
	}
	if l := last(from); l.Description != "Holiday fund" || l.Type != "DEBIT" || *l.TransactionType != "Transfers" || *l.PostingDate != "2026-11-26" || string(l.Amount) != "1234.56" {
		t.Errorf("source leg %+v", l)
	}
	if l := last(to); l.Description != "From everyday" || l.Type != "CREDIT" || string(l.Amount) != "1234.56" {
		t.Errorf("destination leg %+v", l)
	}
}

func TestTransferRules(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	path := "/za/pb/v1/accounts/" + accts[2].ID + "/transfermultiple"
	before, _ := h.balance(t, tok, accts[2].ID)
	for _, tc := range []struct{ body, want string }{
		{`{"transferList":[{"beneficiaryAccountId":"` + accts[0].ID + `","amount":"10.123","myReference":"a","theirReference":"b"}]}`, "amount"},
		{`{"transferList":[{"beneficiaryAccountId":"` + accts[0].ID + `","amount":"-5","myReference":"a","theirReference":"b"}]}`, "amount"},
		{`{"transferList":[{"beneficiaryAccountId":"` + accts[2].ID + `","amount":"5","myReference":"a","theirReference":"b"}]}`, "beneficiaryAccountId"},
		{`{"transferList":[]}`, "transferList"},
		{`not json`, "invalid"},
	} {
		resp, b := h.do(http.MethodPost, path, tok, tc.body)
		if resp.StatusCode != 400 || !strings.Contains(string(b), tc.want) || b[0] != '"' {
			t.Errorf("%s: %d %s, want a bare-string 400 about %s", tc.body, resp.StatusCode, b, tc.want)
		}
	}
	// More than the Cash Management Account holds (it has no facility):
	// 200 with ErrorMessage, and nothing moves.
	resp, b := h.do(http.MethodPost, path, tok, `{"transferList":[{"beneficiaryAccountId":"`+accts[0].ID+`","amount":"99999999","myReference":"a","theirReference":"b"}]}`)
	var res wireTransferResult
	if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 || res.Data.ErrorMessage == nil || len(res.Data.TransferResponses) != 0 {
		t.Errorf("insufficient funds: %d %s", resp.StatusCode, b)
	}
	if after, _ := h.balance(t, tok, accts[2].ID); after != before {
		t.Errorf("a refused transfer moved money: %d -> %d", before, after)
	}
}

type wireBeneficiaryList struct {
	Data []wireBeneficiary `json:"data"`
}

func TestPaymentPostsDebitAndUpdatesBeneficiary(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	accts := h.s.Accounts()
	mama := h.s.bank.beneficiaries[1]
	h.clock.Advance(24 * time.Hour) // 27 November
	tok := h.token(pbKey)
	before, _ := h.balance(t, tok, accts[0].ID)
	resp, b := h.do(http.MethodPost, "/za/pb/v1/accounts/"+accts[0].ID+"/paymultiple", tok,
		`{"paymentList":[{"beneficiaryId":"`+mama.id+`","amount":"750.5","myReference":"Mama groceries","theirReference":"Love Thandi","fasterPayment":true}]}`)
	var res wireTransferResult
	if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 || len(res.Data.TransferResponses) != 1 {
		t.Fatalf("pay: %d %s", resp.StatusCode, b)
	}
	if r := res.Data.TransferResponses[0]; r.BeneficiaryName != "NOMSA MOKOENA" || r.PaymentDate != "27/11/2026" || r.AuthorisationRequired {
		t.Errorf("payment response %+v", r)
	}
	if after, _ := h.balance(t, tok, accts[0].ID); after != before-75050 {
		t.Errorf("balance %d, want %d", after, before-75050)
	}
	rows := h.transactions(tok, accts[0].ID, "fromDate=2026-11-27")
	l := rows[len(rows)-1]
	if l.Description != "Mama groceries" || *l.TransactionType != "FasterPay" || string(l.Amount) != "750.5" {
		t.Errorf("payment row %+v", l)
	}
	var list wireBeneficiaryList
	h.getJSON("/za/pb/v1/accounts/beneficiaries", tok, &list)
	for _, bn := range list.Data {
		if bn.BeneficiaryID == mama.id && (bn.LastPaymentAmount != "750.50" || bn.LastPaymentDate != "27/11/2026") {
			t.Errorf("beneficiary after payment: %+v", bn)
		}
	}
}

func TestPaymentRules(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	b := h.s.bank
	pay := func(acct string, items ...string) (*http.Response, []byte) {
		return h.do(http.MethodPost, "/za/pb/v1/accounts/"+acct+"/paymultiple", tok, `{"paymentList":[`+strings.Join(items, ",")+`]}`)
	}
	item := func(ben *beneficiary, extra string) string {
		return `{"beneficiaryId":"` + ben.id + `","amount":"1","myReference":"m","theirReference":"t"` + extra + `}`
	}
	var fifty []string
	for i := 0; i < 51; i++ {
		fifty = append(fifty, item(b.beneficiaries[0], ""))
	}
	if resp, body := pay(accts[0].ID, fifty...); resp.StatusCode != 400 || body[0] != '"' {
		t.Errorf("51 payments: %d %s, want a bare-string 400", resp.StatusCode, body)
	}
	if resp, _ := pay(accts[0].ID, fifty[:50]...); resp.StatusCode != 200 {
		t.Errorf("50 payments: %d, want 200", resp.StatusCode)
	}
	// Sipho does not allow faster payments; the studio's payee is not
	// Thandi's.
	if resp, body := pay(accts[0].ID, item(b.beneficiaries[2], `,"fasterPayment":true`)); resp.StatusCode != 400 {
		t.Errorf("faster payment to a payee without it: %d %s", resp.StatusCode, body)
	}
	if resp, body := pay(accts[0].ID, item(b.beneficiaries[7], "")); resp.StatusCode != 400 {
		t.Errorf("payment to another profile's payee: %d %s", resp.StatusCode, body)
	}
	// The studio's account needs two authorisers: without them 400, with
	// them the payment waits for authorisation and nothing is debited.
	studio := accts[3].ID
	before, _ := h.balance(t, tok, studio)
	if resp, body := pay(studio, item(b.beneficiaries[7], "")); resp.StatusCode != 400 {
		t.Errorf("dual-authorisation payment without authorisers: %d %s", resp.StatusCode, body)
	}
	resp, body := pay(studio, item(b.beneficiaries[7], `,"authoriserAId":"`+b.authorisersA[0].id+`","authoriserBId":"`+b.authorisersB[1].id+`","authPeriodId":"0"`))
	var res wireTransferResult
	if err := json.Unmarshal(body, &res); err != nil || resp.StatusCode != 200 || !res.Data.TransferResponses[0].AuthorisationRequired ||
		!strings.HasPrefix(res.Data.TransferResponses[0].Status, "- Authorisation required") {
		t.Errorf("authorised payment: %d %s", resp.StatusCode, body)
	}
	if after, _ := h.balance(t, tok, studio); after != before {
		t.Errorf("a payment awaiting authorisation was debited: %d -> %d", before, after)
	}
}

type wireCodeEnv struct {
	Data struct {
		Result wireCode `json:"result"`
	} `json:"data"`
}

func TestCardCodeSavePublishFlow(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	key := h.s.bank.cards[0].key
	get := func(p string) wireCode {
		var e wireCodeEnv
		h.getJSON("/za/v1/cards/"+key+p, tok, &e)
		return e.Data.Result
	}
	published := get("/publishedcode")
	save := func(code string) wireCode {
		resp, b := h.do(http.MethodPost, "/za/v1/cards/"+key+"/code", tok, `{"code":`+fmt.Sprintf("%q", code)+`}`)
		var e wireCodeEnv
		if err := json.Unmarshal(b, &e); err != nil || resp.StatusCode != 200 {
			t.Fatalf("save: %d %s", resp.StatusCode, b)
		}
		return e.Data.Result
	}
	first := save("const beforeTransaction = async () => true; // v1")
	second := save("const beforeTransaction = async () => true; // v2")
	if first.CodeID == second.CodeID || first.CodeID == published.CodeID {
		t.Errorf("every save needs a new codeId: %s, %s (published %s)", first.CodeID, second.CodeID, published.CodeID)
	}
	if second.PublishedAt != nil {
		t.Errorf("a fresh save has publishedAt %v, want null", *second.PublishedAt)
	}
	if got := get("/code"); got.CodeID != second.CodeID || got.Code != "const beforeTransaction = async () => true; // v2" {
		t.Errorf("saved code %+v", got)
	}
	if got := get("/publishedcode"); got.CodeID != published.CodeID {
		t.Errorf("saving changed the published code: %+v", got)
	}
	// Publishing needs the codeId of the latest save.
	for _, id := range []string{first.CodeID, "", "nope"} {
		if resp, b := h.do(http.MethodPost, "/za/v1/cards/"+key+"/publish", tok, `{"codeid":"`+id+`","code":""}`); resp.StatusCode != 400 {
			t.Errorf("publish %q: %d %s", id, resp.StatusCode, b)
		}
	}
	h.clock.Advance(time.Minute)
	resp, b := h.do(http.MethodPost, "/za/v1/cards/"+key+"/publish", tok, `{"codeid":"`+second.CodeID+`","code":""}`)
	var e wireCodeEnv
	if err := json.Unmarshal(b, &e); err != nil || resp.StatusCode != 200 || e.Data.Result.CodeID != second.CodeID || e.Data.Result.PublishedAt == nil {
		t.Fatalf("publish: %d %s", resp.StatusCode, b)
	}
	if *e.Data.Result.PublishedAt != "2026-11-26T08:01:00.000Z" {
		t.Errorf("publishedAt %s, want the server clock", *e.Data.Result.PublishedAt)
	}
	if got := get("/publishedcode"); got.CodeID != second.CodeID || got.Code != second.Code {
		t.Errorf("published code %+v", got)
	}
}

func TestEnvironmentVariablesReplace(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	key := h.s.bank.cards[0].key
	resp, b := h.do(http.MethodPost, "/za/v1/cards/"+key+"/environmentvariables", tok, `{"variables":{"maxCents":"50000","big":12345678901234567890,"on":true}}`)
	if resp.StatusCode != 200 {
		t.Fatalf("replace: %d %s", resp.StatusCode, b)
	}
	var e struct {
		Data struct {
			Result struct {
				Variables map[string]json.RawMessage `json:"variables"`
			} `json:"result"`
		} `json:"data"`
	}
	h.getJSON("/za/v1/cards/"+key+"/environmentvariables", tok, &e)
	want := map[string]string{"maxCents": `"50000"`, "big": `12345678901234567890`, "on": `true`}
	got := map[string]string{}
	for k, v := range e.Data.Result.Variables {
		got[k] = string(v)
	}
	// Replaced, not merged: the seeded blockedCategories is gone, and
	// numbers come back exactly.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("variables (-want +got):\n%s", diff)
	}
	// Card code sees them as strings.
	resp, b = h.do(http.MethodPost, "/za/v1/cards/"+key+"/code/execute", tok,
		`{"simulationcode":"const beforeTransaction = async (a) => { console.log(typeof process.env.big + ':' + process.env.big + ':' + process.env.maxCents); return true; };","centsAmount":"100","currencyCode":"zar","merchantCode":5411,"merchantName":"Spar","merchantCity":"Durban","countryCode":"ZA"}`)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"content":"string:12345678901234567890:50000"`) {
		t.Errorf("execute with env: %d %s", resp.StatusCode, truncate(b))
	}
}

func TestToggleProgrammableFeature(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	tok := h.token(pbKey)
	key := h.s.bank.cards[1].key
	for _, on := range []bool{false, true, false} {
		resp, b := h.do(http.MethodPost, "/za/v1/cards/"+key+"/toggle-programmable-feature", tok, fmt.Sprintf(`{"Enabled":%v}`, on))
		if want := fmt.Sprintf(`{"data":{"result":{"Enabled":%v}},"links":{"self":null},"meta":{"totalPages":1}}`, on); resp.StatusCode != 200 || string(b) != want {
			t.Errorf("toggle %v: %d %s", on, resp.StatusCode, b)
		}
		var cards struct {
			Data struct {
				Cards []struct {
					CardKey        string `json:"CardKey"`
					IsProgrammable bool   `json:"IsProgrammable"`
				} `json:"cards"`
			} `json:"data"`
		}
		h.getJSON("/za/v1/cards", tok, &cards)
		for _, c := range cards.Data.Cards {
			if c.CardKey == key && c.IsProgrammable != on {
				t.Errorf("after toggle %v the card shows IsProgrammable %v", on, c.IsProgrammable)
			}
		}
	}
}

// snapshot reads everything a client could see that user actions change.
func snapshot(t *testing.T, h *harness) map[string]string {
	t.Helper()
	tok := h.token(pbKey)
	out := map[string]string{}
	paths := []string{"/za/pb/v1/accounts/beneficiaries", "/za/v1/cards"}
	for _, a := range h.s.Accounts()[:4] {
		paths = append(paths, "/za/pb/v1/accounts/"+a.ID+"/balance", "/za/pb/v1/accounts/"+a.ID+"/transactions?fromDate=2026-11-01&includePending=true")
	}
	for _, c := range h.s.bank.cards {
		for _, p := range []string{"/code", "/publishedcode", "/environmentvariables", "/code/executions"} {
			paths = append(paths, "/za/v1/cards/"+c.key+p)
		}
	}
	for _, p := range paths {
		out[p] = mustGet(t, h, p, tok)
	}
	return out
}

// act performs one of every kind of user action.
func act(t *testing.T, h *harness) {
	t.Helper()
	tok := h.token(pbKey)
	accts := h.s.Accounts()
	b := h.s.bank
	key := b.cards[0].key
	post := func(path, body string) []byte {
		t.Helper()
		resp, out := h.do(http.MethodPost, path, tok, body)
		if resp.StatusCode != 200 {
			t.Fatalf("POST %s: %d %s", path, resp.StatusCode, out)
		}
		return out
	}
	post("/za/pb/v1/accounts/"+accts[0].ID+"/transfermultiple", `{"transferList":[{"beneficiaryAccountId":"`+accts[1].ID+`","amount":"321.09","myReference":"Saved","theirReference":"Saved"}]}`)
	post("/za/pb/v1/accounts/"+accts[0].ID+"/paymultiple", `{"paymentList":[{"beneficiaryId":"`+b.beneficiaries[0].id+`","amount":"42","myReference":"Tip","theirReference":"Tip"}]}`)
	var saved wireCodeEnv
	if err := json.Unmarshal(post("/za/v1/cards/"+key+"/code", `{"code":"const beforeTransaction = async () => false;"}`), &saved); err != nil {
		t.Fatal(err)
	}
	post("/za/v1/cards/"+key+"/publish", `{"codeid":"`+saved.Data.Result.CodeID+`","code":""}`)
	post("/za/v1/cards/"+key+"/environmentvariables", `{"variables":{"a":"b"}}`)
	post("/za/v1/cards/"+key+"/toggle-programmable-feature", `{"Enabled":false}`)
	post("/za/v1/cards/"+key+"/code/execute", `{"simulationcode":"const beforeTransaction = async () => true;","centsAmount":"100","currencyCode":"zar","merchantCode":5411,"merchantName":"Spar","merchantCity":"Durban","countryCode":"ZA"}`)
	post("/za/v1/cards", `{"AccountNumber":"`+accts[0].Number+`","EmbossName":"Thandi Online","EmbossName2":""}`)
	if _, err := h.s.AddPosted(NewTransaction{AccountID: accts[0].ID, Type: domain.Debit, Description: "HOOK", Amount: 1234}, "2026-11-20"); err != nil {
		t.Fatal(err)
	}
}

func TestStatePersistsAcrossRestart(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "connections", "demo", "sandbox-state.json")
	c := newClock(testStart)
	h := newHarness(t, Options{StatePath: path, Now: c.Now})
	fresh := snapshot(t, h)
	act(t, h)
	c.Advance(2 * time.Hour)
	want := snapshot(t, h)
	if cmp.Equal(fresh, want) {
		t.Fatal("the actions changed nothing visible")
	}

	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600", st.Mode().Perm())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{PBSecret, PBAPIKey, CIBSecret, "Bearer"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the state file contains %q", secret)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("state dir holds %d files (temp files left behind?)", len(entries))
	}

	// A new sandbox on the same file (and clock) is the same bank.
	h2 := newHarness(t, Options{StatePath: path, Now: c.Now, Seed: 99})
	if diff := cmp.Diff(want, snapshot(t, h2)); diff != "" {
		t.Errorf("after restart (-before +after):\n%s", diff)
	}

	// Reset forgets the actions and rewrites the file.
	if err := h2.s.Reset(); err != nil {
		t.Fatal(err)
	}
	c.Advance(-2 * time.Hour)
	if diff := cmp.Diff(fresh, snapshot(t, h2)); diff != "" {
		t.Errorf("after Reset (-fresh +got):\n%s", diff)
	}
	h3 := newHarness(t, Options{StatePath: path, Now: c.Now})
	if diff := cmp.Diff(fresh, snapshot(t, h3)); diff != "" {
		t.Errorf("restart after Reset (-fresh +got):\n%s", diff)
	}
}
