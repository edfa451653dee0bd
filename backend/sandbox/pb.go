package sandbox

import (
	"bufio"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// wireAccount is an account as /za/pb/v1/accounts shows it.
type wireAccount struct {
	AccountID     string `json:"accountId"`
	AccountNumber string `json:"accountNumber"`
	AccountName   string `json:"accountName"`
	ReferenceName string `json:"referenceName"`
	ProductName   string `json:"productName"`
	KYCCompliant  bool   `json:"kycCompliant"`
	ProfileID     string `json:"profileId"`
	ProfileName   string `json:"profileName"`
}

func (s *Server) wireAccount(a *account) wireAccount {
	p := s.bank.profiles[a.profile]
	return wireAccount{
		AccountID: a.id, AccountNumber: a.number, AccountName: a.name, ReferenceName: a.reference,
		ProductName: a.product, KYCCompliant: true, ProfileID: p.id, ProfileName: p.name,
	}
}

// visibleAccounts returns the private-banking accounts the session may use.
// The caller holds s.mu.
func (s *Server) visibleAccounts(ss session) []*account {
	var out []*account
	for _, a := range s.bank.accounts {
		if ss.canSee(a) {
			out = append(out, a)
		}
	}
	return out
}

// lookupAccount finds a visible account by id, or writes Investec's bare
// 400. The caller holds s.mu.
func (s *Server) lookupAccount(w http.ResponseWriter, ss session, id string) (*account, int, bool) {
	if i, ok := s.bank.accountIndex(id); ok && ss.canSee(s.bank.accounts[i]) {
		return s.bank.accounts[i], i, true
	}
	writeBareString(w, http.StatusBadRequest, errInvalidAccount)
	return nil, -1, false
}

// lockAccount takes s.mu, brings the bank up to today and finds the
// visible account the path's accountId names. When there is none it writes
// Investec's bare 400, releases the lock and reports false; otherwise the
// caller holds s.mu and releases it.
func (s *Server) lockAccount(w http.ResponseWriter, r *http.Request, ss session) (a *account, today day, ok bool) {
	s.mu.Lock()
	today = s.today()
	if a, _, ok = s.lookupAccount(w, ss, r.PathValue("accountId")); !ok {
		s.mu.Unlock()
	}
	return a, today, ok
}

func (s *Server) handleAccounts(w http.ResponseWriter, r *http.Request, ss session) {
	s.mu.Lock()
	s.today()
	accts := []wireAccount{}
	for _, a := range s.visibleAccounts(ss) {
		accts = append(accts, s.wireAccount(a))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: map[string]any{"accounts": accts}, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// balance7 is the production balance shape, served for Private Bank
// Accounts.
type balance7 struct {
	AccountID        string    `json:"accountId"`
	CurrentBalance   wireMoney `json:"currentBalance"`
	AvailableBalance wireMoney `json:"availableBalance"`
	BudgetBalance    wireMoney `json:"budgetBalance"`
	StraightBalance  wireMoney `json:"straightBalance"`
	CashBalance      wireMoney `json:"cashBalance"`
	Currency         string    `json:"currency"`
}

// balance4 is the shape Investec's sandbox serves (and that the other
// products get here): no budget, straight or cash balance.
type balance4 struct {
	AccountID        string    `json:"accountId"`
	CurrentBalance   wireMoney `json:"currentBalance"`
	AvailableBalance wireMoney `json:"availableBalance"`
	Currency         string    `json:"currency"`
}

// available returns an account's available balance: the current balance
// plus its facility, less pending card authorisations.
func available(a *account, today day) int64 {
	return a.current() + a.facility - a.holds(today)
}

func (s *Server) handleBalance(w http.ResponseWriter, r *http.Request, ss session) {
	a, today, ok := s.lockAccount(w, r, ss)
	if !ok {
		return
	}
	cur, avail := a.current(), available(a, today)
	var data any
	if a.product == "Private Bank Account" {
		data = balance7{AccountID: a.id, CurrentBalance: wireMoney(cur), AvailableBalance: wireMoney(avail), CashBalance: wireMoney(cur), Currency: a.currency}
	} else {
		data = balance4{AccountID: a.id, CurrentBalance: wireMoney(cur), AvailableBalance: wireMoney(avail), Currency: a.currency}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: data, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// parseWindow reads fromDate and toDate (YYYY-MM-DD), defaulting to today
// minus 180 days and today. It writes a bare 400 for a malformed date.
func parseWindow(w http.ResponseWriter, r *http.Request, today day, defaultBack day) (from, to day, ok bool) {
	from, to = today-defaultBack, today
	q := r.URL.Query()
	for _, p := range []struct {
		name string
		dst  *day
	}{{"fromDate", &from}, {"toDate", &to}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		d, err := parseDateParam(v)
		if err != nil {
			writeBareString(w, http.StatusBadRequest, "The value '"+v+"' is not valid for "+p.name+".")
			return 0, 0, false
		}
		*p.dst = d
	}
	return from, to, true
}

// parseDateParam accepts YYYY-MM-DD or an RFC 3339 date-time (the wiki
// says "any formatted ISO 8601 date"); only the date part counts.
func parseDateParam(v string) (day, error) {
	if len(v) > 10 && v[10] == 'T' {
		v = v[:10]
	}
	return parseDay(v)
}

// rowSnapshot is what a transaction listing needs, copied under the lock so
// the JSON can be written without holding it.
type rowSnapshot struct {
	accountID string
	posted    []txn
	pending   []txn
	strs      []string
	cards     []string
	uuid      string // last five characters of the account id
	// pendingFirst puts the pending rows before the posted ones (newest
	// first order).
	pendingFirst bool
}

func (s *Server) handleTransactions(w http.ResponseWriter, r *http.Request, ss session) {
	a, today, ok := s.lockAccount(w, r, ss)
	if !ok {
		return
	}
	from, to, ok := parseWindow(w, r, today, 180)
	if !ok {
		s.mu.Unlock()
		return
	}
	q := r.URL.Query()
	includePending := false
	if v := q.Get("includePending"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			s.mu.Unlock()
			writeBareString(w, http.StatusBadRequest, "The value '"+v+"' is not valid for includePending.")
			return
		}
		includePending = b
	}
	filter, filterKind := q.Get("transactionType"), txType(0)
	matchesType := func(t *txn) bool { return filter == "" || t.kind == filterKind }
	if filter != "" {
		k, known := parseTxType(filter)
		if !known {
			matchesType = func(*txn) bool { return false }
		}
		filterKind = k
	}

	snap := rowSnapshot{accountID: a.id, strs: s.bank.strs, cards: s.bank.cardNumbers, uuid: a.id[max(0, len(a.id)-5):]}
	if from <= to {
		lo, hi := a.dayStart(from), a.dayEnd(to)
		for i := lo; i < hi; i++ {
			if matchesType(&a.posted[i]) {
				snap.posted = append(snap.posted, a.posted[i])
			}
		}
		if includePending {
			for i := range a.pending {
				p := &a.pending[i]
				if p.txDate >= from && p.txDate <= to && matchesType(p) {
					snap.pending = append(snap.pending, *p)
				}
			}
		}
	}
	s.mu.Unlock()
	if s.opts.NewestFirst {
		slices.Reverse(snap.posted)
		slices.Reverse(snap.pending)
		snap.pendingFirst = true
	}

	head := []byte(`{"data":{"transactions":[`)
	tail := append([]byte(`]},"links":{"self":`), appendJSONString(nil, *selfLink(r).Self)...)
	tail = append(tail, `},"meta":{"totalPages":1}}`...)

	n := len(snap.posted) + len(snap.pending)
	if n <= 20000 {
		b := make([]byte, 0, len(head)+n*360+len(tail))
		b = append(b, head...)
		b = snap.appendRows(b, nil)
		b = append(b, tail...)
		writeRaw(w, http.StatusOK, "application/json; charset=utf-8", b)
		return
	}
	// Large windows (scaled histories) are streamed rather than built in
	// memory.
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache, no-store")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 256<<10)
	_, _ = bw.Write(head)
	snap.appendRows(nil, bw)
	_, _ = bw.Write(tail)
	_ = bw.Flush()
}

// appendRows writes the snapshot's rows as JSON objects: posted rows, then
// pending rows (or the reverse for newest first). With out set, rows are flushed to it as they are
// made and the returned slice is nil.
func (snap *rowSnapshot) appendRows(b []byte, out *bufio.Writer) []byte {
	first := true
	emit := func(row []byte) []byte {
		sep := !first
		first = false
		if out != nil {
			if sep {
				_ = out.WriteByte(',')
			}
			_, _ = out.Write(row)
			return nil
		}
		if sep {
			b = append(b, ',')
		}
		return append(b, row...)
	}
	var row []byte
	posted := func() {
		for i := range snap.posted {
			row = snap.appendPosted(row[:0], &snap.posted[i])
			b = emit(row)
		}
	}
	pending := func() {
		for i := range snap.pending {
			row = snap.appendMergedPending(row[:0], &snap.pending[i])
			b = emit(row)
		}
	}
	if snap.pendingFirst {
		pending()
		posted()
	} else {
		posted()
		pending()
	}
	return b
}

func direction(t *txn) string {
	if t.credit {
		return "CREDIT"
	}
	return "DEBIT"
}

// appendPosted writes one posted transaction in the live API's field order.
func (snap *rowSnapshot) appendPosted(b []byte, t *txn) []byte {
	b = append(b, `{"accountId":`...)
	b = appendJSONString(b, snap.accountID)
	b = append(b, `,"type":"`...)
	b = append(b, direction(t)...)
	b = append(b, `","transactionType":"`...)
	b = append(b, t.kind.String()...)
	b = append(b, `","status":"POSTED","description":`...)
	b = appendJSONString(b, htmlEscape(snap.strs[t.desc]))
	b = append(b, `,"cardNumber":`...)
	b = appendJSONString(b, snap.cards[t.card])
	b = append(b, `,"postedOrder":`...)
	b = strconv.AppendInt(b, int64(t.order), 10)
	b = append(b, `,"postingDate":"`...)
	b = t.posting.appendISO(b)
	b = append(b, `","valueDate":"`...)
	b = t.value.appendISO(b)
	b = append(b, `","actionDate":"`...)
	b = t.action.appendISO(b)
	b = append(b, `","transactionDate":"`...)
	b = t.txDate.appendISO(b)
	b = append(b, `","amount":`...)
	b = appendMoney(b, t.amount)
	b = append(b, `,"runningBalance":`...)
	b = appendMoney(b, t.balance)
	b = append(b, `,"uuid":"`...)
	b = append(b, snap.uuid...)
	y, m, d := t.posting.civil()
	b = append4(b, y)
	b = append2(b, m)
	b = append2(b, d)
	o := strconv.FormatInt(int64(t.order), 10)
	for i := len(o); i < 7; i++ {
		b = append(b, '0')
	}
	b = append(b, o...)
	return append(b, `"}`...)
}

// appendMergedPending writes a pending transaction as includePending=true
// merges it into the list: no posting, value or action date, no card
// number, no category, postedOrder and runningBalance 0 and no uuid.
func (snap *rowSnapshot) appendMergedPending(b []byte, t *txn) []byte {
	b = append(b, `{"accountId":`...)
	b = appendJSONString(b, snap.accountID)
	b = append(b, `,"type":"`...)
	b = append(b, direction(t)...)
	b = append(b, `","transactionType":null,"status":"PENDING","description":`...)
	b = appendJSONString(b, htmlEscape(snap.strs[t.desc]))
	b = append(b, `,"cardNumber":null,"postedOrder":0,"postingDate":null,"valueDate":null,"actionDate":null,"transactionDate":"`...)
	b = t.txDate.appendISO(b)
	b = append(b, `","amount":`...)
	b = appendMoney(b, t.amount)
	return append(b, `,"runningBalance":0}`...)
}

// uuidOf returns Investec's derived uuid for a posted transaction:
// accountId[last 5] + postingDate without '-' + postedOrder padded to 7.
func uuidOf(accountID string, posting day, order int32) string {
	o := strconv.FormatInt(int64(order), 10)
	if len(o) < 7 {
		o = strings.Repeat("0", 7-len(o)) + o
	}
	return accountID[max(0, len(accountID)-5):] + posting.compact() + o
}

func (s *Server) handlePending(w http.ResponseWriter, r *http.Request, ss session) {
	a, today, ok := s.lockAccount(w, r, ss)
	if !ok {
		return
	}
	b := []byte(`{"data":{"transactions":[`)
	first := true
	for i := range a.pending {
		t := &a.pending[i]
		if t.txDate > today {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, `{"accountId":`...)
		b = appendJSONString(b, a.id)
		b = append(b, `,"type":"`...)
		b = append(b, direction(t)...)
		b = append(b, `","status":"PENDING","description":`...)
		b = appendJSONString(b, htmlEscape(s.bank.strs[t.desc]))
		b = append(b, `,"transactionDate":"`...)
		b = t.txDate.appendISO(b)
		b = append(b, `","amount":`...)
		b = appendMoney(b, t.amount)
		b = append(b, '}')
	}
	s.mu.Unlock()
	b = append(b, `]},"links":{"self":`...)
	b = appendJSONString(b, *selfLink(r).Self)
	b = append(b, `},"meta":{"totalPages":1}}`...)
	writeRaw(w, http.StatusOK, "application/json; charset=utf-8", b)
}

func (s *Server) handleProfiles(w http.ResponseWriter, r *http.Request, ss session) {
	type wireProfile struct {
		ProfileID      string `json:"profileId"`
		ProfileName    string `json:"profileName"`
		DefaultProfile bool   `json:"defaultProfile"`
	}
	s.mu.Lock()
	out := []wireProfile{}
	for i, p := range s.bank.profiles {
		if s.profileVisible(ss, i) {
			out = append(out, wireProfile{p.id, p.name, p.isDefault})
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: out, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// profileVisible reports whether the session can see any account of
// profile i. The caller holds s.mu.
func (s *Server) profileVisible(ss session, i int) bool {
	for _, a := range s.bank.accounts {
		if a.profile == i && ss.canSee(a) {
			return true
		}
	}
	return false
}

// lookupProfile finds a visible profile by id or writes a bare 400. The
// caller holds s.mu.
func (s *Server) lookupProfile(w http.ResponseWriter, ss session, id string) (int, bool) {
	for i, p := range s.bank.profiles {
		if p.id == id && s.profileVisible(ss, i) {
			return i, true
		}
	}
	writeBareString(w, http.StatusBadRequest, "The specified profile is invalid. (Parameter 'profileId')")
	return -1, false
}

// lookupProfileAccount finds a visible profile and one of its accounts, or
// writes a bare 400. The caller holds s.mu.
func (s *Server) lookupProfileAccount(w http.ResponseWriter, ss session, r *http.Request) (int, *account, bool) {
	pi, ok := s.lookupProfile(w, ss, r.PathValue("profileId"))
	if !ok {
		return -1, nil, false
	}
	a, _, ok := s.lookupAccount(w, ss, r.PathValue("accountId"))
	if !ok {
		return -1, nil, false
	}
	if a.profile != pi {
		writeBareString(w, http.StatusBadRequest, errInvalidAccount)
		return -1, nil, false
	}
	return pi, a, true
}

func (s *Server) handleProfileAccounts(w http.ResponseWriter, r *http.Request, ss session) {
	s.mu.Lock()
	pi, ok := s.lookupProfile(w, ss, r.PathValue("profileId"))
	if !ok {
		s.mu.Unlock()
		return
	}
	out := []wireAccount{}
	for _, a := range s.visibleAccounts(ss) {
		if a.profile == pi {
			out = append(out, s.wireAccount(a))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: out, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// authPeriods are the validity periods Investec offers for a payment
// awaiting authorisation.
var authPeriods = func() []map[string]string {
	out := []map[string]string{}
	for i := 1; i <= 10; i++ {
		desc := strconv.Itoa(i) + " Working days"
		if i == 1 {
			desc = "1 Working day"
		}
		out = append(out, map[string]string{"id": strconv.Itoa(i), "description": desc})
	}
	return append(out, map[string]string{"id": "0", "description": "Current Day"})
}()

func (s *Server) handleAuthSetup(w http.ResponseWriter, r *http.Request, ss session) {
	type wireAuthoriser struct {
		AuthoriserID string `json:"authoriserId"`
		Name         string `json:"name"`
	}
	type setup struct {
		NumberOfAuthorisationRequired string              `json:"numberOfAuthorisationRequired"`
		Period                        []map[string]string `json:"period"`
		AuthorisersListA              []wireAuthoriser    `json:"authorisersListA"`
		AuthorisersListB              []wireAuthoriser    `json:"authorisersListB"`
	}
	s.mu.Lock()
	_, a, ok := s.lookupProfileAccount(w, ss, r)
	if !ok {
		s.mu.Unlock()
		return
	}
	out := setup{NumberOfAuthorisationRequired: "0"}
	if a.dualAuth {
		out.NumberOfAuthorisationRequired = "2"
		out.Period = authPeriods
		for _, x := range s.bank.authorisersA {
			out.AuthorisersListA = append(out.AuthorisersListA, wireAuthoriser{x.id, x.name})
		}
		for _, x := range s.bank.authorisersB {
			out.AuthorisersListB = append(out.AuthorisersListB, wireAuthoriser{x.id, x.name})
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: out, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}
