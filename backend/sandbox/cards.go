package sandbox

import (
	crand "crypto/rand"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // RSA-OAEP with SHA-1 is what node-forge, which Investec's examples use, decrypts by default
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/big"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/investec-desk/investec-desk/backend/cardcode"
)

// cardTimeLayout is how Investec writes card timestamps.
const cardTimeLayout = "2006-01-02T15:04:05.000Z"

func cardTime(t time.Time) string { return t.UTC().Format(cardTimeLayout) }

// thandiCode is the seeded card code on Thandi's card.
const thandiCode = `// Thandi's card: no gambling, and a nudge on big spends.
const beforeTransaction = async (authorization) => {
  const blocked = (process.env.blockedCategories || '').split(',');
  if (blocked.includes(authorization.merchant.category.code)) {
    console.log(` + "`Declined ${authorization.merchant.name}: category ${authorization.merchant.category.code} is blocked`" + `);
    return false;
  }
  console.log(` + "`Approved ${authorization.merchant.name} for R${(authorization.centsAmount / 100).toFixed(2)}`" + `);
  return true;
};

const afterTransaction = async (transaction) => {
  if (transaction.centsAmount > Number(process.env.alertAboveCents)) {
    console.warn(` + "`Big spend: ${transaction.merchant.name} R${(transaction.centsAmount / 100).toFixed(2)}`" + `);
  }
};

const afterDecline = async (transaction) => {
  console.log(` + "`Declined at ${transaction.merchant.name}`" + `);
};
`

// studioCode is the seeded card code on the studio's virtual card.
const studioCode = `// Studio virtual card: online subscriptions and supplies, capped per purchase.
const beforeTransaction = async (authorization) => {
  const cap = Number(process.env.maxCents || 500000);
  if (authorization.centsAmount > cap) {
    console.log(` + "`Declined ${authorization.merchant.name}: over the R${(cap / 100).toFixed(2)} cap`" + `);
    return false;
  }
  console.log(` + "`Approved ${authorization.merchant.name} for R${(authorization.centsAmount / 100).toFixed(2)}`" + `);
  return true;
};

const afterTransaction = async (transaction) => {
  console.log(` + "`Posted ${transaction.merchant.name}`" + `);
};
`

// starterCode is the code Investec deploys to a new card.
const starterCode = `// This function runs during the card transaction authorization flow.
// It has a limited execution time, so keep any code short-running.
const beforeTransaction = async (authorization) => {
    console.log(authorization);
    return true;
};

// This function runs after a transaction.
const afterTransaction = async (transaction) => {
    console.log(transaction)
};

// This function runs after a transaction.
const afterDecline = async (transaction) => {
    console.log(transaction)
};`

// seedCards gives the seeded cards their saved and published code and
// environment variables, dated before the start day. The caller owns s.bank.
func (s *Server) seedCards() {
	b := s.bank
	r := newSeedRand(b.seed, 0xCA4D)
	for i, c := range b.cards {
		created := (b.start - day(40+10*i)).at(9, 12, 6, 695)
		published := created.Add(10*time.Second + 862*time.Millisecond)
		code := thandiCode
		env := map[string]json.RawMessage{"blockedCategories": json.RawMessage(`"7995,7800,7801,7802"`), "alertAboveCents": json.RawMessage(`"200000"`)}
		if c.txnNumber == cardStudio {
			code = studioCode
			env = map[string]json.RawMessage{"maxCents": json.RawMessage(`"1000000"`)}
		}
		cc := &cardCode{CodeID: guid(r), Code: code, CreatedAt: created, UpdatedAt: created, PublishedAt: &published}
		pub := *cc
		c.saved, c.published = cc, &pub
		c.seedCodeID = cc.CodeID
		c.env = envVars{Variables: env, CreatedAt: created, UpdatedAt: created}
		c.seededExec = s.seedExecutions(c, r)
	}
}

// seedExecutions returns the executions seeded on a card besides those of
// its card purchases: simulations run the day before the start, and (on
// Thandi's card) a real declined bet ten days before.
func (s *Server) seedExecutions(c *card, r interface{ Uint64() uint64 }) []cardcode.ExecutionItem {
	b := s.bank
	acct := b.accounts[c.account]
	var out []cardcode.ExecutionItem
	bakery := merchant{name: "The Coders Bakery", city: "Cape Town", mcc: "5462", country: "ZA"}
	at := (b.start - 1).at(14, 3, 27, 118)
	out = append(out, s.syntheticExecution(c, acct, &bakery, 12500, at, true, true, r)...)
	if c.txnNumber == cardThandi {
		at = (b.start - 1).at(14, 5, 2, 640)
		out = append(out, s.syntheticExecution(c, acct, &betting, 30000, at, true, false, r)...)
		at = (b.start - 10).at(20, 41, 9, 305)
		out = append(out, s.syntheticExecution(c, acct, &betting, 50000, at, false, false, r)...)
	}
	return out
}

// syntheticExecution returns the execution items the seeded code produces
// for one authorization, without running it: the seeded programs are fixed,
// so their logs are known. Real card purchases get their executions this
// way, which keeps them linked to the transactions by merchant, amount and
// date.
func (s *Server) syntheticExecution(c *card, acct *account, m *merchant, cents int64, at time.Time, sandbox, approved bool, r interface{ Uint64() uint64 }) []cardcode.ExecutionItem {
	id := func() string {
		v := r.Uint64()
		w := r.Uint64()
		return strings.ToUpper(fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", v>>32, v>>16&0xffff, v&0xfff, w>>48&0x3fff|0x8000, w&0xffffffffffff))
	}
	amount := randString(cents)
	var beforeLog, afterLog []cardcode.ItemLog
	studio := c.txnNumber == cardStudio
	startB := at.Add(90 * time.Millisecond)
	endB := startB.Add(time.Duration(180+int(cents%500)) * time.Millisecond)
	logAt := startB.Add(120 * time.Millisecond)
	switch {
	case approved:
		beforeLog = []cardcode.ItemLog{{CreatedAt: cardTime(logAt), Level: cardcode.LevelInfo, Content: "Approved " + m.name + " for R" + amount}}
	case studio:
		beforeLog = []cardcode.ItemLog{{CreatedAt: cardTime(logAt), Level: cardcode.LevelInfo, Content: "Declined " + m.name + ": over the R10000.00 cap"}}
	default:
		beforeLog = []cardcode.ItemLog{{CreatedAt: cardTime(logAt), Level: cardcode.LevelInfo, Content: "Declined " + m.name + ": category " + m.mcc + " is blocked"}}
	}
	startA := endB.Add(800 * time.Millisecond)
	endA := startA.Add(time.Duration(150+int(cents%300)) * time.Millisecond)
	afterType := cardcode.TypeAfterTransaction
	switch {
	case !approved:
		afterType = cardcode.TypeAfterDecline
		afterLog = []cardcode.ItemLog{{CreatedAt: cardTime(startA.Add(60 * time.Millisecond)), Level: cardcode.LevelInfo, Content: "Declined at " + m.name}}
	case studio:
		afterLog = []cardcode.ItemLog{{CreatedAt: cardTime(startA.Add(60 * time.Millisecond)), Level: cardcode.LevelInfo, Content: "Posted " + m.name}}
	case cents > 200000:
		afterLog = []cardcode.ItemLog{{CreatedAt: cardTime(startA.Add(60 * time.Millisecond)), Level: cardcode.LevelWarn, Content: "Big spend: " + m.name + " R" + amount}}
	default:
		afterLog = []cardcode.ItemLog{}
	}
	ok := approved
	_ = acct
	return []cardcode.ExecutionItem{
		{
			ExecutionID: id(), RootCodeFunctionID: c.seedCodeID, Sandbox: sandbox, Type: cardcode.TypeBeforeTransaction,
			AuthorizationApproved: &ok, Logs: beforeLog,
			CreatedAt: cardTime(startB), StartedAt: cardTime(startB), CompletedAt: cardTime(endB), UpdatedAt: cardTime(startB),
		},
		{
			ExecutionID: id(), RootCodeFunctionID: c.seedCodeID, Sandbox: sandbox, Type: afterType,
			Logs:      afterLog,
			CreatedAt: cardTime(startA), StartedAt: cardTime(startA), CompletedAt: cardTime(endA), UpdatedAt: cardTime(startA),
		},
	}
}

// maxPurchaseExecutions caps how many recent card purchases get
// executions in the list, so a scaled (benchmark) history does not turn the
// executions endpoint into megabytes.
const maxPurchaseExecutions = 200

// purchaseExecutions returns the executions of the card's real purchases
// in the last 30 days (posted and pending, at most the latest 200),
// derived from the transactions. The caller holds s.mu.
func (s *Server) purchaseExecutions(c *card, today day, now time.Time) []cardcode.ExecutionItem {
	a := s.bank.accounts[c.account]
	from := today - 30
	type purchase struct {
		t  *txn
		m  *merchant
		at time.Time
		h  uint64
	}
	var found []purchase
	visit := func(t *txn) {
		if t.card != c.txnNumber || t.kind != ttCardPurchases || t.txDate < from {
			return
		}
		m := merchantByDescriptor[s.bank.strs[t.desc]]
		if m == nil {
			return
		}
		h := fnv.New64a()
		_, _ = fmt.Fprintf(h, "%d/%d", s.bank.seed, t.id)
		sum := h.Sum64()
		at := t.txDate.at(7+int(sum%14), int(sum>>8%60), int(sum>>16%60), int(sum>>24%1000))
		if !at.After(now) {
			found = append(found, purchase{t, m, at, sum})
		}
	}
	// Purchases of the last 30 days post at most three days later.
	for i := a.dayStart(from); i < len(a.posted); i++ {
		visit(&a.posted[i])
	}
	for i := range a.pending {
		visit(&a.pending[i])
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].at.Before(found[j].at) })
	found = found[max(0, len(found)-maxPurchaseExecutions):]
	var out []cardcode.ExecutionItem
	for _, p := range found {
		r := rand.New(rand.NewPCG(p.h, uint64(p.t.id))) //nolint:gosec // G404: deterministic demo data
		out = append(out, s.syntheticExecution(c, a, p.m, p.t.amount, p.at, false, true, r)...)
	}
	return out
}

// lookupCard finds a card the session can see, or writes a 404. The caller
// holds s.mu.
func (s *Server) lookupCard(w http.ResponseWriter, ss session, key string) (*card, bool) {
	for _, c := range s.bank.cards {
		if c.key == key && ss.canSee(s.bank.accounts[c.account]) {
			return c, true
		}
	}
	writeEmpty(w, http.StatusNotFound)
	return nil, false
}

// cardEnvelope wraps a card endpoint's result: links.self is null.
func cardEnvelope(result any) envelope {
	return envelope{Data: map[string]any{"result": result}, Links: links{}, Meta: meta{TotalPages: 1}}
}

func (s *Server) handleCards(w http.ResponseWriter, r *http.Request, ss session) {
	type wireCard struct {
		CardKey        string `json:"CardKey"`
		CardNumber     string `json:"CardNumber"`
		IsProgrammable bool   `json:"IsProgrammable"`
		Status         string `json:"Status"`
		CardTypeCode   string `json:"CardTypeCode"`
		AccountNumber  string `json:"AccountNumber"`
		AccountID      string `json:"AccountId"`
		EmbossedName   string `json:"EmbossedName"`
		IsVirtualCard  bool   `json:"IsVirtualCard"`
	}
	s.mu.Lock()
	out := []wireCard{}
	for _, c := range s.bank.cards {
		a := s.bank.accounts[c.account]
		if ss.canSee(a) {
			out = append(out, wireCard{c.key, c.number, c.enabled, "Active", c.typeCode, a.number, a.id, c.embossName, c.virtual})
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: map[string]any{"cards": out}, Links: links{}, Meta: meta{TotalPages: 1}})
}

func (s *Server) handleCreateCard(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		AccountNumber string `json:"AccountNumber"`
		EmbossName    string `json:"EmbossName"`
		EmbossName2   string `json:"EmbossName2"`
	}
	if !readBody(w, r, &body) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.today()
	var acct *account
	for _, a := range s.bank.accounts {
		if a.number == body.AccountNumber && ss.canSee(a) && !a.cib {
			acct = a
		}
	}
	if acct == nil {
		writeBareString(w, http.StatusBadRequest, "The specified account is invalid. (Parameter 'AccountNumber')")
		return
	}
	name := strings.TrimSpace(body.EmbossName)
	if name == "" || len(name) > 26 || len(body.EmbossName2) > 26 {
		writeBareString(w, http.StatusBadRequest, "The emboss name is invalid. (Parameter 'EmbossName')")
		return
	}
	act := action{At: s.now(), Kind: actCreateCard, NewCard: &newCardAction{Account: acct.id, EmbossName: strings.ToUpper(name), EmbossName2: strings.ToUpper(strings.TrimSpace(body.EmbossName2))}}
	if err := s.commit(act); err != nil {
		s.log.Error("sandbox create card", "err", err)
		writeEmpty(w, http.StatusInternalServerError)
		return
	}
	c := s.bank.cards[len(s.bank.cards)-1]
	writeJSON(w, http.StatusOK, cardEnvelope(map[string]any{"CardKey": c.key, "IsVirtualCard": true, "EmbossName": c.embossName, "EmbossName2": c.embossName2}))
}

// cardDetail is the result of the card detail endpoints.
type cardDetail struct {
	CardKeyHash      string           `json:"CardKeyHash"`
	MaskedCardNumber string           `json:"MaskedCardNumber"`
	EmbossName       string           `json:"EmbossName"`
	EmbossName2      string           `json:"EmbossName2"`
	Status           string           `json:"Status"`
	AccountNumber    string           `json:"AccountNumber"`
	IsVirtualCard    bool             `json:"IsVirtualCard"`
	ExtendedDetails  *extendedDetails `json:"ExtendedDetails"`
}

type extendedDetails struct {
	CardNumber string `json:"CardNumber"`
	ExpiryDate string `json:"ExpiryDate"`
	CVV2       string `json:"CVV2"`
}

func (s *Server) detail(c *card) cardDetail {
	h := fnv.New32a()
	_, _ = h.Write([]byte(c.key))
	return cardDetail{
		CardKeyHash: strconv.FormatUint(uint64(h.Sum32()), 10), MaskedCardNumber: s.bank.cardNumbers[c.txnNumber],
		EmbossName: c.embossName, EmbossName2: c.embossName2, Status: "Active",
		AccountNumber: s.bank.accounts[c.account].number, IsVirtualCard: c.virtual,
	}
}

// serveCard answers a read of the card the path's cardKey names (a 404 when
// the session cannot see it) with view's result in the card envelope. view
// runs under s.mu; its result is encoded after the lock is released, so it
// must not share anything a later action changes in place.
func (s *Server) serveCard(w http.ResponseWriter, r *http.Request, ss session, view func(*card) any) {
	s.mu.Lock()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		s.mu.Unlock()
		return
	}
	out := view(c)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, cardEnvelope(out))
}

func (s *Server) handleCardDetail(w http.ResponseWriter, r *http.Request, ss session) {
	s.serveCard(w, r, ss, func(c *card) any { return s.detail(c) })
}

// handleCardSensitive returns the full card number, expiry and CVV2, each
// encrypted with RSA-OAEP (SHA-1) to the public key in the body and base64
// encoded. Only the key's owner can read them.
func (s *Server) handleCardSensitive(w http.ResponseWriter, r *http.Request, ss session) {
	if r.URL.Query().Get("extended") != "true" {
		writeBareString(w, http.StatusBadRequest, "The extended parameter must be true. (Parameter 'extended')")
		return
	}
	var body struct {
		KeyID      json.Number `json:"keyId"`
		Identifier string      `json:"identifier"`
		AppName    string      `json:"appName"`
		Modulus    string      `json:"modulus"`
		Exponent   string      `json:"exponent"`
	}
	if !readBody(w, r, &body) {
		return
	}
	pub, err := rsaKey(body.Modulus, body.Exponent)
	if err != nil {
		writeBareString(w, http.StatusBadRequest, "The public key is invalid. (Parameter 'modulus')")
		return
	}
	s.mu.Lock()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		s.mu.Unlock()
		return
	}
	d := s.detail(c)
	pan, expiry, cvv := c.pan, c.expiry, c.cvv
	s.mu.Unlock()
	enc := func(v string) (string, error) {
		ct, err := rsa.EncryptOAEP(sha1.New(), crand.Reader, pub, []byte(v), nil) //nolint:gosec // see import
		if err != nil {
			return "", err
		}
		return base64.StdEncoding.EncodeToString(ct), nil
	}
	var x extendedDetails
	for _, f := range []struct {
		dst *string
		v   string
	}{{&x.CardNumber, pan}, {&x.ExpiryDate, expiry}, {&x.CVV2, cvv}} {
		if *f.dst, err = enc(f.v); err != nil {
			writeBareString(w, http.StatusBadRequest, "The public key is invalid. (Parameter 'modulus')")
			return
		}
	}
	d.ExtendedDetails = &x
	writeJSON(w, http.StatusOK, cardEnvelope(d))
}

// rsaKey builds an RSA public key from hex modulus and exponent, as
// node-forge's key.n.toString(16) and key.e.toString(16) give them.
func rsaKey(modulusHex, exponentHex string) (*rsa.PublicKey, error) {
	n, ok := new(big.Int).SetString(strings.TrimPrefix(strings.TrimSpace(modulusHex), "0x"), 16)
	if !ok || n.BitLen() < 1024 || n.BitLen() > 8192 {
		return nil, fmt.Errorf("invalid modulus")
	}
	e, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(exponentHex), "0x"), 16, 32)
	if err != nil || e < 3 || e%2 == 0 {
		return nil, fmt.Errorf("invalid exponent")
	}
	return &rsa.PublicKey{N: n, E: int(e)}, nil
}

// wireCode is a saved or published code result.
type wireCode struct {
	CodeID      string  `json:"codeId"`
	Code        string  `json:"code"`
	CreatedAt   string  `json:"createdAt"`
	UpdatedAt   string  `json:"updatedAt"`
	PublishedAt *string `json:"publishedAt"`
	Error       *string `json:"error"`
}

func wireCodeOf(c *cardCode) wireCode {
	out := wireCode{CodeID: c.CodeID, Code: c.Code, CreatedAt: cardTime(c.CreatedAt), UpdatedAt: cardTime(c.UpdatedAt)}
	if c.PublishedAt != nil {
		p := cardTime(*c.PublishedAt)
		out.PublishedAt = &p
	}
	return out
}

func (s *Server) handleSavedCode(w http.ResponseWriter, r *http.Request, ss session) {
	s.serveCard(w, r, ss, func(c *card) any { return wireCodeOf(c.saved) })
}

func (s *Server) handlePublishedCode(w http.ResponseWriter, r *http.Request, ss session) {
	s.serveCard(w, r, ss, func(c *card) any { return wireCodeOf(c.published) })
}

// maxCode bounds saved code (Investec does not document a limit).
const maxCode = 256 << 10

func (s *Server) handleSaveCode(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		Code *string `json:"code"`
	}
	if err := decodeBody(r, &body); err != nil || body.Code == nil || len(*body.Code) > maxCode {
		writeBareString(w, http.StatusBadRequest, "The code field is required. (Parameter 'code')")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		return
	}
	if !s.commitCard(w, action{At: s.now(), Kind: actSaveCode, Card: c.key, Code: *body.Code}) {
		return
	}
	writeJSON(w, http.StatusOK, cardEnvelope(wireCodeOf(c.saved)))
}

func (s *Server) handlePublish(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		CodeID  string `json:"codeid"`
		CodeID2 string `json:"codeId"`
		Code    string `json:"code"`
	}
	if !readBody(w, r, &body) {
		return
	}
	id := body.CodeID
	if id == "" {
		id = body.CodeID2 // some clients send codeId
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		return
	}
	if id == "" || !strings.EqualFold(id, c.saved.CodeID) {
		writeBareString(w, http.StatusBadRequest, "The specified code is invalid. (Parameter 'codeId')")
		return
	}
	if !s.commitCard(w, action{At: s.now(), Kind: actPublish, Card: c.key}) {
		return
	}
	writeJSON(w, http.StatusOK, cardEnvelope(wireCodeOf(c.published)))
}

// commitCard commits a card action, writing a 500 if the state cannot be
// saved. The caller holds s.mu.
func (s *Server) commitCard(w http.ResponseWriter, a action) bool {
	if err := s.commit(a); err != nil {
		s.log.Error("sandbox card action", "kind", a.Kind, "err", err)
		writeEmpty(w, http.StatusInternalServerError)
		return false
	}
	return true
}

// envStrings returns a card's environment variables as card code sees
// them: strings, with other JSON values in their JSON form.
func envStrings(vars map[string]json.RawMessage) map[string]string {
	out := make(map[string]string, len(vars))
	for k, v := range vars {
		var sv string
		if err := json.Unmarshal(v, &sv); err == nil {
			out[k] = sv
			continue
		}
		out[k] = string(v)
	}
	return out
}

// handleExecute runs code through the offline emulator (backend/cardcode)
// as a simulation on the card and appends the executions to the card's log
// with sandbox:true.
func (s *Server) handleExecute(w http.ResponseWriter, r *http.Request, ss session) {
	var req cardcode.SimulateRequest
	if !readBody(w, r, &req) {
		return
	}
	s.mu.Lock()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		s.mu.Unlock()
		return
	}
	code := req.SimulationCode
	if strings.TrimSpace(code) == "" {
		code = c.saved.Code
	}
	env := envStrings(c.env.Variables)
	acctNumber, key, root := s.bank.accounts[c.account].number, c.key, c.saved.CodeID
	now := s.now()
	s.mu.Unlock()

	tx, err := req.Authorization(acctNumber, key, now)
	if err != nil {
		writeBareString(w, http.StatusBadRequest, err.Error())
		return
	}
	execs, err := cardcode.Simulate(r.Context(), code, env, tx, cardcode.Options{Now: s.now})
	if err != nil {
		writeEmpty(w, http.StatusInternalServerError)
		return
	}
	items := cardcode.Items(execs, root)

	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.commitCard(w, action{At: s.now(), Kind: actExecute, Card: key, Executions: items}) {
		return
	}
	writeJSON(w, http.StatusOK, cardEnvelope(items))
}

// handleExecutions serves the live shape {"result":{"executionItems":[...],
// "error":null}}: the executions of the card's purchases in the last 30
// days, the seeded simulations and everything run through execute, oldest
// first.
func (s *Server) handleExecutions(w http.ResponseWriter, r *http.Request, ss session) {
	s.mu.Lock()
	today := s.today()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		s.mu.Unlock()
		return
	}
	items := append([]cardcode.ExecutionItem{}, c.seededExec...)
	items = append(items, s.purchaseExecutions(c, today, s.now())...)
	items = append(items, c.executed...)
	s.mu.Unlock()
	sort.SliceStable(items, func(i, j int) bool { return items[i].CreatedAt < items[j].CreatedAt })
	writeJSON(w, http.StatusOK, cardEnvelope(map[string]any{"executionItems": items, "error": nil}))
}

// wireEnv is an environment variables result.
type wireEnv struct {
	Variables map[string]json.RawMessage `json:"variables"`
	CreatedAt string                     `json:"createdAt"`
	UpdatedAt string                     `json:"updatedAt"`
	Error     *string                    `json:"error"`
}

// wireEnvOf returns a card's environment variables as the API shows them.
// The map is shared, not copied: an action replaces a card's variables
// and never changes them in place.
func wireEnvOf(e envVars) wireEnv {
	return wireEnv{Variables: e.Variables, CreatedAt: cardTime(e.CreatedAt), UpdatedAt: cardTime(e.UpdatedAt)}
}

func (s *Server) handleGetEnv(w http.ResponseWriter, r *http.Request, ss session) {
	s.serveCard(w, r, ss, func(c *card) any { return wireEnvOf(c.env) })
}

// handleSetEnv replaces (never patches) a card's environment variables.
func (s *Server) handleSetEnv(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		Variables map[string]json.RawMessage `json:"variables"`
	}
	if err := decodeBody(r, &body); err != nil || body.Variables == nil {
		writeBareString(w, http.StatusBadRequest, "The variables field is required. (Parameter 'variables')")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		return
	}
	if !s.commitCard(w, action{At: s.now(), Kind: actSetEnv, Card: c.key, Env: body.Variables}) {
		return
	}
	writeJSON(w, http.StatusOK, cardEnvelope(wireEnvOf(c.env)))
}

// handleToggle turns the programmable feature on or off. The answer is
// enveloped, {"data":{"result":{"Enabled":true}},...}, as the clients used
// against the live API read it (see the deviations table in the tests).
func (s *Server) handleToggle(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		Enabled  *bool `json:"Enabled"`
		Enabled2 *bool `json:"enabled"`
	}
	if err := decodeBody(r, &body); err != nil || (body.Enabled == nil && body.Enabled2 == nil) {
		writeBareString(w, http.StatusBadRequest, "The Enabled field is required. (Parameter 'Enabled')")
		return
	}
	on := body.Enabled
	if on == nil {
		on = body.Enabled2
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.lookupCard(w, ss, r.PathValue("cardKey"))
	if !ok {
		return
	}
	if !s.commitCard(w, action{At: s.now(), Kind: actToggle, Card: c.key, Enabled: on}) {
		return
	}
	writeJSON(w, http.StatusOK, cardEnvelope(map[string]bool{"Enabled": c.enabled}))
}

// applyCard performs a card action. The caller holds s.mu.
func (s *Server) applyCard(a action) error {
	s.actionDay(a)
	if a.Kind == actCreateCard {
		return s.applyCreateCard(a)
	}
	var c *card
	for _, x := range s.bank.cards {
		if x.key == a.Card {
			c = x
		}
	}
	if c == nil {
		return fmt.Errorf("%w: unknown card %s", errBankRule, a.Card)
	}
	switch a.Kind {
	case actSaveCode:
		c.saved = &cardCode{CodeID: guid(s.actionRand(2)), Code: a.Code, CreatedAt: a.At, UpdatedAt: a.At}
	case actPublish:
		at := a.At
		c.saved.PublishedAt = &at
		pub := *c.saved
		c.published = &pub
	case actSetEnv:
		c.env = envVars{Variables: a.Env, CreatedAt: c.env.CreatedAt, UpdatedAt: a.At}
	case actToggle:
		if a.Enabled != nil {
			c.enabled = *a.Enabled
		}
	case actExecute:
		c.executed = append(c.executed, a.Executions...)
	}
	return nil
}

// applyCreateCard adds a virtual card with Investec's starter code.
func (s *Server) applyCreateCard(a action) error {
	if a.NewCard == nil {
		return fmt.Errorf("%w: missing card", errBankRule)
	}
	ai, ok := s.bank.accountIndex(a.NewCard.Account)
	if !ok {
		return fmt.Errorf("%w: unknown account %s", errBankRule, a.NewCard.Account)
	}
	r := s.actionRand(3)
	last4 := digits(r, 4)
	s.bank.cardNumbers = append(s.bank.cardNumbers, "402167xxxxxx"+last4)
	at := a.At
	code := &cardCode{CodeID: guid(r), Code: starterCode, CreatedAt: at, UpdatedAt: at, PublishedAt: &at}
	pub := *code
	c := &card{
		key: digits(r, 7), number: "402167XXXXXX" + last4, txnNumber: uint16(len(s.bank.cardNumbers) - 1), //nolint:gosec // G115: a handful of cards
		account: ai, typeCode: "VVC", embossName: a.NewCard.EmbossName, embossName2: a.NewCard.EmbossName2,
		virtual: true, enabled: true, pan: "402167" + digits(r, 6) + last4, cvv: digits(r, 3),
		expiry:    fmt.Sprintf("%02d/%02d", 1+r.IntN(12), (at.In(sast).Year()+4)%100),
		saved:     code,
		published: &pub,
		env:       envVars{Variables: map[string]json.RawMessage{}, CreatedAt: at, UpdatedAt: at},
	}
	c.seedCodeID = code.CodeID
	s.bank.cards = append(s.bank.cards, c)
	return nil
}

func (s *Server) handleCountries(w http.ResponseWriter, r *http.Request, ss session) {
	// Investec's list ends with a junk {"Code":"undefined","Name":"undefined"}
	// entry (sa-card-code.json example); clients must cope with it.
	list := append(cardcode.CountryCodeNames(), cardcode.CodeName{Code: "undefined", Name: "undefined"})
	writeJSON(w, http.StatusOK, cardEnvelope(list))
}

func (s *Server) handleCurrencies(w http.ResponseWriter, r *http.Request, ss session) {
	writeJSON(w, http.StatusOK, cardEnvelope(cardcode.CurrencyCodeNames()))
}

func (s *Server) handleMerchants(w http.ResponseWriter, r *http.Request, ss session) {
	writeJSON(w, http.StatusOK, cardEnvelope(cardcode.MerchantCodeNames()))
}
