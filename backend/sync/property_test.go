package sync_test

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	gcmp "github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
	dsync "github.com/investec-desk/investec-desk/backend/sync"
)

var (
	flagSeeds = flag.Int("seeds", 150, "how many seeds the property test runs")
	flagSeed  = flag.Uint64("seed", 1, "the property test's first seed")
	flagSteps = flag.Int("steps", 40, "steps (mutations, syncs, crashes, annotations) per seed")
)

// eqKey is what makes two transactions indistinguishable to anyone: two
// R50 coffees on one day share it. The property allows an annotation to
// move between such twins, and nowhere else.
type eqKey struct {
	acct   string
	typ    domain.Direction
	amount domain.Money
	desc   string
	txDate string
}

func eqOf(t domain.Transaction) eqKey {
	return eqKey{t.AccountID, t.Type, t.Amount, t.Description, t.TransactionDate}
}

// expectation is what the test knows of an annotated transaction: its
// logical ID (or, for identical pending twins, which the bank serves as
// identical rows, the IDs it may be) and its eqKey.
type expectation struct {
	lids []int
	eq   eqKey
}

// TestPropertyCacheEqualsBank drives a model bank through random mutations
// (new postings, pending rows, pending rows posting or expiring, reordered
// and back-dated postings, identical twins, reversals), random syncs with
// random window sizes, random crashes (ctx cancelled before a call or
// between the fetch and the write, a failing call, rate limiting) and
// random annotations. After a final clean sync the cache must equal the
// bank exactly and every annotation must sit on its logical transaction.
// Run more with -seeds N (and -seed S to start elsewhere).
func TestPropertyCacheEqualsBank(t *testing.T) {
	t.Parallel()
	for i := range *flagSeeds {
		seed := *flagSeed + uint64(i)
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			runProperty(t, seed)
		})
	}
}

func runProperty(t *testing.T, seed uint64) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(2025, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	bank := newModelBank(seed, 2, 60+rng.IntN(120), start)
	st := storetest.Open(t)
	var slept []time.Duration
	opts := dsync.Options{
		WindowDays:         3 + rng.IntN(60),
		OverlapDays:        10,
		EmptyWindowsToStop: 3 + rng.IntN(2),
		Now:                func() time.Time { return bank.today.Add(10 * time.Hour) },
		Sleep:              func(ctx context.Context, d time.Duration) error { slept = append(slept, d); return ctx.Err() },
		Logger:             slog.New(slog.DiscardHandler),
	}
	s := dsync.New(st, bank, opts)
	expected := map[string]expectation{}
	var log []string
	defer func() {
		if t.Failed() {
			t.Logf("seed %d, window %d days; steps: %v", seed, opts.WindowDays, log)
		}
	}()
	runs := 0
	notes := 0
	for step := range *flagSteps {
		switch x := rng.IntN(20); {
		case x < 8:
			log = append(log, bank.mutate())
		case x < 10:
			n := rng.IntN(12)
			bank.advance(n)
			log = append(log, fmt.Sprintf("advance %d", n))
		case x < 14:
			runs++
			log = append(log, faultySync(ctx, t, rng, s, bank, &slept))
		case x < 16:
			runs++
			log = append(log, "sync")
			if run, err := s.Run(ctx, "test"); err != nil || run.Failed != 0 {
				t.Fatalf("step %d: clean sync failed: %+v, %v", step, run, err)
			}
		default:
			log = append(log, annotateRandom(t, rng, st, bank, expected, &notes))
		}
		if err := st.CheckIntegrity(ctx); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
	}
	bank.hook, bank.after = nil, nil
	runs++
	run, err := s.Run(ctx, "final")
	if err != nil || run.Failed != 0 || run.ErrorCode != "" {
		t.Fatalf("final sync: %+v, %v", run, err)
	}
	recorded, err := st.ListSyncRuns(ctx, 1000)
	if err != nil || len(recorded) != runs {
		t.Fatalf("%d runs recorded, %d made (%v)", len(recorded), runs, err)
	}
	checkCacheEqualsBank(t, st, bank, expected)
}

// faultySync runs one sync with one injected fault.
func faultySync(ctx context.Context, t *testing.T, rng *rand.Rand, s *dsync.Syncer, bank *modelBank, slept *[]time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	k := 1 + rng.IntN(25)
	mode := rng.IntN(4)
	n := 0
	bank.calls = 0
	failedAcct, failedMethod := "", ""
	switch mode {
	case 0: // the process "dies" just before a call
		bank.hook = func(ctx context.Context, method, acct string) error {
			if n++; n == k {
				cancel()
				return ctx.Err()
			}
			return nil
		}
	case 1: // ... or between fetching a window and writing it
		bank.after = func(ctx context.Context, method, acct string) error {
			if n++; n == k {
				cancel()
			}
			return nil
		}
	case 2: // one call fails
		bank.hook = func(ctx context.Context, method, acct string) error {
			if n++; n == k && acct != "" {
				failedAcct, failedMethod = acct, method
				return errBankDown
			}
			return nil
		}
	case 3: // rate limited once
		bank.hook = func(ctx context.Context, method, acct string) error {
			if n++; n == k {
				return rateLimited{d: time.Duration(k) * time.Second}
			}
			return nil
		}
	}
	before := len(*slept)
	run, err := s.Run(ctx, "test")
	bank.hook, bank.after = nil, nil
	switch mode {
	case 0, 1:
		if n >= k && domain.ErrorCode(err) != domain.CodeCancelled {
			t.Fatalf("cancelled sync returned %v (run %+v)", err, run)
		}
		if n >= k && run.ErrorCode != domain.CodeCancelled {
			t.Fatalf("cancelled run recorded as %q", run.ErrorCode)
		}
	case 2:
		if err != nil {
			t.Fatalf("one failing call failed the whole run: %v", err)
		}
		// Transactions failing fail the account; the balance or the
		// document list failing is reported without failing it.
		wantFailed := 0
		if failedMethod == "transactions" || failedMethod == "pending" {
			wantFailed = 1
		}
		if failedAcct != "" && (run.Failed != wantFailed || run.ErrorCode == "") {
			t.Fatalf("failing %s call not recorded as it should be: %+v", failedMethod, run)
		}
	case 3:
		if err != nil || run.Failed != 0 {
			t.Fatalf("rate-limited sync failed: %+v, %v", run, err)
		}
		if n >= k && (len(*slept) != before+1 || (*slept)[before] != time.Duration(k)*time.Second) {
			t.Fatalf("did not wait as told: %v", (*slept)[before:])
		}
	}
	return fmt.Sprintf("fault%d@%d", mode, k)
}

// annotateRandom annotates (or clears) a random cached row, as a user.
func annotateRandom(t *testing.T, rng *rand.Rand, st *store.Store, bank *modelBank, expected map[string]expectation, notes *int) string {
	t.Helper()
	page, err := st.ListTransactions(context.Background(), domain.TransactionFilter{Limit: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) == 0 {
		return "annotate-none"
	}
	// Half the time pick among pending and recent rows: those are the
	// ones the bank still changes.
	rows := page.Rows
	if rng.IntN(2) == 0 {
		recent := bank.dateOf(-5)
		rows = slices.DeleteFunc(slices.Clone(rows), func(r domain.Transaction) bool {
			return r.Status == domain.Posted && r.PostingDate < recent
		})
		if len(rows) == 0 {
			rows = page.Rows
		}
	}
	r := rows[rng.IntN(len(rows))]
	if r.Note != "" && rng.IntN(3) == 0 {
		if err := st.SetAnnotation(context.Background(), r.ID, domain.Annotation{}); err != nil {
			t.Fatal(err)
		}
		delete(expected, r.Note)
		return "clear " + r.Note
	}
	lids, ok := bank.served[key(r)]
	if !ok {
		t.Fatalf("cache holds a row the bank never served: %+v", r)
	}
	*notes++
	note := fmt.Sprintf("n%d", *notes)
	if err := st.SetAnnotation(context.Background(), r.ID, domain.Annotation{Category: "c", Note: note}); err != nil {
		t.Fatal(err)
	}
	delete(expected, r.Note) // replaced
	expected[note] = expectation{lids: lids, eq: eqOf(r)}
	return fmt.Sprintf("annotate %s lid %v", note, lids)
}

// checkCacheEqualsBank compares the cache with the bank, field by field and
// in bank order, and (unless expected is nil) checks every annotation.
func checkCacheEqualsBank(t *testing.T, st *store.Store, bank *modelBank, expected map[string]expectation) {
	t.Helper()
	ctx := context.Background()
	lidOfNote := map[string]int{}
	live := map[int]bool{}
	for _, a := range bank.accounts {
		posted, pending, plids, qlids := bank.history(a.ID)
		// The cache lists pending rows by transaction date, then in the
		// bank's order.
		idx := make([]int, len(pending))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(pending[x].TransactionDate, pending[y].TransactionDate) })
		var wantPending []domain.Transaction
		var wantQLIDs []int
		for _, i := range idx {
			wantPending = append(wantPending, pending[i])
			wantQLIDs = append(wantQLIDs, qlids[i])
		}
		for _, c := range []struct {
			status domain.StatusFilter
			want   []domain.Transaction
			lids   []int
		}{{domain.StatusPosted, posted, plids}, {domain.StatusPending, wantPending, wantQLIDs}} {
			page, err := st.ListTransactions(ctx, domain.TransactionFilter{AccountIDs: []string{a.ID}, Status: c.status, Limit: store.MaxPageSize})
			if err != nil {
				t.Fatal(err)
			}
			got := make([]domain.Transaction, len(page.Rows))
			for i, r := range page.Rows {
				got[i] = r
				got[i].ID, got[i].Category, got[i].Note = 0, "", ""
			}
			if diff := gcmp.Diff(c.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("account %s %s: cache differs from bank (-bank +cache):\n%s", a.ID, c.status, diff)
			}
			var in, out domain.Money
			for _, r := range c.want {
				if r.Type == domain.Credit {
					in += r.Amount
				} else {
					out += r.Amount
				}
			}
			if page.Totals.Count != int64(len(c.want)) || page.Totals.In != in || page.Totals.Out != out {
				t.Fatalf("account %s %s: totals %+v, bank has %d rows in %d out %d", a.ID, c.status, page.Totals, len(c.want), in, out)
			}
			for i, r := range page.Rows {
				live[c.lids[i]] = true
				if r.Note != "" && expected != nil {
					if _, dup := lidOfNote[r.Note]; dup {
						t.Fatalf("note %s on two rows", r.Note)
					}
					lidOfNote[r.Note] = c.lids[i]
					e, ok := expected[r.Note]
					if !ok {
						t.Fatalf("row carries note %s nobody set (or that was cleared)", r.Note)
					}
					if eqOf(r) != e.eq {
						t.Fatalf("note %s set on logical transaction %v (%+v) is now on %d (%+v)", r.Note, e.lids, e.eq, c.lids[i], eqOf(r))
					}
				}
			}
		}
		// The last running balance reconciles with the balance fetched.
		if len(posted) > 0 {
			accts, err := st.ListAccounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, ca := range accts {
				if ca.ID == a.ID && (ca.Balance == nil || ca.Balance.Current != *posted[len(posted)-1].RunningBalance) {
					t.Fatalf("account %s: cached balance %+v, last running balance %d", a.ID, ca.Balance, *posted[len(posted)-1].RunningBalance)
				}
			}
		}
	}
	orphans, err := st.ListOrphanedAnnotations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	orphaned := map[string]bool{}
	for _, o := range orphans {
		orphaned[o.Note] = true
	}
	for note, e := range expected {
		_, attached := lidOfNote[note]
		switch {
		case attached && orphaned[note]:
			t.Fatalf("note %s both attached and orphaned", note)
		case !attached && !orphaned[note]:
			t.Fatalf("note %s (logical transaction %v) was lost", note, e.lids)
		case orphaned[note] && !slices.ContainsFunc(e.lids, func(l int) bool { return !live[l] }):
			t.Fatalf("note %s orphaned although its transaction %v is still at the bank", note, e.lids)
		}
	}
}
