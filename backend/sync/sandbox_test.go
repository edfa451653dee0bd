package sync_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	gosync "sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/sandbox"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
	dsync "github.com/investec-desk/investec-desk/backend/sync"
)

// clock is a settable clock shared by the sandbox and the syncer.
type clock struct {
	mu gosync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type sandboxEnv struct {
	business bool
	sb       *sandbox.Server
	clock    *clock
	bank     *dsync.InvestecBank
	st       *store.Store
	s        *dsync.Syncer
}

// newSandboxEnv serves the built-in sandbox over real HTTP and syncs a
// fresh cache from it through the real client.
func newSandboxEnv(t *testing.T, seed int64, business bool, o dsync.Options) *sandboxEnv {
	t.Helper()
	clk := &clock{t: time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)}
	sb, err := sandbox.New(sandbox.Options{Seed: seed, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	base, stop, err := sb.Start(t.Context(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(); _ = sb.Close() })
	creds := investec.Credentials{ClientID: sandbox.PBClientID, ClientSecret: sandbox.PBSecret, APIKey: sandbox.PBAPIKey}
	if business {
		creds = investec.Credentials{ClientID: sandbox.CIBClientID, ClientSecret: sandbox.CIBSecret, APIKey: sandbox.CIBAPIKey}
	}
	client := investec.NewClient(investec.WithBaseURL(base), investec.WithCredentials(creds),
		investec.WithRetry(investec.RetryPolicy{MaxAttempts: 1}), investec.WithClock(clk.now))
	env := &sandboxEnv{business: business, sb: sb, clock: clk, bank: dsync.NewInvestecBank(client, business, slog.New(slog.DiscardHandler)),
		st: storetest.Open(t)}
	o.Now = clk.now
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Sleep == nil {
		o.Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	}
	env.s = dsync.New(env.st, env.bank, o)
	return env
}

// accounts returns the sandbox accounts the connection sees (private or
// business ones).
func (e *sandboxEnv) accounts() []domain.Account {
	kind := domain.AccountPrivate
	if e.business {
		kind = domain.AccountBusiness
	}
	var out []domain.Account
	for _, a := range e.sb.Accounts() {
		if a.Kind == kind {
			out = append(out, a)
		}
	}
	return out
}

// checkLedger compares the cache with the sandbox's own ledger, field by
// field and in bank order.
func (e *sandboxEnv) checkLedger(t *testing.T) {
	t.Helper()
	for _, a := range e.accounts() {
		ledger, err := e.sb.Ledger(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var want []domain.Transaction
		for _, en := range ledger {
			tx := en.Tx
			if tx.Status == domain.Pending {
				// The pending endpoint carries only accountId, type,
				// status, description, transactionDate and amount; the
				// ledger knows more than the wire says.
				tx.TransactionType, tx.CardNumber = "", ""
			}
			want = append(want, tx)
		}
		var got []domain.Transaction
		for _, status := range []domain.StatusFilter{domain.StatusPosted, domain.StatusPending} {
			page, err := e.st.ListTransactions(t.Context(), domain.TransactionFilter{AccountIDs: []string{a.ID}, Status: status, Limit: store.MaxPageSize})
			if err != nil {
				t.Fatal(err)
			}
			if int(page.Totals.Count) != len(page.Rows) {
				t.Fatalf("account %s has more than a page of rows", a.ID)
			}
			for _, r := range page.Rows {
				r.ID, r.Category, r.Note = 0, "", ""
				got = append(got, r)
			}
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("account %s: cache differs from the sandbox ledger (-ledger +cache):\n%s", a.ID, diff)
		}
	}
}

func TestSandboxFirstSyncThenPendingPosts(t *testing.T) {
	t.Parallel()
	env := newSandboxEnv(t, 0, false, dsync.Options{})
	run, err := env.s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 0 || run.ErrorCode != "" {
		t.Fatalf("first sync = %+v, %v", run, err)
	}
	env.checkLedger(t)
	if run.Fetched < 1000 {
		t.Fatalf("first sync fetched %d rows: the backfill stopped early", run.Fetched)
	}
	for _, a := range env.accounts() {
		state, _ := env.st.SyncState(t.Context(), a.ID)
		if !state.BackfillComplete {
			t.Errorf("account %s backfill not complete: %+v", a.ID, state)
		}
	}
	// Annotate every pending row; advance the bank's clock a week so they
	// post (new posting date, new postedOrder, new uuid).
	pend, err := env.st.ListTransactions(t.Context(), domain.TransactionFilter{Status: domain.StatusPending, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(pend.Rows) == 0 {
		t.Fatal("the sandbox has no pending rows to post")
	}
	for i, r := range pend.Rows {
		if err := env.st.SetAnnotation(t.Context(), r.ID, domain.Annotation{Category: "Pending", Note: fmt.Sprint("p", i)}); err != nil {
			t.Fatal(err)
		}
	}
	env.clock.add(7 * 24 * time.Hour)
	run, err = env.s.Run(t.Context(), "background")
	if err != nil || run.Failed != 0 {
		t.Fatalf("second sync = %+v, %v", run, err)
	}
	env.checkLedger(t) // no duplicates, nothing lost
	all, _ := env.st.ListTransactions(t.Context(), domain.TransactionFilter{Categories: []string{"Pending"}, Limit: 1000})
	orphans, _ := env.st.ListOrphanedAnnotations(t.Context())
	if int(all.Totals.Count)+len(orphans) != len(pend.Rows) {
		t.Fatalf("%d annotations set on pending rows; %d attached, %d orphaned", len(pend.Rows), all.Totals.Count, len(orphans))
	}
	posted := 0
	for _, r := range all.Rows {
		if r.Status == domain.Posted {
			posted++
		}
	}
	if posted == 0 {
		t.Fatal("no annotated pending row followed its transaction when it posted")
	}
}

func TestSandboxRateLimitAndFailingAccount(t *testing.T) {
	t.Parallel()
	var waits []time.Duration
	env := newSandboxEnv(t, 0, false, dsync.Options{
		Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() },
	})
	accts := env.accounts()
	env.sb.Faults().RateLimit(1, 2*time.Second, sandbox.Match{PathPrefix: "/za/pb/v1/accounts/" + accts[0].ID + "/transactions"})
	env.sb.Faults().Fail(0, 500, sandbox.Match{PathPrefix: "/za/pb/v1/accounts/" + accts[1].ID + "/transactions"})
	run, err := env.s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 1 || run.Accounts != len(accts) {
		t.Fatalf("run = %+v, %v", run, err)
	}
	if len(waits) != 1 || waits[0] != 2*time.Second {
		t.Fatalf("waits = %v, want [2s]", waits)
	}
	bad, _ := env.st.SyncState(t.Context(), accts[1].ID)
	if bad.LastErrorCode == "" || bad.LastSuccessAt != "" {
		t.Fatalf("failing account state = %+v", bad)
	}
	for i, a := range accts {
		if i == 1 {
			continue
		}
		if st, _ := env.st.SyncState(t.Context(), a.ID); st.LastSuccessAt == "" {
			t.Fatalf("account %s not synced: %+v", a.ID, st)
		}
	}
	runs, _ := env.st.ListSyncRuns(t.Context(), 5)
	if len(runs) != 1 || runs[0].Failed != 1 || runs[0].ErrorCode == "" {
		t.Fatalf("recorded runs = %+v", runs)
	}
	env.sb.Faults().Clear()
	if run, err := env.s.Run(t.Context(), "manual"); err != nil || run.Failed != 0 {
		t.Fatalf("recovery = %+v, %v", run, err)
	}
	env.checkLedger(t)
}

func TestSandboxCancellation(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	windows := 0
	env := newSandboxEnv(t, 0, false, dsync.Options{WindowDays: 30, Progress: func(p domain.SyncProgress) {
		if p.Phase == domain.PhaseTransactions {
			if windows++; windows == 9 {
				cancel()
			}
		}
	}})
	run, err := env.s.Run(ctx, "manual")
	if domain.ErrorCode(err) != domain.CodeCancelled || run.ErrorCode != domain.CodeCancelled {
		t.Fatalf("cancelled run = %+v, %v", run, err)
	}
	if err := env.st.CheckIntegrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := env.s.Run(t.Context(), "manual"); err != nil {
		t.Fatal(err)
	}
	env.checkLedger(t)
}

// TestSandboxProperty is a smaller version of the property test against
// the sandbox over HTTP: random bank-side changes through its hooks,
// random syncs, then the cache must equal the ledger.
func TestSandboxProperty(t *testing.T) {
	t.Parallel()
	for seed := range uint64(3) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 5))
			env := newSandboxEnv(t, int64(seed+1), false, dsync.Options{WindowDays: 20 + rng.IntN(70)})
			accts := env.accounts()
			for step := range 25 {
				a := accts[rng.IntN(len(accts))].ID
				today, _ := time.Parse(time.DateOnly, env.sb.Today())
				day := func(back int) string { return today.AddDate(0, 0, -back).Format(time.DateOnly) }
				nt := sandbox.NewTransaction{AccountID: a, Type: domain.Debit, Description: fmt.Sprint("SHOP ", rng.IntN(5)),
					Amount: domain.Money(1 + rng.Int64N(90000))}
				var err error
				switch rng.IntN(8) {
				case 0:
					_, err = env.sb.AddPosted(nt, day(rng.IntN(3)))
				case 1:
					_, _, err = env.sb.AddTwins(nt, day(rng.IntN(2)))
				case 2:
					_, err = env.sb.AddPending(nt, day(rng.IntN(2)), "")
				case 3:
					ledger, _ := env.sb.Ledger(a)
					for _, en := range ledger {
						if en.Tx.Status == domain.Pending {
							err = env.sb.PostPending(en.ID, day(0))
							break
						}
					}
				case 4:
					ledger, _ := env.sb.Ledger(a)
					for i := len(ledger) - 1; i >= 0; i-- {
						if en := ledger[i]; en.Tx.Status == domain.Posted && en.Tx.PostingDate >= day(2) {
							err = env.sb.Backdate(en.ID, day(3+rng.IntN(2)))
							break
						}
					}
				case 5:
					env.clock.add(time.Duration(1+rng.IntN(5)) * 24 * time.Hour)
				default:
					if run, err := env.s.Run(t.Context(), "test"); err != nil || run.Failed != 0 {
						t.Fatalf("step %d: sync = %+v, %v", step, run, err)
					}
				}
				if err != nil {
					t.Fatalf("step %d: sandbox hook: %v", step, err)
				}
			}
			if run, err := env.s.Run(t.Context(), "final"); err != nil || run.Failed != 0 {
				t.Fatalf("final sync = %+v, %v", run, err)
			}
			env.checkLedger(t)
		})
	}
}

func TestSandboxBusinessAccounts(t *testing.T) {
	t.Parallel()
	env := newSandboxEnv(t, 0, true, dsync.Options{})
	run, err := env.s.Run(t.Context(), "manual")
	if err != nil || run.Failed != 0 {
		t.Fatalf("CIB sync = %+v, %v", run, err)
	}
	accts, _ := env.st.ListAccounts(t.Context())
	if len(accts) == 0 || accts[0].Kind != domain.AccountBusiness || accts[0].Balance == nil {
		t.Fatalf("CIB accounts = %+v", accts)
	}
	first := allRows(t, env.st)
	if len(first) == 0 {
		t.Fatal("no CIB transactions cached")
	}
	// Re-syncing the same bank changes nothing.
	if _, err := env.s.Run(t.Context(), "manual"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, allRows(t, env.st)); diff != "" {
		t.Fatalf("second CIB sync changed the cache:\n%s", diff)
	}
}
