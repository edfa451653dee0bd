package core

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/payments"
	"github.com/investec-desk/investec-desk/backend/store"
)

// Moving money, in four steps. Review validates a transfer or payment
// against the cache (and, for payments, the bank's beneficiary list and
// authorisation setup), checks the daily limit and recent identical
// attempts, and journals the result as reviewed attempts: one per request
// of at most 50 items. Confirm takes one reviewed attempt, checks what the
// person typed (the amount again or CONFIRM) and the duplicate
// acknowledgement, moves it to "sending" exactly once (a conditional update
// in SQLite, so no second window, double click or command can send it
// again) and makes the single POST. The bank's answer, or the fact that
// the outcome is unknown, is journaled. After a sync, unknown attempts are
// matched to posted transactions.

const (
	// settingPayDailyLimit holds the local daily limit in cents.
	settingPayDailyLimit = "pay.dailyLimit"
	// staleSending is how long an attempt may stay "sending" before it is
	// taken to have an unknown outcome (the app stopped while waiting; a
	// request never takes this long).
	staleSending = 15 * time.Minute
	// keepReviews is how long unconfirmed reviews are kept.
	keepReviews = 24 * time.Hour
	// recentJournal is how many journal entries PaySetup returns.
	recentJournal = 20
	// maxTemplateName bounds a template's name.
	maxTemplateName = 60
)

// PermissionHelp tells a person how to give an API key the permissions to
// move money.
const PermissionHelp = "In Investec Online go to Manage → Investec Developer, edit this API key and tick " +
	"\"Inter-account transfers\" (for transfers) and \"Beneficiary payments\" (for payments), " +
	"then test the connection again in Settings."

// attemptLocks serialises confirmations of the same attempt within the
// process, so a double click waits for the first confirmation and then
// gets its outcome. Across processes the store's claim does the same job.
var attemptLocks = keyedMutex{m: map[string]*keyedEntry{}}

type keyedMutex struct {
	mu sync.Mutex
	m  map[string]*keyedEntry
}

type keyedEntry struct {
	mu   sync.Mutex
	refs int
}

// lock locks key and returns the function that unlocks it.
func (k *keyedMutex) lock(key string) func() {
	k.mu.Lock()
	e := k.m[key]
	if e == nil {
		e = &keyedEntry{}
		k.m[key] = e
	}
	e.refs++
	k.mu.Unlock()
	e.mu.Lock()
	return func() {
		e.mu.Unlock()
		k.mu.Lock()
		e.refs--
		if e.refs == 0 {
			delete(k.m, key)
		}
		k.mu.Unlock()
	}
}

// newAttemptID returns a random 128-bit identifier.
func newAttemptID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("new attempt id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// paySession returns the open session when it can move money: Investec's
// transfer and payment endpoints are for Private Banking only.
func (s *Service) paySession(ctx context.Context) (*session, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	if sess.entry.Business {
		return nil, domain.Errorf(domain.CodeInvalid, "Transfers and payments through the API are available only for Private Banking accounts, not business (CIB) connections.")
	}
	return sess, nil
}

// PaySetup returns what the Pay & Transfer view needs to start: the
// accounts money can move between, whether the API key may make transfers
// and payments, the daily limit, the templates and the latest journal
// entries. It reads the cache; only the permission check may ask the bank
// (briefly), falling back to what the last connection test recorded.
func (s *Service) PaySetup(ctx context.Context) (domain.PaySetup, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.PaySetup{}, err
	}
	setup := domain.PaySetup{
		Available: true, Accounts: []domain.PayAccountRef{}, Templates: []domain.PayTemplate{}, Recent: []domain.PayAttempt{},
		Transfers: domain.PermissionUnknown, Payments: domain.PermissionUnknown, PermissionHelp: PermissionHelp,
		MyReferenceMax: payments.MaxMyReference, TheirReferenceMax: payments.MaxTheirReference,
		ReferenceCharacters: payments.ReferenceCharacters,
	}
	now := s.cfg.Now()
	if setup.Limits, err = s.payLimits(ctx, sess, now); err != nil {
		return domain.PaySetup{}, err
	}
	if sess.entry.Business {
		setup.Available = false
		setup.Reason = "Transfers and payments through the API are available only for Private Banking accounts, not business (CIB) connections."
		return setup, nil
	}
	accounts, err := sess.store.ListAccounts(ctx)
	if err != nil {
		return domain.PaySetup{}, err
	}
	for _, a := range accounts {
		if isPayable(a) {
			setup.Accounts = append(setup.Accounts, accountRef(a))
		}
	}
	if setup.Templates, err = sess.store.ListPayTemplates(ctx); err != nil {
		return domain.PaySetup{}, err
	}
	if setup.Recent, err = s.PayJournal(ctx, recentJournal); err != nil {
		return domain.PaySetup{}, err
	}
	setup.Transfers, setup.Payments = s.payPermissions(ctx, sess)
	return setup, nil
}

// payPermissions says whether the API key grants the transfers and
// beneficiarypayments scopes: from a token when the bank answers within a
// few seconds, else from the permissions the last connection test
// recorded, else unknown.
func (s *Service) payPermissions(ctx context.Context, sess *session) (transfers, pays domain.PayPermission) {
	transfers, pays = domain.PermissionUnknown, domain.PermissionUnknown
	if labels := sess.entry.Permissions; len(labels) > 0 {
		has := func(scope string) domain.PayPermission {
			if slices.Contains(labels, investec.PermissionForScope(scope).Label) {
				return domain.PermissionGranted
			}
			return domain.PermissionMissing
		}
		transfers, pays = has(investec.ScopeTransfers), has(investec.ScopeBeneficiaryPayments)
	}
	if state, _ := s.net.get(); state == domain.NetOffline {
		return transfers, pays // do not make the view wait on a bank it cannot reach
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	client, err := sess.api(ctx)
	if err != nil {
		return transfers, pays
	}
	scopes, err := client.Scopes(ctx)
	if err != nil {
		return transfers, pays
	}
	has := func(scope string) domain.PayPermission {
		if slices.Contains(scopes, scope) {
			return domain.PermissionGranted
		}
		return domain.PermissionMissing
	}
	return has(investec.ScopeTransfers), has(investec.ScopeBeneficiaryPayments)
}

// isPayable reports whether money can move from or to a: a Private
// Banking account.
func isPayable(a domain.Account) bool {
	return a.Kind == domain.AccountPrivate || a.Kind == ""
}

func accountRef(a domain.Account) domain.PayAccountRef {
	r := domain.PayAccountRef{ID: a.ID, Number: a.Number, Name: accountLabel(a), ProductName: a.ProductName}
	if a.Balance != nil {
		cur, avail := a.Balance.Current, a.Balance.Available
		r.Current, r.Available = &cur, &avail
	}
	return r
}

// accountLabel is the name a person gave an account, else the bank's.
func accountLabel(a domain.Account) string {
	if strings.TrimSpace(a.ReferenceName) != "" {
		return a.ReferenceName
	}
	return a.Name
}

// PayLimits returns the local daily limit and how much of it today (SAST)
// has used.
func (s *Service) PayLimits(ctx context.Context) (domain.PayLimits, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.PayLimits{}, err
	}
	return s.payLimits(ctx, sess, s.cfg.Now())
}

func (s *Service) payLimits(ctx context.Context, sess *session, now time.Time) (domain.PayLimits, error) {
	limit := payments.DefaultDailyLimit
	v, ok, err := sess.store.Setting(ctx, settingPayDailyLimit)
	if err != nil {
		return domain.PayLimits{}, err
	}
	if ok {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			limit = domain.Money(n)
		}
	}
	if _, err := sess.store.ExpireStalePaySending(ctx, now.Add(-staleSending), now, staleMessage); err != nil {
		return domain.PayLimits{}, err
	}
	start, end := payments.DayBounds(now)
	used, err := sess.store.PayMovedBetween(ctx, start, end)
	if err != nil {
		return domain.PayLimits{}, err
	}
	return domain.PayLimits{Day: payments.Day(now), DailyLimit: limit, UsedToday: used, Remaining: max(0, limit-used)}, nil
}

// staleMessage explains an attempt that was sending when the app stopped.
const staleMessage = "The app stopped while waiting for Investec's answer, so the outcome is unknown. Check your transactions before trying again."

// SetPayDailyLimit sets the local daily limit on money moved from this
// connection (amount in rands, e.g. "20000"). Transfers and payments that
// would take today's total over it are refused before they are sent.
func (s *Service) SetPayDailyLimit(ctx context.Context, amount string) (domain.PayLimits, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.PayLimits{}, err
	}
	m, ferr := payments.ParseAmount("dailyLimit", amount)
	if ferr != nil {
		return domain.PayLimits{}, ferr
	}
	if m > payments.MaxDailyLimit {
		return domain.PayLimits{}, domain.FieldError("dailyLimit", "Choose a daily limit of at most R%s.", payments.MaxDailyLimit)
	}
	if err := sess.store.SetSetting(ctx, settingPayDailyLimit, strconv.FormatInt(int64(m), 10)); err != nil {
		return domain.PayLimits{}, err
	}
	return s.payLimits(ctx, sess, s.cfg.Now())
}

// PayAccount returns what paying from one account needs: the beneficiaries
// that can be paid from it (asked from the bank, or from the cache when the
// bank cannot be reached) and, when payments from it need dual
// authorisation, the authorisers and periods to choose from.
func (s *Service) PayAccount(ctx context.Context, accountID string) (domain.PayAccountSetup, error) {
	sess, accounts, err := s.payAccounts(ctx)
	if err != nil {
		return domain.PayAccountSetup{}, err
	}
	from, ferr := findPayable(accounts, "fromAccountId", accountID)
	if ferr != nil {
		return domain.PayAccountSetup{}, ferr
	}
	out := domain.PayAccountSetup{AccountID: from.ID}
	var notes []string
	out.Beneficiaries, out.FromCache, err = s.payBeneficiaries(ctx, sess, from)
	if err != nil {
		return domain.PayAccountSetup{}, err
	}
	if out.FromCache {
		notes = append(notes, "Investec could not be asked for the beneficiaries, so the list is from the last sync.")
	}
	out.Authorisation, err = s.authorisation(ctx, sess, from)
	if err != nil {
		notes = append(notes, "The account's payment authorisation setup could not be checked: "+domain.ErrorMessage(err))
	}
	out.Notice = strings.Join(notes, " ")
	return out, nil
}

// payAccounts returns the session when it can move money, with its cached
// accounts, among which findPayable finds those of a transfer or payment.
func (s *Service) payAccounts(ctx context.Context) (*session, []domain.Account, error) {
	sess, err := s.paySession(ctx)
	if err != nil {
		return nil, nil, err
	}
	accounts, err := sess.store.ListAccounts(ctx)
	if err != nil {
		return nil, nil, err
	}
	return sess, accounts, nil
}

// findPayable finds a cached Private Banking account by ID (or number), as
// a field error on field when there is none.
func findPayable(accounts []domain.Account, field, id string) (domain.Account, *domain.Error) {
	id = strings.TrimSpace(id)
	if id == "" {
		if field == "toAccountId" {
			return domain.Account{}, domain.FieldError(field, "Choose the account to transfer to.")
		}
		return domain.Account{}, domain.FieldError(field, "Choose the account the money comes from.")
	}
	for _, a := range accounts {
		if (a.ID == id || a.Number == id) && isPayable(a) {
			return a, nil
		}
	}
	return domain.Account{}, domain.FieldError(field, "That is not one of your Private Banking accounts on this connection; sync to refresh the list.")
}

// payBeneficiaries returns the beneficiaries payable from an account: the
// bank's list for the account's profile, or the cached list of that profile
// when the bank cannot be asked (fromCache).
func (s *Service) payBeneficiaries(ctx context.Context, sess *session, from domain.Account) (list []domain.Beneficiary, fromCache bool, err error) {
	client, err := sess.api(ctx)
	if err == nil {
		var bens []investec.Beneficiary
		if from.ProfileID != "" {
			bens, err = client.ListProfileBeneficiaries(ctx, from.ProfileID, from.ID)
		} else {
			bens, err = client.ListBeneficiaries(ctx)
		}
		if err == nil {
			out := make([]domain.Beneficiary, 0, len(bens))
			for _, b := range bens {
				out = append(out, b.ToDomain())
			}
			return out, false, nil
		}
		s.log.Info("pay: beneficiaries from the cache", "code", domain.ErrorCode(investec.DomainError(err)))
	}
	cached, cerr := sess.store.ListBeneficiaries(ctx)
	if cerr != nil {
		return nil, false, cerr
	}
	out := []domain.Beneficiary{}
	for _, b := range cached {
		if from.ProfileID == "" || b.ProfileID == "" || b.ProfileID == from.ProfileID {
			out = append(out, b)
		}
	}
	return out, true, nil
}

// authorisation returns the account's dual-authorisation setup when
// payments from it need one (numberOfAuthorisationRequired > 1 and the
// lists are given), else nil.
func (s *Service) authorisation(ctx context.Context, sess *session, from domain.Account) (*domain.PayAuthorisation, error) {
	if from.ProfileID == "" {
		return nil, nil
	}
	client, err := sess.api(ctx)
	if err != nil {
		return nil, err
	}
	setup, err := client.GetAuthorisationSetup(ctx, from.ProfileID, from.ID)
	if err != nil {
		var api *investec.APIError
		if errors.As(err, &api) && api.StatusCode == http.StatusNotFound {
			return nil, nil
		}
		return nil, investec.DomainError(err)
	}
	return authorisationFrom(setup), nil
}

// authorisationFrom converts an authorisation setup: nil unless more than
// one authorisation is required and the authoriser and period lists are
// given (the API sends null lists for accounts without authorisation).
func authorisationFrom(setup *investec.AuthorisationSetup) *domain.PayAuthorisation {
	if setup == nil || setup.RequiredAuthorisations() <= 1 || setup.AuthorisersA == nil || setup.AuthorisersB == nil || setup.Periods == nil {
		return nil
	}
	out := &domain.PayAuthorisation{Required: setup.RequiredAuthorisations(),
		AuthorisersA: []domain.PayChoice{}, AuthorisersB: []domain.PayChoice{}, Periods: []domain.PayChoice{}}
	for _, a := range setup.AuthorisersA {
		out.AuthorisersA = append(out.AuthorisersA, domain.PayChoice{ID: a.ID, Name: a.Name})
	}
	for _, a := range setup.AuthorisersB {
		out.AuthorisersB = append(out.AuthorisersB, domain.PayChoice{ID: a.ID, Name: a.Name})
	}
	for _, p := range setup.Periods {
		out.Periods = append(out.Periods, domain.PayChoice{ID: p.ID, Name: p.Description})
	}
	return out
}

// ReviewTransfer checks a transfer between two of the person's own
// accounts and journals it as reviewed, returning exactly what will be sent.
// Nothing is sent. Invalid input is a validation error with a problem per
// field, and is not journaled.
func (s *Service) ReviewTransfer(ctx context.Context, f domain.TransferForm) (domain.PayReview, error) {
	sess, accounts, err := s.payAccounts(ctx)
	if err != nil {
		return domain.PayReview{}, err
	}
	var errs domain.ValidationErrors
	from, ferr := findPayable(accounts, "fromAccountId", f.FromAccountID)
	if ferr != nil {
		errs = append(errs, ferr)
	}
	to, terr := findPayable(accounts, "toAccountId", f.ToAccountID)
	switch {
	case terr != nil:
		errs = append(errs, terr)
	case ferr == nil && from.ID == to.ID:
		errs = append(errs, domain.FieldError("toAccountId", "Choose another account: money cannot move to the account it comes from."))
	}
	amount, aerr := payments.ParseAmount("amount", f.Amount)
	if aerr != nil {
		errs = append(errs, aerr)
	}
	myRef, theirRef, rerrs := checkReferences("", f.MyReference, f.TheirReference)
	errs = append(errs, rerrs...)
	if err := errs.Err(); err != nil {
		return domain.PayReview{}, err
	}
	line := domain.PayLine{TargetID: to.ID, TargetName: accountLabel(to), TargetNumber: to.Number, TargetBank: "Investec",
		Amount: amount, MyReference: myRef, TheirReference: theirRef}
	return s.review(ctx, sess, domain.PayTransfer, from, nil, []domain.PayLine{line})
}

// checkReferences checks both references; prefix is put before the field
// names ("lines[2].").
func checkReferences(prefix, my, their string) (string, string, domain.ValidationErrors) {
	var errs domain.ValidationErrors
	myRef, err := payments.CheckReference(prefix+"myReference", "my reference", my, payments.MaxMyReference)
	if err != nil {
		errs = append(errs, err)
	}
	theirRef, err := payments.CheckReference(prefix+"theirReference", "their reference", their, payments.MaxTheirReference)
	if err != nil {
		errs = append(errs, err)
	}
	return myRef, theirRef, errs
}

// ReviewPayment checks payments to one or more beneficiaries from one
// account and journals them as reviewed: one attempt per request of at
// most 50 payments, each to be confirmed on its own. Nothing is sent.
// Invalid input is a validation error with a problem per field (lines[i].x
// for a line), and is not journaled.
func (s *Service) ReviewPayment(ctx context.Context, f domain.PaymentForm) (domain.PayReview, error) {
	sess, accounts, err := s.payAccounts(ctx)
	if err != nil {
		return domain.PayReview{}, err
	}
	var errs domain.ValidationErrors
	from, ferr := findPayable(accounts, "fromAccountId", f.FromAccountID)
	if ferr != nil {
		errs = append(errs, ferr)
	}
	switch n := len(f.Lines); {
	case n == 0:
		errs = append(errs, domain.FieldError("lines", "Add at least one payment."))
	case n > payments.MaxLines:
		errs = append(errs, domain.FieldError("lines", "Send at most %d payments in one go (this has %d).", payments.MaxLines, n))
	}
	if len(errs) > 0 {
		return domain.PayReview{}, errs.Err()
	}
	bens, fromCache, err := s.payBeneficiaries(ctx, sess, from)
	if err != nil {
		return domain.PayReview{}, err
	}
	auth, err := s.authorisation(ctx, sess, from)
	if err != nil {
		return domain.PayReview{}, domain.Wrap(err, domain.ErrorCode(err),
			"The account's payment authorisation setup could not be checked, so the payment cannot be reviewed: "+domain.ErrorMessage(err))
	}
	lines := make([]domain.PayLine, 0, len(f.Lines))
	for i, lf := range f.Lines {
		prefix := "lines[" + strconv.Itoa(i) + "]."
		var ben *domain.Beneficiary
		id := strings.TrimSpace(lf.BeneficiaryID)
		if id == "" {
			errs = append(errs, domain.FieldError(prefix+"beneficiaryId", "Choose who to pay."))
		} else if k := slices.IndexFunc(bens, func(b domain.Beneficiary) bool { return b.ID == id }); k < 0 {
			errs = append(errs, domain.FieldError(prefix+"beneficiaryId", "That beneficiary cannot be paid from this account; add it in Investec Online and pay it there once first."))
		} else {
			ben = &bens[k]
		}
		amount, aerr := payments.ParseAmount(prefix+"amount", lf.Amount)
		if aerr != nil {
			errs = append(errs, aerr)
		}
		myRef, theirRef, rerrs := checkReferences(prefix, lf.MyReference, lf.TheirReference)
		errs = append(errs, rerrs...)
		if ben != nil && lf.FasterPayment && !ben.FasterPaymentAllowed {
			msg := "This beneficiary does not allow faster payment."
			if fromCache {
				msg = "As far as the last sync knows, this beneficiary does not allow faster payment."
			}
			errs = append(errs, domain.FieldError(prefix+"fasterPayment", "%s", msg))
		}
		if ben != nil {
			name := ben.Name
			if strings.TrimSpace(name) == "" {
				name = ben.BeneficiaryName
			}
			lines = append(lines, domain.PayLine{TargetID: ben.ID, TargetName: name, TargetNumber: ben.AccountNumber,
				TargetBank: ben.Bank, Amount: amount, MyReference: myRef, TheirReference: theirRef, FasterPayment: lf.FasterPayment})
		}
	}
	var chosen *domain.PayAuthorisers
	if auth != nil {
		chosen = &domain.PayAuthorisers{}
		pick := func(field, what, id string, list []domain.PayChoice, dst *domain.PayChoice) {
			id = strings.TrimSpace(id)
			k := slices.IndexFunc(list, func(c domain.PayChoice) bool { return c.ID == id })
			switch {
			case id == "":
				errs = append(errs, domain.FieldError(field, "This account needs dual authorisation: choose %s.", what))
			case k < 0:
				errs = append(errs, domain.FieldError(field, "Choose %s from the account's authorisation setup.", what))
			default:
				*dst = list[k]
			}
		}
		pick("authoriserAId", "the first authoriser", f.AuthoriserAID, auth.AuthorisersA, &chosen.AuthoriserA)
		pick("authoriserBId", "the second authoriser", f.AuthoriserBID, auth.AuthorisersB, &chosen.AuthoriserB)
		pick("authPeriodId", "how long the payment may wait for authorisation", f.AuthPeriodID, auth.Periods, &chosen.Period)
	}
	if err := errs.Err(); err != nil {
		return domain.PayReview{}, err
	}
	return s.review(ctx, sess, domain.PayPayment, from, chosen, lines)
}

// review applies the checks that need the journal (daily limit, recent
// identical attempts, balance), splits the lines into requests and
// journals them as reviewed attempts.
func (s *Service) review(ctx context.Context, sess *session, kind domain.PayKind, from domain.Account,
	auth *domain.PayAuthorisers, lines []domain.PayLine) (domain.PayReview, error) {
	now := s.cfg.Now()
	var total domain.Money
	for _, l := range lines {
		var err error
		if total, err = total.AddChecked(l.Amount); err != nil {
			return domain.PayReview{}, domain.FieldError(totalField(kind), "The amounts add up to more than the app can handle.")
		}
	}
	limits, err := s.payLimits(ctx, sess, now)
	if err != nil {
		return domain.PayReview{}, err
	}
	if err := overLimit(kind, limits, total); err != nil {
		return domain.PayReview{}, err
	}
	groupID, err := newAttemptID()
	if err != nil {
		return domain.PayReview{}, err
	}
	ref := accountRef(from)
	review := domain.PayReview{
		GroupID: groupID, Kind: kind, From: ref, Total: total, Authorisers: auth, Warnings: []domain.PayWarning{},
		Limits: limits, ReviewedAt: store.PayStamp(now), ExpiresAt: store.PayStamp(now.Add(payments.ReviewTTL)),
	}
	switch {
	case ref.Available == nil:
		review.Warnings = append(review.Warnings, domain.PayWarning{Code: "balance_unknown", Field: totalField(kind),
			Message: "No balance is cached for this account, so it cannot be checked; sync first to see it."})
	case total > *ref.Available:
		review.Warnings = append(review.Warnings, domain.PayWarning{Code: "over_available", Field: totalField(kind),
			Message: fmt.Sprintf("R%s is more than the available balance of R%s at the last sync. Investec may refuse it.", total, *ref.Available)})
	}
	batches := payments.Split(lines, payments.MaxPerRequest)
	attempts := make([]domain.PayAttempt, 0, len(batches))
	for i, b := range batches {
		id, err := newAttemptID()
		if err != nil {
			return domain.PayReview{}, err
		}
		var bt domain.Money
		for _, l := range b {
			bt += l.Amount
		}
		a := domain.PayAttempt{ID: id, GroupID: groupID, BatchIndex: i + 1, BatchCount: len(batches), Kind: kind,
			From: ref, ProfileID: from.ProfileID, Lines: b, Total: bt, Authorisers: auth, Status: domain.PayReviewed}
		dup, err := s.duplicate(ctx, sess, now, a)
		if err != nil {
			return domain.PayReview{}, err
		}
		attempts = append(attempts, a)
		review.Batches = append(review.Batches, domain.PayBatch{AttemptID: id, Index: i + 1, Count: len(batches),
			Lines: b, Total: bt, Duplicate: dup})
	}
	if err := sess.store.CreatePayAttempts(ctx, now, attempts); err != nil {
		return domain.PayReview{}, err
	}
	if err := sess.store.DeleteStaleReviews(ctx, now.Add(-keepReviews)); err != nil {
		s.log.Warn("pay: delete stale reviews", "err", err)
	}
	return review, nil
}

func totalField(kind domain.PayKind) string {
	if kind == domain.PayTransfer {
		return "amount"
	}
	return "total"
}

// overLimit refuses a total that would take today's money moved over the
// daily limit.
func overLimit(kind domain.PayKind, l domain.PayLimits, total domain.Money) error {
	after, err := l.UsedToday.AddChecked(total)
	if err == nil && after <= l.DailyLimit {
		return nil
	}
	return domain.FieldError(totalField(kind),
		"This would take today's transfers and payments to R%s, over your daily limit of R%s (R%s left today). Change the limit in the Pay & Transfer settings if you mean to.",
		after, l.DailyLimit, l.Remaining)
}

// duplicate returns the duplicate warning for an attempt when one of its
// lines is identical to a line of an attempt sent in the last ten minutes.
func (s *Service) duplicate(ctx context.Context, sess *session, now time.Time, a domain.PayAttempt) (*domain.PayDuplicate, error) {
	fps := make([]string, len(a.Lines))
	for i, l := range a.Lines {
		fps[i] = payments.Fingerprint(a.Kind, a.From.ID, l.TargetID, l.Amount, l.MyReference, l.TheirReference)
	}
	hits, err := sess.store.RecentIdentical(ctx, fps, now.Add(-payments.DuplicateWindow), a.ID)
	if err != nil || len(hits) == 0 {
		return nil, err
	}
	var latest store.PayIdentical
	var line domain.PayLine
	for i, fp := range fps {
		if h, ok := hits[fp]; ok && h.SentAt.After(latest.SentAt) {
			latest, line = h, a.Lines[i]
		}
	}
	mins, ago := payments.MinutesAgo(now, latest.SentAt)
	what := "payment"
	if a.Kind == domain.PayTransfer {
		what = "transfer"
	}
	msg := fmt.Sprintf("You sent the same %s %s: R%s to %s, \"%s\" / \"%s\". Send it again only if you mean to pay twice.",
		what, ago, line.Amount, line.TargetName, line.MyReference, line.TheirReference)
	if len(hits) > 1 {
		msg = fmt.Sprintf("%d of these payments are identical to ones sent in the last %d minutes; the latest %s. Send them again only if you mean to pay twice.",
			len(hits), int(payments.DuplicateWindow/time.Minute), ago)
	}
	return &domain.PayDuplicate{AttemptID: latest.AttemptID, SentAt: store.PayStamp(latest.SentAt), MinutesAgo: mins, Message: msg}, nil
}

// ConfirmPay sends one reviewed attempt, once. Typed must be the attempt's
// amount again or CONFIRM; an identical attempt sent in the last ten
// minutes needs AcknowledgeDuplicate too. Confirming an attempt that was
// already confirmed (a double click, a retry, another window) never sends
// it again: it returns the first confirmation's outcome. Refusals before
// sending (wrong confirmation, expired review, daily limit, duplicate not
// acknowledged) are errors and leave the attempt reviewed; once sent, the
// outcome — success, refusal, failure or unknown — is returned as the
// journal entry, not as an error. An unknown outcome is never resent.
func (s *Service) ConfirmPay(ctx context.Context, c domain.PayConfirmation) (domain.PayAttempt, error) {
	sess, err := s.paySession(ctx)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	unlock := attemptLocks.lock(c.AttemptID)
	defer unlock()
	a, err := sess.store.PayAttempt(ctx, c.AttemptID)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	if a.Status != domain.PayReviewed {
		return describeAttempt(a), nil
	}
	now := s.cfg.Now()
	if reviewed, err := store.ParsePayStamp(a.ReviewedAt); err != nil || now.Sub(reviewed) > payments.ReviewTTL {
		return domain.PayAttempt{}, domain.Errorf(domain.CodeInvalid,
			"This review is more than %d minutes old. Review the %s again before sending it.", int(payments.ReviewTTL/time.Minute), kindWord(a.Kind))
	}
	if !payments.ConfirmationMatches(c.Typed, a.Total) {
		return domain.PayAttempt{}, domain.FieldError("typed", "Type the amount, %s, or the word %s to send.", a.Total, payments.ConfirmWord)
	}
	limits, err := s.payLimits(ctx, sess, now)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	if err := overLimit(a.Kind, limits, a.Total); err != nil {
		return domain.PayAttempt{}, domain.Wrap(err, domain.CodeInvalid, domain.ErrorMessage(err))
	}
	dup, err := s.duplicate(ctx, sess, now, a)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	if dup != nil && !c.AcknowledgeDuplicate {
		return domain.PayAttempt{}, &domain.Error{Code: domain.CodeConflict, Field: "acknowledgeDuplicate", Message: dup.Message}
	}
	claimed, err := sess.store.ClaimPayAttempt(ctx, a.ID, now, dup != nil && c.AcknowledgeDuplicate)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	if !claimed { // another process confirmed it first
		a, err = sess.store.PayAttempt(ctx, a.ID)
		if err != nil {
			return domain.PayAttempt{}, err
		}
		return describeAttempt(a), nil
	}
	// From here the attempt is journaled as sending: whatever happens to
	// ctx, its outcome is recorded.
	res, sendErr := s.send(ctx, sess, a)
	out := outcome(a, res, sendErr)
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := sess.store.FinishPayAttempt(wctx, a.ID, s.cfg.Now(), out); err != nil {
		// The row stays "sending" and turns unknown later: never resent.
		s.log.Error("pay: record outcome", "attempt", a.ID, "status", out.Status, "err", err)
		return domain.PayAttempt{}, domain.Wrap(err, domain.CodeUnknownOutcome,
			"The answer from Investec could not be saved. Check your transactions before trying again.")
	}
	s.log.Info("pay: sent", "attempt", a.ID, "kind", a.Kind, "items", len(a.Lines), "status", out.Status, "code", out.ErrorCode)
	a, err = sess.store.PayAttempt(wctx, a.ID)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	return describeAttempt(a), nil
}

func kindWord(k domain.PayKind) string {
	if k == domain.PayTransfer {
		return "transfer"
	}
	return "payment"
}

// send makes the one POST for an attempt.
func (s *Service) send(ctx context.Context, sess *session, a domain.PayAttempt) (*investec.TransferResult, error) {
	client, err := sess.api(ctx)
	if err != nil {
		return nil, err
	}
	if a.Kind == domain.PayTransfer {
		req := &investec.TransferRequest{ProfileID: a.ProfileID}
		for _, l := range a.Lines {
			req.TransferList = append(req.TransferList, investec.Transfer{BeneficiaryAccountID: l.TargetID, Amount: l.Amount,
				MyReference: l.MyReference, TheirReference: l.TheirReference})
		}
		return client.TransferMultiple(ctx, a.From.ID, req)
	}
	req := &investec.PaymentRequest{}
	for _, l := range a.Lines {
		p := investec.Payment{BeneficiaryID: l.TargetID, Amount: l.Amount, MyReference: l.MyReference,
			TheirReference: l.TheirReference, FasterPayment: l.FasterPayment}
		if au := a.Authorisers; au != nil {
			p.AuthoriserAID, p.AuthoriserBID, p.AuthPeriodID = au.AuthoriserA.ID, au.AuthoriserB.ID, au.Period.ID
		}
		req.PaymentList = append(req.PaymentList, p)
	}
	return client.PayMultiple(ctx, a.From.ID, req)
}

// outcome turns the bank's answer (or the failure) into what the journal
// records. Only failures that certainly happened before anything reached
// the bank, or that the bank refused, count as "no money moved"; anything
// else is unknown.
func outcome(a domain.PayAttempt, res *investec.TransferResult, err error) store.PayOutcome {
	if err == nil {
		lines := responseLines(a.Lines, res.Responses)
		got := 0
		for _, l := range lines {
			if l.PaymentReference != "" || len(l.BankStatus) > 0 {
				got++
			}
		}
		o := store.PayOutcome{Status: domain.PaySucceeded, Lines: lines}
		if rerr := res.Err(); rerr != nil {
			var re *investec.ResultError
			if errors.As(rerr, &re) {
				o.BankMessage = re.Message
			}
			o.ErrorCode, o.ErrorMessage = domain.CodeBankError, "Investec refused it: "+o.BankMessage
			o.Status = domain.PayRejected
			if len(res.Responses) > 0 {
				o.Status = domain.PayPartial
				o.ErrorMessage = fmt.Sprintf("Investec reported an error (%s) but answered for %d of %d items; check your transactions.", o.BankMessage, got, len(lines))
			}
			return o
		}
		if got < len(lines) {
			o.Status, o.ErrorCode = domain.PayPartial, domain.CodeBankError
			o.ErrorMessage = fmt.Sprintf("Investec answered for %d of %d items; check your transactions for the others.", got, len(lines))
		}
		return o
	}
	de := investec.DomainError(err)
	fail := func(status domain.PayStatus, prefix string) store.PayOutcome {
		msg := prefix + domain.ErrorMessage(de)
		if domain.ErrorCode(de) == domain.CodeForbidden {
			msg += " " + PermissionHelp
		}
		return store.PayOutcome{Status: status, ErrorCode: domain.ErrorCode(de), ErrorMessage: msg}
	}
	var api *investec.APIError
	var dErr *domain.Error
	switch {
	case investec.IsUnknownOutcome(err):
		return store.PayOutcome{Status: domain.PayUnknown, ErrorCode: domain.CodeUnknownOutcome,
			ErrorMessage: "Investec's answer did not arrive (" + unknownCause(err) + "), so it may or may not have been made. " +
				"It will not be sent again automatically: check your transactions; the next sync looks for it."}
	case errors.Is(err, investec.ErrForbidden), errors.Is(err, investec.ErrRateLimited), errors.Is(err, investec.ErrUnauthorized),
		errors.Is(err, investec.ErrOffline), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fail(domain.PayFailed, "Not sent: ")
	case errors.As(err, &api) && api.StatusCode >= 400 && api.StatusCode < 500:
		out := fail(domain.PayRejected, "")
		out.BankMessage = api.Message
		return out
	case errors.As(err, &dErr) && (dErr.Code == domain.CodeInvalid || dErr.Code == domain.CodeKeyring || dErr.Code == domain.CodeUnauthorized):
		return fail(domain.PayFailed, "Not sent: ")
	}
	return store.PayOutcome{Status: domain.PayUnknown, ErrorCode: domain.CodeUnknownOutcome,
		ErrorMessage: "Something went wrong after the request was sent, so it may or may not have been made. " +
			"It will not be sent again automatically: check your transactions; the next sync looks for it."}
}

// unknownCause describes why an outcome is unknown, safely.
func unknownCause(err error) string {
	var api *investec.APIError
	switch {
	case errors.As(err, &api):
		return fmt.Sprintf("Investec answered with a server error, %d", api.StatusCode)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return "the wait for it ended"
	}
	var ne *investec.NetworkError
	if errors.As(err, &ne) && ne.Timeout {
		return "the request timed out"
	}
	var dec *investec.DecodeError
	if errors.As(err, &dec) {
		return "the answer could not be read"
	}
	return "the connection dropped"
}

// responseLines copies the bank's answers onto the attempt's lines: by
// position when the bank answered for every line, else by destination.
func responseLines(lines []domain.PayLine, resp []investec.TransferResponse) []domain.PayLine {
	out := make([]domain.PayLine, len(lines))
	copy(out, lines)
	apply := func(i int, r investec.TransferResponse) {
		out[i].PaymentReference = r.PaymentReferenceNumber
		out[i].PaymentDate = r.PaymentDateISO()
		out[i].BankStatus = r.StatusLines()
		out[i].BeneficiaryName = r.BeneficiaryName
		out[i].AuthorisationRequired = r.AuthorisationRequired
	}
	if len(resp) == len(lines) {
		for i, r := range resp {
			apply(i, r)
		}
		return out
	}
	used := make([]bool, len(lines))
	for _, r := range resp {
		for i, l := range lines {
			if !used[i] && l.TargetID == r.BeneficiaryAccountID {
				used[i] = true
				apply(i, r)
				break
			}
		}
	}
	return out
}

// describeAttempt fills in the words for an attempt's status.
func describeAttempt(a domain.PayAttempt) domain.PayAttempt {
	switch a.Status {
	case domain.PayReviewed:
		a.StatusText = "Reviewed — not sent"
	case domain.PaySending:
		a.StatusText = "Sending — waiting for Investec"
	case domain.PaySucceeded:
		a.StatusText = "Sent"
		if slices.ContainsFunc(a.Lines, func(l domain.PayLine) bool { return l.AuthorisationRequired }) {
			a.StatusText = "Sent — waiting for authorisation in Investec Online"
		}
	case domain.PayPartial:
		a.StatusText = "Partly sent — check your transactions"
	case domain.PayRejected:
		a.StatusText = "Refused by Investec — nothing was sent"
	case domain.PayFailed:
		a.StatusText = "Not sent"
	case domain.PayUnknown:
		a.StatusText = "Unknown — check your transactions"
	case domain.PayMatched:
		a.StatusText = "Matched to a posted transaction"
	}
	return a
}

// PayJournal returns the journal of transfers and payments, newest first
// (at most limit entries; all when limit <= 0).
func (s *Service) PayJournal(ctx context.Context, limit int) ([]domain.PayAttempt, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Now()
	if _, err := sess.store.ExpireStalePaySending(ctx, now.Add(-staleSending), now, staleMessage); err != nil {
		return nil, err
	}
	list, err := sess.store.ListPayAttempts(ctx, limit)
	if err != nil {
		return nil, err
	}
	out := make([]domain.PayAttempt, 0, len(list))
	for _, a := range list {
		out = append(out, describeAttempt(a))
	}
	return out, nil
}

// PayAttempt returns one journal entry (or a review) by its ID.
func (s *Service) PayAttempt(ctx context.Context, id string) (domain.PayAttempt, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	a, err := sess.store.PayAttempt(ctx, id)
	if err != nil {
		return domain.PayAttempt{}, err
	}
	return describeAttempt(a), nil
}

// SyncAfterPayment syncs so a transfer's or payment's transactions and the
// new balances appear. When another sync is running it waits for it to end
// and syncs again, since that one may have fetched before the money moved.
func (s *Service) SyncAfterPayment(ctx context.Context) (domain.SyncRun, error) {
	for try := 1; ; try++ {
		run, err := s.Sync(ctx, TriggerAction)
		if domain.ErrorCode(err) != domain.CodeConflict || try >= 3 {
			return run, err
		}
		for s.syncCancel.Load() != nil {
			if err := sleepCtx(ctx, 200*time.Millisecond); err != nil {
				return run, err
			}
		}
		if err := sleepCtx(ctx, time.Second); err != nil {
			return run, err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// matchPaymentsAfterSync runs after every successful sync: it looks for the
// posted transactions of attempts whose outcome was unknown. Problems are
// logged, never fail the sync.
func (s *Service) matchPaymentsAfterSync(ctx context.Context, sess *session) {
	n, err := s.matchUnknownPayments(ctx, sess)
	if err != nil {
		s.log.Warn("pay: match unknown outcomes", "err", err)
		return
	}
	if n > 0 {
		s.log.Info("pay: matched unknown outcomes to posted transactions", "items", n)
	}
}

// matchUnknownPayments matches each item of an unknown attempt to a posted
// debit in its source account of the same amount, posted within a few days
// of the attempt, whose description carries my reference; one transaction
// explains at most one item. It returns how many items it matched.
func (s *Service) matchUnknownPayments(ctx context.Context, sess *session) (int, error) {
	now := s.cfg.Now()
	if _, err := sess.store.ExpireStalePaySending(ctx, now.Add(-staleSending), now, staleMessage); err != nil {
		return 0, err
	}
	unknown, err := sess.store.UnknownPayAttempts(ctx)
	if err != nil {
		return 0, err
	}
	matched := 0
	for _, a := range unknown {
		sentAt, err := store.ParsePayStamp(a.SentAt)
		if err != nil {
			continue
		}
		from, to := payments.MatchWindow(sentAt)
		for i, l := range a.Lines {
			if l.Match != nil {
				continue
			}
			amount := l.Amount
			page, err := sess.store.ListTransactions(ctx, domain.TransactionFilter{AccountIDs: []string{a.From.ID},
				FromDate: from, ToDate: to, Direction: domain.Debit, Status: domain.StatusPosted,
				MinAmount: &amount, MaxAmount: &amount, Sort: domain.SortDate, Limit: store.MaxPageSize})
			if err != nil {
				return matched, err
			}
			var cands []domain.Transaction
			for _, t := range page.Rows {
				if payments.Candidate(t, a.From.ID, l.Amount, l.MyReference, sentAt) {
					cands = append(cands, t)
				}
			}
			slices.SortStableFunc(cands, func(x, y domain.Transaction) int {
				switch {
				case payments.Closer(x, y, sentAt):
					return -1
				case payments.Closer(y, x, sentAt):
					return 1
				}
				return 0
			})
			for _, t := range cands {
				ok, err := sess.store.MatchPayItem(ctx, a.ID, i, payments.MatchKey(t), t, now)
				if err != nil {
					return matched, err
				}
				if ok {
					matched++
					break
				}
			}
		}
	}
	return matched, nil
}

// SavePayTemplate saves a transfer or payment as a named template (ID 0
// creates one). The form is kept as typed; it is checked when used.
func (s *Service) SavePayTemplate(ctx context.Context, t domain.PayTemplate) (domain.PayTemplate, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.PayTemplate{}, err
	}
	t.Name = strings.TrimSpace(t.Name)
	var errs domain.ValidationErrors
	switch {
	case t.Name == "":
		errs = append(errs, domain.FieldError("name", "Give the template a name."))
	case utf8.RuneCountInString(t.Name) > maxTemplateName:
		errs = append(errs, domain.FieldError("name", "Keep the name to %d characters.", maxTemplateName))
	case strings.ContainsFunc(t.Name, unicode.IsControl):
		errs = append(errs, domain.FieldError("name", "The name cannot contain control characters."))
	}
	switch t.Kind {
	case domain.PayTransfer:
		t.Payment = nil
		if t.Transfer == nil {
			errs = append(errs, domain.FieldError("kind", "There is no transfer to save."))
		}
	case domain.PayPayment:
		t.Transfer = nil
		if t.Payment == nil {
			errs = append(errs, domain.FieldError("kind", "There is no payment to save."))
		} else if len(t.Payment.Lines) > payments.MaxLines {
			errs = append(errs, domain.FieldError("lines", "A template holds at most %d payments.", payments.MaxLines))
		}
	default:
		errs = append(errs, domain.FieldError("kind", "A template holds a transfer or a payment."))
	}
	if err := errs.Err(); err != nil {
		return domain.PayTemplate{}, err
	}
	return sess.store.SavePayTemplate(ctx, t, s.cfg.Now())
}

// PayTemplates returns the saved templates by name.
func (s *Service) PayTemplates(ctx context.Context) ([]domain.PayTemplate, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sess.store.ListPayTemplates(ctx)
}

// DeletePayTemplate removes a template.
func (s *Service) DeletePayTemplate(ctx context.Context, id int64) error {
	sess, err := s.current(ctx)
	if err != nil {
		return err
	}
	return sess.store.DeletePayTemplate(ctx, id)
}
