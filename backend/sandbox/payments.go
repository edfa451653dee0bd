package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// maxPayments is Investec's limit of payments per paymultiple request.
const maxPayments = 50

// maxReference is the longest reference kept; transaction descriptions are
// at most 40 characters in Investec's schema.
const maxReference = 40

// flexAmount decodes an amount sent as a JSON string ("10.12", the
// documented type) or a JSON number (10.12, which Investec's sandbox also
// accepts) into its decimal text, never through a float.
type flexAmount string

func (f *flexAmount) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexAmount(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("amount must be a string or a number")
	}
	*f = flexAmount(n.String())
	return nil
}

// parseAmount parses a positive amount in rands with at most two decimals.
func parseAmount(s flexAmount) (int64, bool) {
	m, err := domain.ParseMoney(string(s))
	if err != nil || m <= 0 {
		return 0, false
	}
	return int64(m), true
}

// truncateRef keeps at most maxReference characters of a reference.
func truncateRef(s string) string {
	if utf8.RuneCountInString(s) <= maxReference {
		return s
	}
	r := []rune(s)
	return string(r[:maxReference])
}

type transferItem struct {
	BeneficiaryAccountID string     `json:"beneficiaryAccountId"`
	Amount               flexAmount `json:"amount"`
	MyReference          string     `json:"myReference"`
	TheirReference       string     `json:"theirReference"`
}

// transferResponse is one entry of TransferResponses (PascalCase, as the
// live API writes it).
type transferResponse struct {
	PaymentReferenceNumber string `json:"PaymentReferenceNumber"`
	PaymentDate            string `json:"PaymentDate"`
	Status                 string `json:"Status"`
	BeneficiaryName        string `json:"BeneficiaryName"`
	BeneficiaryAccountID   string `json:"BeneficiaryAccountId"`
	AuthorisationRequired  bool   `json:"AuthorisationRequired"`
}

// transferResult is data for transfermultiple v2 and paymultiple.
type transferResult struct {
	TransferResponses []transferResponse `json:"TransferResponses"`
	ErrorMessage      *string            `json:"ErrorMessage"`
}

// decodeBody decodes a JSON request body (at most 1 MiB) into v.
func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode body: %w", err)
	}
	return nil
}

// readBody decodes the request body into v; when it cannot, it writes
// Investec's 400 for an invalid body and reports false.
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := decodeBody(r, v); err != nil {
		writeBareString(w, http.StatusBadRequest, "The request body is invalid.")
		return false
	}
	return true
}

func (s *Server) handleTransferV2(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		TransferList []transferItem `json:"transferList"`
		ProfileID    string         `json:"profileId"`
	}
	if !readBody(w, r, &body) {
		return
	}
	res, ok := s.transfer(w, r.PathValue("accountId"), body.TransferList, ss)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, envelope{Data: res, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// handleTransferV1 is the deprecated transfer: the source account is in the
// body and the result nests under data.transferResponse.
func (s *Server) handleTransferV1(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		AccountID    string         `json:"accountId"`
		TransferList []transferItem `json:"transferList"`
	}
	if !readBody(w, r, &body) {
		return
	}
	res, ok := s.transfer(w, body.AccountID, body.TransferList, ss)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, envelope{Data: map[string]any{"transferResponse": res}, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// transfer validates and makes inter-account transfers. Invalid requests
// get a bare-string 400 and change nothing; a transfer the source cannot
// afford is answered with ErrorMessage and no transfer at all.
func (s *Server) transfer(w http.ResponseWriter, fromID string, list []transferItem, ss session) (transferResult, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	today := s.today()
	from, _, ok := s.lookupAccount(w, ss, fromID)
	if !ok {
		return transferResult{}, false
	}
	if len(list) == 0 {
		writeBareString(w, http.StatusBadRequest, "The transferList field is required.")
		return transferResult{}, false
	}
	act := action{At: s.now(), Kind: actTransfer, Account: from.id}
	var total int64
	for _, it := range list {
		i, found := s.bank.accountIndex(it.BeneficiaryAccountID)
		if !found || !ss.canSee(s.bank.accounts[i]) || s.bank.accounts[i] == from {
			writeBareString(w, http.StatusBadRequest, "The specified account is invalid. (Parameter 'beneficiaryAccountId')")
			return transferResult{}, false
		}
		amount, ok := parseAmount(it.Amount)
		if !ok {
			writeBareString(w, http.StatusBadRequest, "The specified amount is invalid. (Parameter 'amount')")
			return transferResult{}, false
		}
		if it.MyReference == "" || it.TheirReference == "" {
			writeBareString(w, http.StatusBadRequest, "The myReference and theirReference fields are required.")
			return transferResult{}, false
		}
		total += amount
		act.Items = append(act.Items, moveItem{To: it.BeneficiaryAccountID, Amount: amount, MyReference: truncateRef(it.MyReference), TheirRef: truncateRef(it.TheirReference)})
	}
	if total > available(from, today) {
		msg := "Insufficient funds available to make this transfer."
		return transferResult{TransferResponses: []transferResponse{}, ErrorMessage: &msg}, true
	}
	refs := s.paymentRefs(len(act.Items))
	if err := s.commit(act); err != nil {
		s.log.Error("sandbox transfer", "err", err)
		writeEmpty(w, http.StatusInternalServerError)
		return transferResult{}, false
	}
	d := s.actionDayOf(act)
	res := transferResult{TransferResponses: []transferResponse{}}
	for i, it := range act.Items {
		to := s.bank.accounts[mustIndex(s.bank, it.To)]
		res.TransferResponses = append(res.TransferResponses, transferResponse{
			PaymentReferenceNumber: refs[i],
			PaymentDate:            d.dmy(),
			Status:                 "- No authorisation necessary <BR>- Payment/Transfer effective date " + d.dmy(),
			BeneficiaryName:        to.reference,
			BeneficiaryAccountID:   to.id,
		})
	}
	return res, true
}

// paymentRefs returns the reference numbers the next action's items get,
// e.g. UBP0126806416. They are derived like every action id, so a replayed
// state gives the same numbers. The caller holds s.mu.
func (s *Server) paymentRefs(n int) []string {
	r := s.actionRand(1)
	out := make([]string, n)
	for i := range out {
		out[i] = "UBP" + fmt.Sprintf("%010d", r.Int64N(1e10))
	}
	return out
}

// actionDayOf returns the bank day an already applied action happened on.
func (s *Server) actionDayOf(a action) day { return max(dayOf(a.At), s.bank.frontier) }

func mustIndex(b *bank, id string) int {
	i, ok := b.accountIndex(id)
	if !ok {
		panic("sandbox: unknown account " + id)
	}
	return i
}

// applyTransfer posts both legs of each transfer on the action's day.
func (s *Server) applyTransfer(a action) error {
	d := s.actionDay(a)
	fi, ok := s.bank.accountIndex(a.Account)
	if !ok {
		return fmt.Errorf("%w: unknown account %s", errBankRule, a.Account)
	}
	for _, it := range a.Items {
		ti, ok := s.bank.accountIndex(it.To)
		if !ok {
			return fmt.Errorf("%w: unknown account %s", errBankRule, it.To)
		}
		out := s.bank.newTxn(event{acct: fi, kind: ttTransfers, desc: it.MyReference, amount: it.Amount}, d)
		s.bank.accounts[fi].insertPosted(out, d)
		in := s.bank.newTxn(event{acct: ti, kind: ttTransfers, credit: true, desc: it.TheirRef, amount: it.Amount}, d)
		s.bank.accounts[ti].insertPosted(in, d)
	}
	return nil
}

type paymentItem struct {
	BeneficiaryID  string     `json:"beneficiaryId"`
	Amount         flexAmount `json:"amount"`
	MyReference    string     `json:"myReference"`
	TheirReference string     `json:"theirReference"`
	AuthoriserAID  string     `json:"authoriserAId"`
	AuthoriserBID  string     `json:"authoriserBId"`
	AuthPeriodID   string     `json:"authPeriodId"`
	FasterPayment  bool       `json:"fasterPayment"`
}

func (s *Server) handlePay(w http.ResponseWriter, r *http.Request, ss session) {
	var body struct {
		PaymentList []paymentItem `json:"paymentList"`
	}
	if !readBody(w, r, &body) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	today := s.today()
	from, _, ok := s.lookupAccount(w, ss, r.PathValue("accountId"))
	if !ok {
		return
	}
	switch n := len(body.PaymentList); {
	case n == 0:
		writeBareString(w, http.StatusBadRequest, "The paymentList field is required.")
		return
	case n > maxPayments:
		writeBareString(w, http.StatusBadRequest, "A maximum of 50 payments is allowed per request.")
		return
	}
	act := action{At: s.now(), Kind: actPay, Account: from.id}
	var total int64
	for _, p := range body.PaymentList {
		ben := s.bank.beneficiary(p.BeneficiaryID)
		if ben == nil || ben.profile != from.profile {
			writeBareString(w, http.StatusBadRequest, "The specified beneficiary is invalid. (Parameter 'beneficiaryId')")
			return
		}
		amount, ok := parseAmount(p.Amount)
		if !ok {
			writeBareString(w, http.StatusBadRequest, "The specified amount is invalid. (Parameter 'amount')")
			return
		}
		if p.MyReference == "" || p.TheirReference == "" {
			writeBareString(w, http.StatusBadRequest, "The myReference and theirReference fields are required.")
			return
		}
		if p.FasterPayment && !ben.fasterPayment {
			writeBareString(w, http.StatusBadRequest, "Faster payment is not allowed for this beneficiary. (Parameter 'fasterPayment')")
			return
		}
		auth := false
		if from.dualAuth {
			if !s.validAuthorisers(p) {
				writeBareString(w, http.StatusBadRequest, "This account requires payment authorisation: authoriserAId, authoriserBId and authPeriodId must come from authorisationsetupdetails.")
				return
			}
			auth = true
		} else {
			total += amount
		}
		act.Items = append(act.Items, moveItem{To: ben.id, Amount: amount, MyReference: truncateRef(p.MyReference), TheirRef: truncateRef(p.TheirReference), Faster: p.FasterPayment, AuthRequired: auth})
	}
	if total > available(from, today) {
		msg := "Insufficient funds available to make this payment."
		writeJSON(w, http.StatusOK, envelope{Data: transferResult{TransferResponses: []transferResponse{}, ErrorMessage: &msg}, Links: selfLink(r), Meta: meta{TotalPages: 1}})
		return
	}
	refs := s.paymentRefs(len(act.Items))
	if err := s.commit(act); err != nil {
		s.log.Error("sandbox payment", "err", err)
		writeEmpty(w, http.StatusInternalServerError)
		return
	}
	d := s.actionDayOf(act)
	res := transferResult{TransferResponses: []transferResponse{}}
	for i, it := range act.Items {
		ben := s.bank.beneficiary(it.To)
		status := "- No authorisation necessary <BR>- Payment/Transfer effective date " + d.dmy()
		if it.AuthRequired {
			status = "- Authorisation required <BR>- Payment/Transfer effective date " + d.dmy()
		}
		res.TransferResponses = append(res.TransferResponses, transferResponse{
			PaymentReferenceNumber: refs[i],
			PaymentDate:            d.dmy(),
			Status:                 status,
			BeneficiaryName:        ben.beneficiaryName,
			BeneficiaryAccountID:   ben.id,
			AuthorisationRequired:  it.AuthRequired,
		})
	}
	writeJSON(w, http.StatusOK, envelope{Data: res, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// validAuthorisers reports whether a payment names an authoriser from each
// list and a valid period. The caller holds s.mu.
func (s *Server) validAuthorisers(p paymentItem) bool {
	inList := func(list []authoriser, id string) bool {
		return slices.ContainsFunc(list, func(a authoriser) bool { return a.id == id })
	}
	period := slices.ContainsFunc(authPeriods, func(m map[string]string) bool { return m["id"] == p.AuthPeriodID })
	return inList(s.bank.authorisersA, p.AuthoriserAID) && inList(s.bank.authorisersB, p.AuthoriserBID) && period
}

// beneficiary returns the beneficiary with id, or nil.
func (b *bank) beneficiary(id string) *beneficiary {
	for _, x := range b.beneficiaries {
		if x.id == id {
			return x
		}
	}
	return nil
}

// applyPay posts each payment that needs no authorisation as a debit and
// records it as the beneficiary's last payment. Payments awaiting
// authorisation change nothing: in Investec they wait for the authorisers
// in Investec Online, which the sandbox does not model.
func (s *Server) applyPay(a action) error {
	d := s.actionDay(a)
	fi, ok := s.bank.accountIndex(a.Account)
	if !ok {
		return fmt.Errorf("%w: unknown account %s", errBankRule, a.Account)
	}
	for _, it := range a.Items {
		ben := s.bank.beneficiary(it.To)
		if ben == nil {
			return fmt.Errorf("%w: unknown beneficiary", errBankRule)
		}
		if it.AuthRequired {
			continue
		}
		kind := ttOnlineBankingPayments
		if it.Faster {
			kind = ttFasterPay
		}
		t := s.bank.newTxn(event{acct: fi, kind: kind, desc: it.MyReference, amount: it.Amount}, d)
		s.bank.accounts[fi].insertPosted(t, d)
		ben.lastPaymentDate, ben.lastPaymentAmount = d, it.Amount
	}
	return nil
}

// wireBeneficiary is a beneficiary as both beneficiary endpoints show it.
type wireBeneficiary struct {
	BeneficiaryID          string  `json:"beneficiaryId"`
	AccountNumber          string  `json:"accountNumber"`
	Code                   string  `json:"code"`
	Bank                   string  `json:"bank"`
	BeneficiaryName        string  `json:"beneficiaryName"`
	LastPaymentAmount      string  `json:"lastPaymentAmount"`
	LastPaymentDate        string  `json:"lastPaymentDate"`
	CellNo                 *string `json:"cellNo"`
	EmailAddress           *string `json:"emailAddress"`
	Name                   string  `json:"name"`
	ReferenceAccountNumber string  `json:"referenceAccountNumber"`
	ReferenceName          string  `json:"referenceName"`
	CategoryID             string  `json:"categoryId"`
	ProfileID              string  `json:"profileId"`
	FasterPaymentAllowed   bool    `json:"fasterPaymentAllowed"`
	BeneficiaryType        string  `json:"beneficiaryType,omitempty"`
	ApprovedCategory       string  `json:"approvedBeneficiaryCategory,omitempty"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (s *Server) wireBeneficiary(b *beneficiary) wireBeneficiary {
	p := s.bank.profiles[b.profile]
	out := wireBeneficiary{
		BeneficiaryID: b.id, AccountNumber: b.accountNumber, Code: b.code, Bank: b.bank,
		BeneficiaryName: b.beneficiaryName, CellNo: nullable(b.cellNo), EmailAddress: nullable(b.email),
		Name: b.name, ReferenceAccountNumber: b.referenceAccount, ReferenceName: b.referenceName,
		CategoryID: p.categories[b.categoryIdx].id, ProfileID: p.id, FasterPaymentAllowed: b.fasterPayment,
	}
	if b.lastPaymentDate != 0 {
		out.LastPaymentAmount = randString(b.lastPaymentAmount)
		out.LastPaymentDate = b.lastPaymentDate.dmy()
	}
	if b.approvedCategory != "" {
		out.BeneficiaryType = "INVESTECAPPROVED"
		out.ApprovedCategory = b.approvedCategory
	}
	return out
}

func (s *Server) handleBeneficiaries(w http.ResponseWriter, r *http.Request, ss session) {
	s.mu.Lock()
	s.today()
	out := []wireBeneficiary{}
	for _, b := range s.bank.beneficiaries {
		if s.profileVisible(ss, b.profile) {
			out = append(out, s.wireBeneficiary(b))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: out, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

func (s *Server) handleProfileBeneficiaries(w http.ResponseWriter, r *http.Request, ss session) {
	s.mu.Lock()
	s.today()
	pi, _, ok := s.lookupProfileAccount(w, ss, r)
	if !ok {
		s.mu.Unlock()
		return
	}
	out := []wireBeneficiary{}
	for _, b := range s.bank.beneficiaries {
		if b.profile == pi {
			out = append(out, s.wireBeneficiary(b))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: out, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}

// handleCategories serves the live shape: an array of {CategoryId,
// DefaultCategory, CategoryName}. Production wants ?profileId= (FS
// 575e551); the sandbox accepts it and falls back to the default profile.
func (s *Server) handleCategories(w http.ResponseWriter, r *http.Request, ss session) {
	type wireCategory struct {
		CategoryID      string `json:"CategoryId"`
		DefaultCategory string `json:"DefaultCategory"`
		CategoryName    string `json:"CategoryName"`
	}
	s.mu.Lock()
	pi := -1
	if id := r.URL.Query().Get("profileId"); id != "" {
		var ok bool
		if pi, ok = s.lookupProfile(w, ss, id); !ok {
			s.mu.Unlock()
			return
		}
	} else {
		for i, p := range s.bank.profiles {
			if s.profileVisible(ss, i) && (pi < 0 || p.isDefault) {
				pi = i
			}
		}
	}
	out := []wireCategory{}
	if pi >= 0 {
		for _, c := range s.bank.profiles[pi].categories {
			out = append(out, wireCategory{c.id, strconv.FormatBool(c.isDefault), c.name})
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope{Data: out, Links: selfLink(r), Meta: meta{TotalPages: 1}})
}
