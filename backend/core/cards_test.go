package core

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/cardcode"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
	"github.com/investec-desk/investec-desk/backend/store"
)

// openDemo opens a Service on the built-in demo bank (the in-process
// sandbox over real HTTP) in a fresh data directory.
func openDemo(t *testing.T) *Service {
	t.Helper()
	return openDemoIn(t, t.TempDir(), secrets.NewMemory())
}

// demoBank returns the demo session's sandbox, for faults.
func demoBank(t *testing.T, svc *Service) *sandbox.Server {
	t.Helper()
	sess, err := svc.current(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.api(t.Context()); err != nil {
		t.Fatal(err)
	}
	return sess.demo
}

// firstCard returns the demo's first programmable card.
func firstCard(t *testing.T, svc *Service) domain.Card {
	t.Helper()
	cards, err := svc.Cards(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cards {
		if c.Programmable {
			return c
		}
	}
	t.Fatal("the demo has no programmable card")
	return domain.Card{}
}

func TestCardsListAndResolve(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	cards, err := svc.Cards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cards) != 2 {
		t.Fatalf("the demo has %d cards, want 2", len(cards))
	}
	for _, c := range cards {
		if c.Key == "" || len(c.Last4) != 4 || !strings.HasSuffix(c.Number, c.Last4) || !c.Programmable || c.AccountID == "" || c.Status != "Active" {
			t.Errorf("card %+v", c)
		}
	}
	for _, ref := range []string{cards[1].Key, cards[1].Last4, " " + cards[1].Last4 + " "} {
		got, err := svc.ResolveCard(ctx, ref)
		if err != nil || got.Key != cards[1].Key {
			t.Errorf("ResolveCard(%q) = %+v, %v", ref, got, err)
		}
	}
	if _, err := svc.ResolveCard(ctx, "0000"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("unknown card: %v", err)
	}
	if _, err := svc.ResolveCard(ctx, ""); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("no card: %v", err)
	}

	// After a sync the cards carry their accounts' names.
	if _, err := svc.Sync(ctx, TriggerManual); err != nil {
		t.Fatal(err)
	}
	cards, _ = svc.Cards(ctx)
	for _, c := range cards {
		if c.AccountName == "" {
			t.Errorf("card %s has no account name after a sync", c.Key)
		}
	}
}

func TestCardToggleIsSentOnce(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	on, err := svc.SetCardProgrammable(ctx, card.Key, false)
	if err != nil || on {
		t.Fatalf("switch off: %v %v", on, err)
	}
	got, _ := svc.ResolveCard(ctx, card.Key)
	if got.Programmable {
		t.Error("the card is still programmable at the bank")
	}

	// The bank switches it on but the answer is lost: the outcome is
	// reported as unknown, and the request is not sent again.
	demoBank(t, svc).Faults().DropResponse(1, sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/v1/cards/"})
	_, err = svc.SetCardProgrammable(ctx, card.Key, true)
	if domain.ErrorCode(err) != domain.CodeUnknownOutcome || !strings.Contains(domain.ErrorMessage(err), "may or may not") {
		t.Fatalf("lost answer: %v", err)
	}
	got, _ = svc.ResolveCard(ctx, card.Key)
	if !got.Programmable {
		t.Error("the toggle did not reach the bank")
	}
	if _, err := svc.SetCardProgrammable(ctx, "", true); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("no card key: %v", err)
	}
}

func TestCardCodeSavePublishFlow(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)

	st, err := svc.CardCode(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	if st.Saved.CodeID == "" || st.Saved.Code == "" || st.Differs || st.Published.PublishedAt == "" || st.Saved.Code != st.Published.Code {
		t.Fatalf("seeded state %+v", st)
	}
	hist, err := svc.CardCodeHistory(ctx, card.Key)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history after loading: %d %v", len(hist), err)
	}
	// Loading again adds nothing.
	if _, err := svc.CardCode(ctx, card.Key); err != nil {
		t.Fatal(err)
	}
	if h, _ := svc.CardCodeHistory(ctx, card.Key); len(h) != 2 {
		t.Errorf("history after a second load: %d entries", len(h))
	}

	// A syntax error is refused before anything is sent, with its line.
	_, err = svc.SaveCardCode(ctx, card.Key, "const beforeTransaction = async (a) => {\n  return true\n}}\n")
	p := domain.Payload(err)
	if p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != "code" || !strings.Contains(p.Message, "Line 3") {
		t.Fatalf("syntax error: %+v", p)
	}
	if now, _ := svc.CardCode(ctx, card.Key); now.Saved.CodeID != st.Saved.CodeID {
		t.Fatal("code with a syntax error reached the bank")
	}

	v1 := "// version 1\nconst beforeTransaction = async (a) => true;\n"
	v2 := "// version 2\nconst beforeTransaction = async (a) => a.centsAmount < 100000;\n"
	s1, err := svc.SaveCardCode(ctx, card.Key, v1)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := svc.SaveCardCode(ctx, card.Key, v2)
	if err != nil {
		t.Fatal(err)
	}
	if s1.CodeID == "" || s1.CodeID == s2.CodeID || s1.CodeID == st.Saved.CodeID || s2.Code != v2 {
		t.Fatalf("saves: %+v %+v", s1, s2)
	}
	st2, _ := svc.CardCode(ctx, card.Key)
	if !st2.Differs || st2.Saved.CodeID != s2.CodeID || st2.Published.Code != st.Published.Code {
		t.Fatalf("after saving: %+v", st2)
	}

	// Publishing the earlier save is refused: it is not the latest.
	_, err = svc.PublishCardCode(ctx, card.Key, s1.CodeID)
	if domain.ErrorCode(err) != domain.CodeConflict || !strings.Contains(domain.ErrorMessage(err), s2.CodeID) {
		t.Fatalf("stale codeId: %v", err)
	}
	// Investec (here the sandbox) refuses a stale codeId too, should one
	// slip through between the check and the call.
	sess, _ := svc.current(ctx)
	client, _ := sess.api(ctx)
	if _, err := client.PublishCode(ctx, card.Key, s1.CodeID); err == nil {
		t.Fatal("the bank published a stale codeId")
	}
	if st3, _ := svc.CardCode(ctx, card.Key); st3.Published.Code != st.Published.Code {
		t.Fatal("a stale publish changed the published code")
	}
	if _, err := svc.PublishCardCode(ctx, card.Key, ""); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("no codeId: %v", err)
	}

	pub, err := svc.PublishCardCode(ctx, card.Key, s2.CodeID)
	if err != nil {
		t.Fatal(err)
	}
	if pub.CodeID != s2.CodeID || pub.Code != v2 || pub.PublishedAt == "" {
		t.Errorf("published %+v", pub)
	}
	st4, _ := svc.CardCode(ctx, card.Key)
	if st4.Differs || st4.Published.Code != v2 || st4.Published.CodeID != s2.CodeID {
		t.Errorf("after publishing: %+v", st4)
	}

	// The history holds every version, newest first, each with its digest,
	// and any of them can be restored.
	hist, err = svc.CardCodeHistory(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		kind domain.CodeVersionKind
		id   string
	}
	var got []entry
	for _, h := range hist {
		got = append(got, entry{h.Kind, h.CodeID})
		if h.SHA256 != store.CodeSHA256(h.Code) || h.CardKey != card.Key {
			t.Errorf("history entry %+v", h)
		}
	}
	want := []entry{
		{domain.CodeVersionPublished, s2.CodeID}, {domain.CodeVersionSaved, s2.CodeID}, {domain.CodeVersionSaved, s1.CodeID},
	}
	if len(got) != 5 || !slices.Equal(got[:3], want) {
		t.Fatalf("history %v, want %v then the two seeded entries", got, want)
	}
	old, err := svc.CardCodeVersion(ctx, hist[2].ID)
	if err != nil || old.Code != v1 {
		t.Errorf("restore v1: %q %v", old.Code, err)
	}
	seeded, err := svc.CardCodeVersion(ctx, hist[4].ID)
	if err != nil || seeded.Code != st.Saved.Code {
		t.Errorf("restore the seeded code: %v", err)
	}
}

func TestCardCodeUnknownOutcomeIsNotRetried(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	before, err := svc.CardCode(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	bank := demoBank(t, svc)
	bank.Faults().DropResponse(1, sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/v1/cards/" + card.Key + "/code"})
	_, err = svc.SaveCardCode(ctx, card.Key, "// lost answer\n")
	if domain.ErrorCode(err) != domain.CodeUnknownOutcome || !strings.Contains(domain.ErrorMessage(err), "save the code") {
		t.Fatalf("lost answer: %v", err)
	}
	after, _ := svc.CardCode(ctx, card.Key)
	if after.Saved.Code != "// lost answer\n" || after.Saved.CodeID == before.Saved.CodeID {
		t.Fatal("the save did not reach the bank")
	}

	// A 500 while publishing is unknown as well; nothing is sent again.
	bank.Faults().Fail(1, http.StatusInternalServerError, sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/v1/cards/" + card.Key + "/publish"})
	_, err = svc.PublishCardCode(ctx, card.Key, after.Saved.CodeID)
	if domain.ErrorCode(err) != domain.CodeUnknownOutcome {
		t.Fatalf("publish 500: %v", err)
	}
	if now, _ := svc.CardCode(ctx, card.Key); now.Published.CodeID != before.Published.CodeID {
		t.Fatal("the failed publish was retried")
	}
}

func TestCardEnvValidateAndReplace(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	env, err := svc.CardEnv(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(env.Variables) == 0 || !slices.IsSortedFunc(env.Variables, func(a, b domain.EnvVar) int { return strings.Compare(a.Key, b.Key) }) {
		t.Fatalf("seeded env %+v", env)
	}
	current := map[string]string{}
	for _, v := range env.Variables {
		current[v.Key] = v.Value
	}

	bad := []domain.EnvVar{{Key: "ok_1", Value: "1"}, {Key: "2fast", Value: ""}, {Key: "has space"}, {Key: "class"}, {Key: ""}, {Key: "ok_1", Value: "again"}, {Key: "$é_ñ"}}
	_, err = svc.CardEnvChanges(ctx, card.Key, bad)
	p := domain.Payload(err)
	var fields []string
	for _, f := range p.Fields {
		fields = append(fields, f.Field)
	}
	if p.Code != domain.CodeInvalid || !slices.Equal(fields, []string{"variables.1.key", "variables.2.key", "variables.3.key", "variables.4.key", "variables.5.key"}) {
		t.Fatalf("validation: %+v", p)
	}
	if _, err := svc.SaveCardEnv(ctx, card.Key, bad); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("SaveCardEnv accepted bad keys: %v", err)
	}

	// One changed, one added, the rest removed.
	var keep domain.EnvVar
	for _, v := range env.Variables {
		keep = v
		break
	}
	next := []domain.EnvVar{{Key: keep.Key, Value: keep.Value + "0"}, {Key: "blockMerchant", Value: "Sun City Casino"}}
	changes, err := svc.CardEnvChanges(ctx, card.Key, next)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.EnvChange{{Key: "blockMerchant", Kind: domain.EnvAdded, New: "Sun City Casino"}, {Key: keep.Key, Kind: domain.EnvChanged, Old: keep.Value, New: keep.Value + "0"}}
	for k, v := range current {
		if k != keep.Key {
			want = append(want, domain.EnvChange{Key: k, Kind: domain.EnvRemoved, Old: v})
		}
	}
	slices.SortFunc(want, func(a, b domain.EnvChange) int { return strings.Compare(a.Key, b.Key) })
	if !slices.Equal(changes, want) {
		t.Fatalf("changes %+v, want %+v", changes, want)
	}
	if again, _ := svc.CardEnv(ctx, card.Key); len(again.Variables) != len(env.Variables) {
		t.Fatal("CardEnvChanges wrote to the bank")
	}

	saved, err := svc.SaveCardEnv(ctx, card.Key, next)
	if err != nil {
		t.Fatal(err)
	}
	wantVars := []domain.EnvVar{{Key: "blockMerchant", Value: "Sun City Casino"}, {Key: keep.Key, Value: keep.Value + "0"}}
	slices.SortFunc(wantVars, func(a, b domain.EnvVar) int { return strings.Compare(a.Key, b.Key) })
	if !slices.Equal(saved.Variables, wantVars) {
		t.Errorf("saved %+v", saved.Variables)
	}
	reread, _ := svc.CardEnv(ctx, card.Key)
	if !slices.Equal(reread.Variables, wantVars) {
		t.Errorf("read back %+v", reread.Variables)
	}
	if c, _ := svc.CardEnvChanges(ctx, card.Key, next); len(c) != 0 {
		t.Errorf("no changes expected, got %+v", c)
	}
	// An empty set removes everything.
	if cleared, err := svc.SaveCardEnv(ctx, card.Key, nil); err != nil || len(cleared.Variables) != 0 {
		t.Errorf("clear: %+v %v", cleared, err)
	}
}

func TestIsJSIdentifier(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"a": true, "_x": true, "$": true, "maxCents": true, "é": true, "x1": true, "ÆØ_2": true,
		"": false, "1a": false, "a-b": false, "a b": false, "a.b": false, "let": false, "yield": false, "a\n": false, "🙂": false,
	} {
		if got := isJSIdentifier(s); got != want {
			t.Errorf("isJSIdentifier(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParseMinorUnits(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		dec  int
		want domain.Money
		ok   bool
	}{
		{"123.45", 2, 12345, true}, {"123,45", 2, 12345, true}, {"0.05", 2, 5, true}, {"12", 2, 1200, true},
		{"12.5", 2, 1250, true}, {" 1 234.50 ", 2, 123450, true}, {".5", 2, 50, true}, {"0", 2, 0, true},
		{"9999999999999.99", 2, 999999999999999, true}, {"1500", 0, 1500, true}, {"1.234", 3, 1234, true},
		{"12.345", 2, 0, false}, {"-5", 2, 0, false}, {"abc", 2, 0, false}, {"", 2, 0, false}, {"1.2.3", 2, 0, false},
		{"1e3", 2, 0, false}, {"12.", 2, 0, false}, {"15.5", 0, 0, false}, {"99999999999999", 2, 0, false}, {"R12", 2, 0, false},
	} {
		got, err := ParseMinorUnits(c.in, c.dec)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseMinorUnits(%q, %d) = %d, %v; want %d ok=%v", c.in, c.dec, got, err, c.want, c.ok)
		}
		if c.ok && c.dec == 2 && !strings.ContainsAny(c.in, ", ") && !strings.HasPrefix(c.in, ".") {
			if pm, err := domain.ParseMoney(c.in); err != nil || pm != got {
				t.Errorf("ParseMinorUnits(%q) = %d disagrees with domain.ParseMoney %d %v", c.in, got, pm, err)
			}
		}
	}
}

func TestSimulateValidation(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	card := firstCard(t, svc)
	_, err := svc.SimulateCard(t.Context(), card.Key, domain.SimulationRequest{Mode: "elsewhere", Amount: "12.345", MerchantCode: "54a2", CurrencyCode: "rand", CountryCode: "ZAF"})
	p := domain.Payload(err)
	var fields []string
	for _, f := range p.Fields {
		fields = append(fields, f.Field)
	}
	want := []string{"mode", "code", "currencyCode", "amount", "merchantCode", "merchantName", "countryCode"}
	if p.Code != domain.CodeInvalid || !slices.Equal(fields, want) {
		t.Fatalf("fields %v, want %v (%+v)", fields, want, p)
	}
}

// simRequest is a simulation at the given merchant for R123.45.
func simRequest(mode domain.SimulationMode, code, merchant string) domain.SimulationRequest {
	return domain.SimulationRequest{Mode: mode, Code: code, Amount: "123.45", CurrencyCode: "zar", MerchantCode: "5462",
		MerchantName: merchant, MerchantCity: "Cape Town", CountryCode: "ZA"}
}

// editorCode declines the merchant named in the card's blockMerchant
// environment variable and logs what it saw.
const editorCode = `// unsaved editor text
const beforeTransaction = async (authorization) => {
  console.log('blockMerchant=' + process.env.blockMerchant + ' cents=' + authorization.centsAmount);
  if (authorization.merchant.name === process.env.blockMerchant) {
    console.warn('declined by the editor code');
    return false;
  }
  return true;
};
const afterDecline = async (transaction) => { console.error('after decline ' + transaction.merchant.name); };
`

func TestSimulateLocallyWithCardEnvAndEditorText(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	if _, err := svc.SaveCardEnv(ctx, card.Key, []domain.EnvVar{{Key: "blockMerchant", Value: "The Coders Bakery"}}); err != nil {
		t.Fatal(err)
	}
	savedBefore, _ := svc.CardCode(ctx, card.Key)

	res, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, editorCode, "The Coders Bakery"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != domain.SimulateLocal || res.Approved || res.CentsAmount != 12345 || len(res.Executions) != 2 {
		t.Fatalf("local result %+v", res)
	}
	before, after := res.Executions[0], res.Executions[1]
	if before.Type != "before_transaction" || before.Approved == nil || *before.Approved || before.Source != domain.ExecutionLocal {
		t.Errorf("before %+v", before)
	}
	if len(before.Logs) != 2 || before.Logs[0].Content != "blockMerchant=The Coders Bakery cents=12345" || before.Logs[1].Level != "warn" {
		t.Errorf("before logs %+v", before.Logs)
	}
	if after.Type != "after_decline" || len(after.Logs) != 1 || after.Logs[0].Level != "error" || after.Logs[0].Content != "after decline The Coders Bakery" {
		t.Errorf("after %+v", after)
	}
	if before.Local == nil || before.Local.CodeSHA256 != store.CodeSHA256(editorCode) || before.Local.MerchantName != "The Coders Bakery" {
		t.Errorf("local run info %+v", before.Local)
	}

	ok, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, editorCode, "Pick n Pay"))
	if err != nil || !ok.Approved || len(ok.Executions) != 1 {
		t.Fatalf("another merchant: %+v %v", ok, err)
	}

	// Nothing was saved at the bank; the runs are in the log, marked local.
	if now, _ := svc.CardCode(ctx, card.Key); now.Saved.CodeID != savedBefore.Saved.CodeID {
		t.Error("a local run saved the editor's code")
	}
	log, err := svc.CardExecutions(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	var local []string
	for _, e := range log.Executions {
		if e.Source == domain.ExecutionLocal {
			local = append(local, e.ID)
		}
	}
	if !slices.Contains(local, before.ID) || !slices.Contains(local, after.ID) || !slices.Contains(local, ok.Executions[0].ID) || len(local) != 3 {
		t.Errorf("local executions in the log: %v", local)
	}
}

func TestSimulateLocallyHasNoNetworkAndATimeLimit(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()

	code := `const beforeTransaction = async (a) => {
  try { await fetch('` + srv.URL + `'); console.log('fetched'); } catch (e) { console.log('no network: ' + e.message); }
  return true;
};`
	res, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, code, "Anywhere"))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Approved || len(res.Executions) != 1 || len(res.Executions[0].Logs) != 1 || !strings.HasPrefix(res.Executions[0].Logs[0].Content, "no network: ") {
		t.Errorf("fetch: %+v", res)
	}
	if hits.Load() != 0 {
		t.Errorf("card code reached the network %d times", hits.Load())
	}

	start := time.Now()
	res, err = svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, "const beforeTransaction = async () => { for (;;) {} };", "Anywhere"))
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if res.Approved || res.Executions[0].Error == "" || took < cardcode.DefaultBeforeTimeout || took > cardcode.DefaultBeforeTimeout+3*time.Second {
		t.Errorf("endless beforeTransaction: approved=%v error=%q after %s", res.Approved, res.Executions[0].Error, took)
	}
}

func TestSimulateOnInvestecRunsTheEditorText(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	if _, err := svc.SaveCardEnv(ctx, card.Key, []domain.EnvVar{{Key: "blockMerchant", Value: "The Coders Bakery"}}); err != nil {
		t.Fatal(err)
	}
	res, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateInvestec, editorCode, "The Coders Bakery"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != domain.SimulateInvestec || res.Approved || len(res.Executions) != 2 || res.CentsAmount != 12345 {
		t.Fatalf("investec result %+v", res)
	}
	for _, e := range res.Executions {
		if e.Source != domain.ExecutionSimulated || e.ID == "" || e.Local != nil {
			t.Errorf("execution %+v", e)
		}
	}
	if got := res.Executions[0].Logs[0].Content; got != "blockMerchant=The Coders Bakery cents=12345" {
		t.Errorf("Investec ran other code: %q", got)
	}

	// Investec's log (the live shape, result.executionItems) has them,
	// marked simulated, beside real card transactions.
	log, err := svc.CardExecutions(ctx, card.Key)
	if err != nil || log.BankMessage != "" {
		t.Fatalf("log: %v %q", err, log.BankMessage)
	}
	sources := map[domain.ExecutionSource]int{}
	found := 0
	for _, e := range log.Executions {
		sources[e.Source]++
		if e.ID == res.Executions[0].ID || e.ID == res.Executions[1].ID {
			found++
			if e.Source != domain.ExecutionSimulated {
				t.Errorf("simulated run listed as %s", e.Source)
			}
		}
	}
	if found != 2 || sources[domain.ExecutionReal] == 0 || sources[domain.ExecutionLocal] != 0 {
		t.Errorf("log sources %v, found %d", sources, found)
	}
	if !slices.IsSortedFunc(log.Executions, func(a, b domain.CardExecution) int { return -compareStamp(a.CreatedAt, b.CreatedAt) }) {
		t.Error("the log is not newest first")
	}
}

func compareStamp(a, b string) int {
	x, y := stampOf(a), stampOf(b)
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func TestCardExecutionsWhenInvestecIsDown(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ctx := t.Context()
	card := firstCard(t, svc)
	if _, err := svc.SimulateCard(ctx, card.Key, simRequest(domain.SimulateLocal, "const beforeTransaction = async () => false;", "X")); err != nil {
		t.Fatal(err)
	}
	demoBank(t, svc).Faults().Fail(0, http.StatusServiceUnavailable, sandbox.Match{PathPrefix: "/za/v1/cards/" + card.Key + "/code/executions"})
	log, err := svc.CardExecutions(ctx, card.Key)
	if err != nil {
		t.Fatal(err)
	}
	if log.BankMessage == "" || len(log.Executions) != 1 || log.Executions[0].Source != domain.ExecutionLocal {
		t.Errorf("log while Investec fails: %+v", log)
	}
}

func TestCardReference(t *testing.T) {
	t.Parallel()
	svc := openDemo(t)
	ref, err := svc.CardReference(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if ref.Source != ReferenceInvestec || len(ref.Countries) < 50 || len(ref.Currencies) < 20 || len(ref.Merchants) < 100 {
		t.Fatalf("reference %s: %d countries, %d currencies, %d merchants", ref.Source, len(ref.Countries), len(ref.Currencies), len(ref.Merchants))
	}
	for _, c := range ref.Countries {
		if c.Code == "undefined" {
			t.Error("the junk country entry was passed on")
		}
	}
	if !slices.ContainsFunc(ref.Merchants, func(r domain.RefItem) bool { return r.Code == "5462" }) {
		t.Error("no bakeries (5462)")
	}

	// Without the bank, the built-in tables stand in.
	if err := svc.SetDemoOffline(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	off, err := svc.CardReference(t.Context())
	if err != nil || off.Source != ReferenceBuiltIn || len(off.Merchants) != len(ref.Merchants) {
		t.Errorf("offline reference: %s %d %v", off.Source, len(off.Merchants), err)
	}
}

func TestCheckCardCodeAndTemplates(t *testing.T) {
	t.Parallel()
	if c := CheckCardCode("const a = 1;"); !c.OK || c.Message != "" {
		t.Errorf("valid code: %+v", c)
	}
	c := CheckCardCode("const a = 1;\nconst b = ;\n")
	if c.OK || c.Line != 2 || c.Column == 0 || !strings.Contains(c.Message, "Line 2") {
		t.Errorf("syntax error: %+v", c)
	}
	tpls := CardTemplates()
	if len(tpls) < 4 {
		t.Fatalf("%d templates", len(tpls))
	}
	for _, tp := range tpls {
		if !CheckCardCode(tp.Code).OK || tp.Name == "" {
			t.Errorf("template %s", tp.ID)
		}
		if _, err := ValidateEnv(tp.Env); err != nil {
			t.Errorf("template %s suggests invalid env vars: %v", tp.ID, err)
		}
	}
	if i := slices.IndexFunc(tpls, func(t domain.CardTemplate) bool { return t.ID == "block-categories" }); i < 0 || len(tpls[i].Env) != 1 || tpls[i].Env[0].Key != "blockedCategories" {
		t.Error("block-categories template without its env var")
	}
}
