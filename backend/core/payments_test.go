package core_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/core"
	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/secrets"
)

// testClock is a settable clock shared by the sandbox and the core.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// payEnv is a core Service on a custom connection to the built-in sandbox,
// served over real HTTP through a recorder that counts every transfer and
// payment POST the bank receives.
type payEnv struct {
	svc   *core.Service
	sb    *sandbox.Server
	bank  *bankRecorder // transfermultiple and paymultiple
	clock *testClock

	pba, saver, cash, studio domain.Account // the sandbox's private accounts
}

// restrictedKey is an API key without the transfers permission.
var restrictedKey = sandbox.Key{
	ClientID: "restricted-client-0001", Secret: "restricted-secret-0001", APIKey: "restricted-api-key-0000000001",
	Scopes: []string{sandbox.ScopeAccounts, sandbox.ScopeBalances, sandbox.ScopeTransactions, sandbox.ScopeBeneficiaryPayments},
}

// payT0 is Monday 16 March 2026, 10:00 in South Africa.
var payT0 = time.Date(2026, 3, 16, 8, 0, 0, 0, time.UTC)

func newPayEnv(t *testing.T, key *sandbox.Key) *payEnv {
	t.Helper()
	clk := &testClock{t: payT0}
	sb, err := sandbox.New(sandbox.Options{Now: clk.now, Keys: []sandbox.Key{restrictedKey}})
	if err != nil {
		t.Fatal(err)
	}
	e := &payEnv{sb: sb, clock: clk}
	e.bank = recordBank(t, sb, func(path string) bool {
		return strings.HasSuffix(path, "/transfermultiple") || strings.HasSuffix(path, "/paymultiple")
	})
	svc, err := core.Open(core.Config{DataDir: t.TempDir(), Secrets: secrets.NewMemory(), Now: clk.now,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Close() })
	e.svc = svc
	creds := domain.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}
	if key != nil {
		creds = domain.Credentials{ClientID: key.ClientID, ClientSecret: key.Secret, APIKey: key.APIKey}
	}
	ctx := t.Context()
	conn, err := svc.AddConnection(ctx, domain.NewConnection{Name: "Bank", Kind: domain.KindCustom, BaseURL: e.bank.URL, Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SwitchConnection(ctx, conn.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Sync(ctx, core.TriggerManual); err != nil {
		t.Fatal(err)
	}
	all := sb.Accounts()
	e.pba, e.saver, e.cash, e.studio = all[0], all[1], all[2], all[3]
	return e
}

// sent returns the transfer and payment requests the bank received.
func (e *payEnv) sent() []post { return e.bank.sent() }

func (e *payEnv) transfer(amount, myRef, theirRef string) domain.TransferForm {
	return domain.TransferForm{FromAccountID: e.pba.ID, ToAccountID: e.saver.ID, Amount: amount, MyReference: myRef, TheirReference: theirRef}
}

// cached returns the cached account with id.
func (e *payEnv) cached(t *testing.T, id string) domain.Account {
	t.Helper()
	accounts, err := e.svc.Accounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accounts {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("account %s not cached", id)
	return domain.Account{}
}

// reviewAndConfirm reviews a transfer and confirms its only batch by typing
// the amount.
func (e *payEnv) reviewAndConfirm(t *testing.T, f domain.TransferForm) domain.PayAttempt {
	t.Helper()
	r, err := e.svc.ReviewTransfer(t.Context(), f)
	if err != nil {
		t.Fatalf("review %+v: %v", f, err)
	}
	a, err := e.svc.ConfirmPay(t.Context(), domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: f.Amount})
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}
	return a
}

func TestTransferSendsExactlyWhatWasReviewedOnce(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	before := map[string]domain.Money{e.pba.ID: e.cached(t, e.pba.ID).Balance.Current, e.saver.ID: e.cached(t, e.saver.ID).Balance.Current}

	r, err := e.svc.ReviewTransfer(ctx, e.transfer(" 10.12 ", " Savings ", "From everyday"))
	if err != nil {
		t.Fatal(err)
	}
	b := r.Batches
	if r.Kind != domain.PayTransfer || r.Total != 1012 || r.From.ID != e.pba.ID || r.From.Number != e.pba.Number ||
		r.From.Name != "Thandi's Everyday" || len(b) != 1 || b[0].Index != 1 || b[0].Count != 1 || b[0].Total != 1012 ||
		b[0].Duplicate != nil || len(r.Warnings) != 0 {
		t.Fatalf("review = %+v", r)
	}
	l := b[0].Lines[0]
	if l.TargetID != e.saver.ID || l.TargetName != "Rainy Day Fund" || l.TargetNumber != e.saver.Number || l.Amount != 1012 ||
		l.MyReference != "Savings" || l.TheirReference != "From everyday" {
		t.Fatalf("reviewed line = %+v", l)
	}
	if len(e.sent()) != 0 {
		t.Fatal("a review sent something")
	}
	if j, _ := e.svc.PayJournal(ctx, 0); len(j) != 0 {
		t.Fatalf("a review is not a sent attempt: %+v", j)
	}

	// The wrong confirmation sends nothing.
	for _, typed := range []string{"", "10.13", "yes", "1012"} {
		_, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: b[0].AttemptID, Typed: typed})
		if domain.ErrorCode(err) != domain.CodeInvalid || domain.ErrorField(err) != "typed" || !strings.Contains(domain.ErrorMessage(err), "10.12") {
			t.Fatalf("confirm with %q: %v", typed, err)
		}
	}
	if len(e.sent()) != 0 {
		t.Fatal("a refused confirmation sent something")
	}

	a, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: b[0].AttemptID, Typed: "10.12"})
	if err != nil {
		t.Fatal(err)
	}
	got := a.Lines[0]
	if a.Status != domain.PaySucceeded || a.StatusText != "Sent" || a.ErrorCode != "" || !strings.HasPrefix(got.PaymentReference, "UBP") ||
		got.PaymentDate != "2026-03-16" || got.BeneficiaryName != "Rainy Day Fund" ||
		strings.Join(got.BankStatus, "|") != "No authorisation necessary|Payment/Transfer effective date 16/03/2026" {
		t.Fatalf("outcome = %+v", a)
	}
	posts := e.sent()
	if len(posts) != 1 {
		t.Fatalf("%d requests, want 1", len(posts))
	}
	want := fmt.Sprintf(`{"transferList":[{"beneficiaryAccountId":%q,"amount":"10.12","myReference":"Savings","theirReference":"From everyday"}],"profileId":%q}`,
		e.saver.ID, e.pba.ProfileID)
	if posts[0].body != want || posts[0].path != "/za/pb/v1/accounts/"+e.pba.ID+"/transfermultiple" {
		t.Fatalf("request %s\n%s\nwant\n%s", posts[0].path, posts[0].body, want)
	}

	// Confirming again (a double click, a retry) returns the first outcome
	// and sends nothing.
	again, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: b[0].AttemptID, Typed: "CONFIRM"})
	if err != nil || again.Status != domain.PaySucceeded || again.Lines[0].PaymentReference != got.PaymentReference || len(e.sent()) != 1 {
		t.Fatalf("second confirm = %+v, %v (%d requests)", again, err, len(e.sent()))
	}

	// After the sync both legs are cached and both balances moved by exactly
	// the amount.
	if _, err := e.svc.SyncAfterPayment(ctx); err != nil {
		t.Fatal(err)
	}
	if d := e.cached(t, e.pba.ID).Balance.Current - before[e.pba.ID]; d != -1012 {
		t.Errorf("source balance moved by %s", d)
	}
	if d := e.cached(t, e.saver.ID).Balance.Current - before[e.saver.ID]; d != 1012 {
		t.Errorf("destination balance moved by %s", d)
	}
	for _, leg := range []struct {
		id   string
		dir  domain.Direction
		desc string
	}{{e.pba.ID, domain.Debit, "Savings"}, {e.saver.ID, domain.Credit, "From everyday"}} {
		amt := domain.Money(1012)
		page, err := e.svc.Transactions(ctx, domain.TransactionFilter{AccountIDs: []string{leg.id}, Direction: leg.dir,
			MinAmount: &amt, MaxAmount: &amt, FromDate: "2026-03-16"})
		if err != nil || len(page.Rows) != 1 || page.Rows[0].Description != leg.desc || page.Rows[0].PostingDate != "2026-03-16" {
			t.Errorf("%s leg: %+v, %v", leg.dir, page.Rows, err)
		}
	}
	j, err := e.svc.PayJournal(ctx, 0)
	if err != nil || len(j) != 1 || j[0].ID != a.ID || j[0].Status != domain.PaySucceeded {
		t.Fatalf("journal = %+v, %v", j, err)
	}
}

func TestPaymentWithDualAuthorisationSendsTheApiFields(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()

	plain, err := e.svc.PayAccount(ctx, e.pba.ID)
	if err != nil || plain.Authorisation != nil || plain.FromCache || len(plain.Beneficiaries) != 7 {
		t.Fatalf("Thandi's account: %+v, %v", plain, err)
	}
	setup, err := e.svc.PayAccount(ctx, e.studio.ID)
	if err != nil || setup.Authorisation == nil || setup.Authorisation.Required != 2 || len(setup.Beneficiaries) != 4 {
		t.Fatalf("studio account: %+v, %v", setup, err)
	}
	au := setup.Authorisation
	var kagiso domain.Beneficiary
	for _, b := range setup.Beneficiaries {
		if b.Name == "Kagiso Molefe" {
			kagiso = b
		}
	}
	if !kagiso.FasterPaymentAllowed || kagiso.Bank != "FIRST NATIONAL BANK" || kagiso.AccountNumber == "" {
		t.Fatalf("beneficiary = %+v", kagiso)
	}
	form := domain.PaymentForm{FromAccountID: e.studio.ID, Lines: []domain.PaymentLineForm{{
		BeneficiaryID: kagiso.ID, Amount: "250", MyReference: "Salary March", TheirReference: "Mokoena Design", FasterPayment: true,
	}}}
	// Without the authorisers the review refuses, naming each field.
	_, err = e.svc.ReviewPayment(ctx, form)
	p := domain.Payload(err)
	if p.Code != domain.CodeInvalid || len(p.Fields) != 3 || p.Fields[0].Field != "authoriserAId" || p.Fields[1].Field != "authoriserBId" || p.Fields[2].Field != "authPeriodId" {
		t.Fatalf("without authorisers: %+v", p)
	}
	form.AuthoriserAID, form.AuthoriserBID, form.AuthPeriodID = au.AuthorisersA[0].ID, au.AuthorisersB[1].ID, au.Periods[2].ID
	r, err := e.svc.ReviewPayment(ctx, form)
	if err != nil {
		t.Fatal(err)
	}
	if r.Authorisers == nil || r.Authorisers.AuthoriserA.Name != au.AuthorisersA[0].Name || r.Authorisers.Period.Name != au.Periods[2].Name ||
		r.Batches[0].Lines[0].TargetName != "Kagiso Molefe" || !r.Batches[0].Lines[0].FasterPayment {
		t.Fatalf("review = %+v", r)
	}
	a, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "CONFIRM"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != domain.PaySucceeded || !a.Lines[0].AuthorisationRequired || a.StatusText != "Sent — waiting for authorisation in Investec Online" ||
		a.Authorisers == nil || a.Authorisers.AuthoriserB.ID != au.AuthorisersB[1].ID {
		t.Fatalf("outcome = %+v", a)
	}
	posts := e.sent()
	want := fmt.Sprintf(`{"paymentList":[{"beneficiaryId":%q,"amount":"250.00","myReference":"Salary March","theirReference":"Mokoena Design",`+
		`"authoriserAId":%q,"authoriserBId":%q,"authPeriodId":%q,"fasterPayment":true}]}`,
		kagiso.ID, au.AuthorisersA[0].ID, au.AuthorisersB[1].ID, au.Periods[2].ID)
	if len(posts) != 1 || posts[0].body != want || posts[0].path != "/za/pb/v1/accounts/"+e.studio.ID+"/paymultiple" {
		t.Fatalf("requests = %+v\nwant %s", posts, want)
	}

	// An account without dual authorisation sends none of those fields.
	var sipho domain.Beneficiary
	for _, b := range plain.Beneficiaries {
		if b.Name == "Sipho Dlamini" {
			sipho = b
		}
	}
	r, err = e.svc.ReviewPayment(ctx, domain.PaymentForm{FromAccountID: e.pba.ID, AuthoriserAID: "ignored",
		Lines: []domain.PaymentLineForm{{BeneficiaryID: sipho.ID, Amount: "99.5", MyReference: "Book club", TheirReference: "Thandi"}}})
	if err != nil {
		t.Fatal(err)
	}
	if a, err = e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "99.50"}); err != nil || a.Status != domain.PaySucceeded {
		t.Fatalf("payment: %+v, %v", a, err)
	}
	want = fmt.Sprintf(`{"paymentList":[{"beneficiaryId":%q,"amount":"99.50","myReference":"Book club","theirReference":"Thandi"}]}`, sipho.ID)
	if posts = e.sent(); len(posts) != 2 || posts[1].body != want {
		t.Fatalf("request = %s\nwant %s", posts[len(posts)-1].body, want)
	}
	// The bank recorded it as the beneficiary's last payment.
	if _, err := e.svc.SyncAfterPayment(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := e.svc.PayAccount(ctx, e.pba.ID)
	for _, b := range after.Beneficiaries {
		if b.ID == sipho.ID && (b.LastPaymentAmount == nil || *b.LastPaymentAmount != 9950 || b.LastPaymentDate != "2026-03-16") {
			t.Fatalf("last payment = %+v", b)
		}
	}
}

// TestUnknownOutcomesAreNeverResent sends transfers into a server error, a
// timeout and a connection dropped after sending: each is journaled as
// unknown after exactly one request, confirming again sends nothing, and
// the next sync matches only the one the bank actually made.
func TestUnknownOutcomesAreNeverResent(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	onPost := sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/pb/v1/accounts/"}
	cases := []struct {
		name   string
		amount string
		fault  func()
		ctx    func() (context.Context, context.CancelFunc)
		done   bool // the bank made the transfer before the failure
	}{
		{name: "server error", amount: "11.00", fault: func() { e.sb.Faults().Fail(1, http.StatusBadGateway, onPost) }},
		{name: "timeout", amount: "12.00", fault: func() { e.sb.Faults().Delay(1, 30*time.Second, onPost) },
			ctx: func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 700*time.Millisecond) }},
		{name: "dropped after sending", amount: "13.00", fault: func() { e.sb.Faults().DropResponse(1, onPost) }, done: true},
	}
	ids := map[string]string{}
	for i, c := range cases {
		r, err := e.svc.ReviewTransfer(ctx, e.transfer(c.amount, "Unknown "+c.name, "Unknown"))
		if err != nil {
			t.Fatal(err)
		}
		c.fault()
		cctx, cancel := ctx, context.CancelFunc(func() {})
		if c.ctx != nil {
			cctx, cancel = c.ctx()
		}
		a, err := e.svc.ConfirmPay(cctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: c.amount})
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if a.Status != domain.PayUnknown || a.ErrorCode != domain.CodeUnknownOutcome || a.StatusText != "Unknown — check your transactions" ||
			!strings.Contains(a.ErrorMessage, "will not be sent again") {
			t.Fatalf("%s: outcome = %+v", c.name, a)
		}
		if n := len(e.sent()); n != i+1 {
			t.Fatalf("%s: %d requests, want %d", c.name, n, i+1)
		}
		e.sb.Faults().Clear()
		again, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: a.ID, Typed: c.amount, AcknowledgeDuplicate: true})
		if err != nil || again.Status != domain.PayUnknown || len(e.sent()) != i+1 {
			t.Fatalf("%s: confirming again = %+v, %v; %d requests", c.name, again, err, len(e.sent()))
		}
		ids[c.name] = a.ID
	}
	// Unknown outcomes count towards today's limit: they may have happened.
	l, err := e.svc.PayLimits(ctx)
	if err != nil || l.UsedToday != 3600 {
		t.Fatalf("limits = %+v, %v", l, err)
	}
	if _, err := e.svc.SyncAfterPayment(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		a, err := e.svc.PayAttempt(ctx, ids[c.name])
		if err != nil {
			t.Fatal(err)
		}
		m := a.Lines[0].Match
		if !c.done {
			if a.Status != domain.PayUnknown || m != nil {
				t.Errorf("%s: the bank never made it, yet %+v", c.name, a)
			}
			continue
		}
		if a.Status != domain.PayMatched || a.StatusText != "Matched to a posted transaction" || a.MatchedAt == "" || m == nil ||
			m.AccountID != e.pba.ID || m.Amount != 1300 || m.Description != "Unknown "+c.name || m.PostingDate != "2026-03-16" {
			t.Errorf("%s: after sync = %+v (match %+v)", c.name, a, m)
		}
	}
	// Nothing was ever sent a second time.
	if n := len(e.sent()); n != len(cases) {
		t.Fatalf("%d requests in all, want %d", n, len(cases))
	}
}

func TestConfirmingConcurrentlySendsOnce(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	r, err := e.svc.ReviewTransfer(ctx, e.transfer("42.00", "Double click", "Double click"))
	if err != nil {
		t.Fatal(err)
	}
	// Slow the bank down so the clicks overlap the request.
	e.sb.Faults().Delay(1, 300*time.Millisecond, sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/pb/v1/accounts/"})
	const clicks = 8
	results := make([]domain.PayAttempt, clicks)
	errs := make([]error, clicks)
	var wg sync.WaitGroup
	for i := range clicks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "42"})
		}()
	}
	wg.Wait()
	for i := range clicks {
		if errs[i] != nil || results[i].Status != domain.PaySucceeded || results[i].Lines[0].PaymentReference != results[0].Lines[0].PaymentReference {
			t.Fatalf("click %d: %+v, %v", i, results[i], errs[i])
		}
	}
	if n := len(e.sent()); n != 1 {
		t.Fatalf("%d requests for %d clicks, want 1", n, clicks)
	}
}

func TestBankRefusalsAndFailuresAreJournaled(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	if _, err := e.svc.SetPayDailyLimit(ctx, "1000000"); err != nil {
		t.Fatal(err)
	}

	// More than the saver has: the review warns but does not block; the bank
	// refuses in its answer.
	f := domain.TransferForm{FromAccountID: e.saver.ID, ToAccountID: e.pba.ID, Amount: "500000", MyReference: "Too much", TheirReference: "Too much"}
	r, err := e.svc.ReviewTransfer(ctx, f)
	if err != nil || len(r.Warnings) != 1 || r.Warnings[0].Code != "over_available" || r.Warnings[0].Field != "amount" ||
		!strings.Contains(r.Warnings[0].Message, "R500000.00 is more than the available balance") {
		t.Fatalf("review = %+v, %v", r, err)
	}
	a, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "500000.00"})
	if err != nil || a.Status != domain.PayRejected || a.ErrorCode != domain.CodeBankError ||
		a.BankMessage != "Insufficient funds available to make this transfer." || a.StatusText != "Refused by Investec — nothing was sent" {
		t.Fatalf("insufficient funds = %+v, %v", a, err)
	}

	// A 400 with Investec's bare-string body.
	e.sb.Faults().Fail(1, http.StatusBadRequest, sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/pb/v1/accounts/"})
	a = e.reviewAndConfirm(t, e.transfer("5", "Bad request", "Bad request"))
	if a.Status != domain.PayRejected || a.ErrorCode != domain.CodeBankError {
		t.Fatalf("400 = %+v", a)
	}

	// The bank cannot be reached at all: nothing was sent.
	r, err = e.svc.ReviewTransfer(ctx, e.transfer("6", "Offline", "Offline"))
	if err != nil {
		t.Fatal(err)
	}
	e.bank.Close()
	a, err = e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "6"})
	if err != nil || a.Status != domain.PayFailed || a.ErrorCode != domain.CodeOffline || !strings.HasPrefix(a.ErrorMessage, "Not sent: ") {
		t.Fatalf("offline = %+v, %v", a, err)
	}

	j, err := e.svc.PayJournal(ctx, 0)
	if err != nil || len(j) != 3 {
		t.Fatalf("journal = %+v, %v", j, err)
	}
	// Newest first; nothing refused or failed counts towards the limit.
	if j[0].Status != domain.PayFailed || j[1].Status != domain.PayRejected || j[2].Status != domain.PayRejected {
		t.Fatalf("journal order = %s %s %s", j[0].Status, j[1].Status, j[2].Status)
	}
	if l, _ := e.svc.PayLimits(ctx); l.UsedToday != 0 {
		t.Fatalf("refused attempts used %s of the limit", l.UsedToday)
	}
}

func TestMissingPermissionIsExplained(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, &restrictedKey)
	ctx := t.Context()
	setup, err := e.svc.PaySetup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !setup.Available || setup.Transfers != domain.PermissionMissing || setup.Payments != domain.PermissionGranted ||
		!strings.Contains(setup.PermissionHelp, `tick "Inter-account transfers"`) || len(setup.Accounts) != 4 {
		t.Fatalf("setup = %+v", setup)
	}
	a := e.reviewAndConfirm(t, e.transfer("7", "No permission", "No permission"))
	if a.Status != domain.PayFailed || a.ErrorCode != domain.CodeForbidden ||
		!strings.Contains(a.ErrorMessage, `"Inter-account transfers"`) || !strings.Contains(a.ErrorMessage, "Manage → Investec Developer") {
		t.Fatalf("forbidden = %+v", a)
	}
}

func TestIdenticalWithinTenMinutesNeedsASecondConfirmation(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	f := e.transfer("5.00", "Pocket money", "Pocket money")
	first := e.reviewAndConfirm(t, f)
	if first.Status != domain.PaySucceeded {
		t.Fatal(first)
	}

	e.clock.add(3 * time.Minute)
	r, err := e.svc.ReviewTransfer(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	d := r.Batches[0].Duplicate
	if d == nil || d.AttemptID != first.ID || d.MinutesAgo != 3 || !strings.Contains(d.Message, "You sent the same transfer 3 minutes ago") {
		t.Fatalf("duplicate = %+v", d)
	}
	_, err = e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "5"})
	if domain.ErrorCode(err) != domain.CodeConflict || domain.ErrorField(err) != "acknowledgeDuplicate" || !strings.Contains(domain.ErrorMessage(err), "3 minutes ago") {
		t.Fatalf("without the second confirmation: %v", err)
	}
	if len(e.sent()) != 1 {
		t.Fatal("an unacknowledged duplicate was sent")
	}
	second, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "5", AcknowledgeDuplicate: true})
	if err != nil || second.Status != domain.PaySucceeded || !second.DuplicateAcknowledged || len(e.sent()) != 2 {
		t.Fatalf("acknowledged: %+v, %v", second, err)
	}

	// A different amount or reference is not the same payment.
	for _, other := range []domain.TransferForm{e.transfer("5.01", "Pocket money", "Pocket money"), e.transfer("5.00", "Pocket money", "Pocket")} {
		if r, err := e.svc.ReviewTransfer(ctx, other); err != nil || r.Batches[0].Duplicate != nil {
			t.Fatalf("%+v: %+v, %v", other, r.Batches, err)
		}
	}
	// Ten minutes after the last identical one, it needs no second confirmation.
	e.clock.add(10*time.Minute + time.Second)
	if r, err := e.svc.ReviewTransfer(ctx, f); err != nil || r.Batches[0].Duplicate != nil {
		t.Fatalf("after ten minutes: %+v, %v", r.Batches, err)
	}
	// Nor does one identical to an attempt the bank refused.
	e.sb.Faults().Fail(1, http.StatusBadRequest, sandbox.Match{Method: http.MethodPost, PathPrefix: "/za/pb/v1/accounts/"})
	g := e.transfer("8", "Refused once", "Refused once")
	if a := e.reviewAndConfirm(t, g); a.Status != domain.PayRejected {
		t.Fatal(a)
	}
	if r, err := e.svc.ReviewTransfer(ctx, g); err != nil || r.Batches[0].Duplicate != nil {
		t.Fatalf("after a refusal: %+v, %v", r.Batches, err)
	}
}

func TestDailyLimitBlocks(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	l, err := e.svc.PayLimits(ctx)
	if err != nil || l.DailyLimit != 5000000 || l.UsedToday != 0 || l.Day != "2026-03-16" {
		t.Fatalf("default limits = %+v, %v", l, err)
	}
	for _, bad := range []string{"", "0", "-5", "1e3", "abc", "100000001"} {
		if _, err := e.svc.SetPayDailyLimit(ctx, bad); domain.ErrorField(err) != "dailyLimit" {
			t.Errorf("limit %q: %v", bad, err)
		}
	}
	if l, err = e.svc.SetPayDailyLimit(ctx, "100"); err != nil || l.DailyLimit != 10000 || l.Remaining != 10000 {
		t.Fatalf("set limit: %+v, %v", l, err)
	}
	if a := e.reviewAndConfirm(t, e.transfer("60", "Limit one", "Limit one")); a.Status != domain.PaySucceeded {
		t.Fatal(a)
	}
	_, err = e.svc.ReviewTransfer(ctx, e.transfer("50", "Limit two", "Limit two"))
	if domain.ErrorField(err) != "amount" || !strings.Contains(domain.ErrorMessage(err), "R110.00, over your daily limit of R100.00 (R40.00 left today)") {
		t.Fatalf("over the limit: %v", err)
	}
	// Two reviews that each fit, but not together: the second confirmation
	// is refused and nothing is sent.
	r1, err1 := e.svc.ReviewTransfer(ctx, e.transfer("30", "Limit three", "Limit three"))
	r2, err2 := e.svc.ReviewTransfer(ctx, e.transfer("30", "Limit four", "Limit four"))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if a, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r1.Batches[0].AttemptID, Typed: "30"}); err != nil || a.Status != domain.PaySucceeded {
		t.Fatal(a, err)
	}
	_, err = e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r2.Batches[0].AttemptID, Typed: "30"})
	if domain.ErrorCode(err) != domain.CodeInvalid || !strings.Contains(domain.ErrorMessage(err), "over your daily limit") || len(e.sent()) != 2 {
		t.Fatalf("second confirmation: %v (%d requests)", err, len(e.sent()))
	}
	if a, _ := e.svc.PayAttempt(ctx, r2.Batches[0].AttemptID); a.Status != domain.PayReviewed {
		t.Fatalf("a refused confirmation changed the attempt: %+v", a)
	}
	// Exactly up to the limit is fine.
	if a := e.reviewAndConfirm(t, e.transfer("10", "Limit five", "Limit five")); a.Status != domain.PaySucceeded {
		t.Fatal(a)
	}
	// The limit is per South African day: at 00:00 SAST it starts again.
	e.clock.add(14 * time.Hour) // 22:00 UTC = midnight SAST
	if l, _ := e.svc.PayLimits(ctx); l.Day != "2026-03-17" || l.UsedToday != 0 {
		t.Fatalf("next day: %+v", l)
	}
	if _, err := e.svc.ReviewTransfer(ctx, e.transfer("50", "Next day", "Next day")); err != nil {
		t.Fatalf("next day: %v", err)
	}
}

func TestMoreThanFiftyPaymentsGoInBatchesEachConfirmed(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	setup, err := e.svc.PayAccount(ctx, e.pba.ID)
	if err != nil {
		t.Fatal(err)
	}
	form := domain.PaymentForm{FromAccountID: e.pba.ID}
	for i := range 51 {
		b := setup.Beneficiaries[i%len(setup.Beneficiaries)]
		form.Lines = append(form.Lines, domain.PaymentLineForm{BeneficiaryID: b.ID, Amount: "1", MyReference: fmt.Sprintf("Batch %d", i), TheirReference: "Batch"})
	}
	r, err := e.svc.ReviewPayment(ctx, form)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Batches) != 2 || r.Total != 5100 || r.Batches[0].Total != 5000 || len(r.Batches[0].Lines) != 50 ||
		r.Batches[1].Total != 100 || len(r.Batches[1].Lines) != 1 || r.Batches[1].Index != 2 || r.Batches[1].Count != 2 ||
		r.Batches[1].Lines[0].MyReference != "Batch 50" {
		t.Fatalf("batches = %d, totals %s/%s", len(r.Batches), r.Batches[0].Total, r.Batches[len(r.Batches)-1].Total)
	}
	if len(e.sent()) != 0 {
		t.Fatal("the review sent something")
	}
	a1, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "50.00"})
	if err != nil || a1.Status != domain.PaySucceeded || a1.BatchIndex != 1 || a1.BatchCount != 2 {
		t.Fatalf("batch 1: %+v, %v", a1, err)
	}
	if n := len(e.sent()); n != 1 {
		t.Fatalf("after the first confirmation: %d requests", n)
	}
	if a2, _ := e.svc.PayAttempt(ctx, r.Batches[1].AttemptID); a2.Status != domain.PayReviewed {
		t.Fatalf("batch 2 went without its confirmation: %+v", a2)
	}
	// Batch 2 needs its own amount, not batch 1's.
	if _, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[1].AttemptID, Typed: "50.00"}); domain.ErrorField(err) != "typed" {
		t.Fatalf("batch 2 with batch 1's amount: %v", err)
	}
	a2, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[1].AttemptID, Typed: "1.00"})
	if err != nil || a2.Status != domain.PaySucceeded {
		t.Fatalf("batch 2: %+v, %v", a2, err)
	}
	posts := e.sent()
	if len(posts) != 2 {
		t.Fatalf("%d requests, want 2", len(posts))
	}
	for i, want := range []int{50, 1} {
		var body struct {
			PaymentList []json.RawMessage `json:"paymentList"`
		}
		if err := json.Unmarshal([]byte(posts[i].body), &body); err != nil || len(body.PaymentList) != want {
			t.Fatalf("request %d has %d payments, want %d (%v)", i+1, len(body.PaymentList), want, err)
		}
	}
}

func TestValidationNamesEachBadField(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	ok := e.transfer("10.12", "Savings", "From everyday")
	cases := []struct {
		name  string
		edit  func(*domain.TransferForm)
		field string
		msg   string
	}{
		{"exponent", func(f *domain.TransferForm) { f.Amount = "1e3" }, "amount", "no exponents"},
		{"comma", func(f *domain.TransferForm) { f.Amount = "1,5" }, "amount", "no commas"},
		{"negative", func(f *domain.TransferForm) { f.Amount = "-1" }, "amount", "more than R0.00"},
		{"zero", func(f *domain.TransferForm) { f.Amount = "0.00" }, "amount", "more than R0.00"},
		{"three decimals", func(f *domain.TransferForm) { f.Amount = "1.234" }, "amount", "at most two decimals"},
		{"empty amount", func(f *domain.TransferForm) { f.Amount = "" }, "amount", "Enter an amount"},
		{"no my reference", func(f *domain.TransferForm) { f.MyReference = "  " }, "myReference", "Enter my reference"},
		{"long my reference", func(f *domain.TransferForm) { f.MyReference = strings.Repeat("a", 31) }, "myReference", "30 characters"},
		{"long their reference", func(f *domain.TransferForm) { f.TheirReference = strings.Repeat("b", 21) }, "theirReference", "20 characters"},
		{"emoji", func(f *domain.TransferForm) { f.TheirReference = "Thanks 🙏" }, "theirReference", "cannot contain '🙏'"},
		{"control", func(f *domain.TransferForm) { f.MyReference = "a\x07b" }, "myReference", "control characters"},
		{"same account", func(f *domain.TransferForm) { f.ToAccountID = f.FromAccountID }, "toAccountId", "cannot move to the account it comes from"},
		{"same account by number", func(f *domain.TransferForm) { f.ToAccountID = e.pba.Number }, "toAccountId", "cannot move to the account it comes from"},
		{"unknown destination", func(f *domain.TransferForm) { f.ToAccountID = "nope" }, "toAccountId", "not one of your"},
		{"no destination", func(f *domain.TransferForm) { f.ToAccountID = "" }, "toAccountId", "Choose the account to transfer to"},
		{"unknown source", func(f *domain.TransferForm) { f.FromAccountID = "nope" }, "fromAccountId", "not one of your"},
	}
	for _, c := range cases {
		f := ok
		c.edit(&f)
		_, err := e.svc.ReviewTransfer(ctx, f)
		p := domain.Payload(err)
		if p.Code != domain.CodeInvalid || len(p.Fields) != 1 || p.Fields[0].Field != c.field || !strings.Contains(p.Fields[0].Message, c.msg) {
			t.Errorf("%s: %+v, want %s: %q", c.name, p, c.field, c.msg)
		}
	}
	// Every problem at once, each beside its field.
	_, err := e.svc.ReviewTransfer(ctx, domain.TransferForm{FromAccountID: e.pba.ID, Amount: "abc", MyReference: "", TheirReference: "ok"})
	var fields []string
	for _, f := range domain.Payload(err).Fields {
		fields = append(fields, f.Field)
	}
	if strings.Join(fields, ",") != "toAccountId,amount,myReference" {
		t.Errorf("all problems: %v", fields)
	}

	setup, _ := e.svc.PayAccount(ctx, e.pba.ID)
	var sipho string
	for _, b := range setup.Beneficiaries {
		if b.Name == "Sipho Dlamini" && !b.FasterPaymentAllowed {
			sipho = b.ID
		}
	}
	payCases := []struct {
		name  string
		form  domain.PaymentForm
		field string
		msg   string
	}{
		{"no lines", domain.PaymentForm{FromAccountID: e.pba.ID}, "lines", "at least one payment"},
		{"unknown beneficiary", domain.PaymentForm{FromAccountID: e.pba.ID, Lines: []domain.PaymentLineForm{
			{BeneficiaryID: "bm9wZQ==", Amount: "1", MyReference: "a", TheirReference: "b"}}}, "lines[0].beneficiaryId", "cannot be paid from this account"},
		{"no beneficiary", domain.PaymentForm{FromAccountID: e.pba.ID, Lines: []domain.PaymentLineForm{
			{Amount: "1", MyReference: "a", TheirReference: "b"}}}, "lines[0].beneficiaryId", "Choose who to pay"},
		{"faster not allowed", domain.PaymentForm{FromAccountID: e.pba.ID, Lines: []domain.PaymentLineForm{
			{BeneficiaryID: sipho, Amount: "1", MyReference: "a", TheirReference: "b", FasterPayment: true}}}, "lines[0].fasterPayment", "does not allow faster payment"},
		{"another profile's beneficiary", domain.PaymentForm{FromAccountID: e.studio.ID, AuthoriserAID: "x", Lines: []domain.PaymentLineForm{
			{BeneficiaryID: sipho, Amount: "1", MyReference: "a", TheirReference: "b"}}}, "lines[0].beneficiaryId", "cannot be paid from this account"},
		{"second line amount", domain.PaymentForm{FromAccountID: e.pba.ID, Lines: []domain.PaymentLineForm{
			{BeneficiaryID: sipho, Amount: "1", MyReference: "a", TheirReference: "b"},
			{BeneficiaryID: sipho, Amount: "1,50", MyReference: "a", TheirReference: "b"}}}, "lines[1].amount", "no commas"},
	}
	for _, c := range payCases {
		_, err := e.svc.ReviewPayment(ctx, c.form)
		p := domain.Payload(err)
		if p.Code != domain.CodeInvalid || len(p.Fields) == 0 || p.Fields[0].Field != c.field || !strings.Contains(p.Fields[0].Message, c.msg) {
			t.Errorf("%s: %+v, want %s: %q", c.name, p, c.field, c.msg)
		}
	}
	// Refused input is never journaled and never sent.
	if j, err := e.svc.PayJournal(ctx, 0); err != nil || len(j) != 0 || len(e.sent()) != 0 {
		t.Fatalf("journal after refusals: %+v, %v; %d requests", j, err, len(e.sent()))
	}
}

func TestReviewExpires(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	r, err := e.svc.ReviewTransfer(ctx, e.transfer("3", "Old review", "Old review"))
	if err != nil {
		t.Fatal(err)
	}
	e.clock.add(31 * time.Minute)
	_, err = e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: r.Batches[0].AttemptID, Typed: "3"})
	if domain.ErrorCode(err) != domain.CodeInvalid || !strings.Contains(domain.ErrorMessage(err), "more than 30 minutes old") || len(e.sent()) != 0 {
		t.Fatalf("expired review: %v", err)
	}
	if _, err := e.svc.ConfirmPay(ctx, domain.PayConfirmation{AttemptID: "no-such-attempt", Typed: "3"}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("unknown attempt: %v", err)
	}
}

func TestTemplatesPrefillButStillNeedReview(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, nil)
	ctx := t.Context()
	f := e.transfer("250", "Monthly saving", "Monthly saving")
	tpl, err := e.svc.SavePayTemplate(ctx, domain.PayTemplate{Name: "  Monthly saving ", Kind: domain.PayTransfer, Transfer: &f})
	if err != nil || tpl.ID == 0 || tpl.Name != "Monthly saving" || tpl.Transfer == nil || *tpl.Transfer != f {
		t.Fatalf("save: %+v, %v", tpl, err)
	}
	for _, bad := range []domain.PayTemplate{
		{Name: "", Kind: domain.PayTransfer, Transfer: &f},
		{Name: "x\ny", Kind: domain.PayTransfer, Transfer: &f},
		{Name: strings.Repeat("n", 61), Kind: domain.PayTransfer, Transfer: &f},
	} {
		if _, err := e.svc.SavePayTemplate(ctx, bad); domain.ErrorField(err) != "name" {
			t.Errorf("template %q: %v", bad.Name, err)
		}
	}
	if _, err := e.svc.SavePayTemplate(ctx, domain.PayTemplate{Name: "Nothing", Kind: domain.PayPayment}); domain.ErrorField(err) != "kind" {
		t.Errorf("no form: %v", err)
	}
	setup, err := e.svc.PaySetup(ctx)
	if err != nil || len(setup.Templates) != 1 || setup.Templates[0].ID != tpl.ID {
		t.Fatalf("setup templates: %+v, %v", setup.Templates, err)
	}
	// Using it is an ordinary review: nothing is sent until confirmed.
	r, err := e.svc.ReviewTransfer(ctx, *setup.Templates[0].Transfer)
	if err != nil || r.Total != 25000 || len(e.sent()) != 0 {
		t.Fatalf("review from template: %+v, %v", r, err)
	}
	if err := e.svc.DeletePayTemplate(ctx, tpl.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := e.svc.PayTemplates(ctx); len(list) != 0 {
		t.Fatalf("after delete: %+v", list)
	}
}
