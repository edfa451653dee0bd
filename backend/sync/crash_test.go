package sync_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	dsync "github.com/investec-desk/investec-desk/backend/sync"
)

// The crash test re-executes this test binary as a child that syncs until
// it is killed. These variables tell the child what to do.
const (
	envChildDB      = "INVESTEC_DESK_SYNC_CHILD_DB"
	envChildSeed    = "INVESTEC_DESK_SYNC_CHILD_SEED"
	envChildVersion = "INVESTEC_DESK_SYNC_CHILD_VERSION"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(envChildDB); path != "" {
		os.Exit(crashChild(path))
	}
	os.Exit(m.Run())
}

// crashBank is the bank as it is at a version: the same seed and version
// give the same bank in the parent and in the child.
func crashBank(seed uint64, version int) *modelBank {
	b := newModelBank(seed, 3, 700, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
	for range version {
		for range 4 {
			b.mutate()
		}
		b.advance(1)
	}
	return b
}

func crashOptions(b *modelBank) dsync.Options {
	return dsync.Options{WindowDays: 15, Now: func() time.Time { return b.today.Add(10 * time.Hour) },
		Logger: slog.New(slog.DiscardHandler)}
}

// crashChild syncs the database at path from the bank at the version in
// the environment, again and again, until it is killed.
func crashChild(path string) int {
	seed, _ := strconv.ParseUint(os.Getenv(envChildSeed), 10, 64)
	version, _ := strconv.Atoi(os.Getenv(envChildVersion))
	bank := crashBank(seed, version)
	ctx := context.Background()
	fmt.Fprintln(os.Stdout, "ready") // the parent's clock for the kill starts now
	st, err := store.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 2
	}
	s := dsync.New(st, bank, crashOptions(bank))
	for i := 0; ; i++ {
		if _, err := s.Run(ctx, "crash-child"); err != nil {
			fmt.Fprintln(os.Stderr, "child sync:", err)
			return 3
		}
		fmt.Fprintln(os.Stdout, "synced", i)
	}
}

// TestCrashAtRandomPointsLeavesConsistentCache kills a syncing child
// process with SIGKILL at random moments (mid-window included), checks the
// cache after each kill, changes the bank between kills, and finally checks
// that one more sync gives exactly what an uninterrupted sync gives.
func TestCrashAtRandomPointsLeavesConsistentCache(t *testing.T) {
	t.Parallel()
	const seed, kills = 77, 12
	dir := t.TempDir()
	path := filepath.Join(dir, "cache.db")
	rng := rand.New(rand.NewPCG(seed, 1))
	ctx := t.Context()
	annotated := 0
	completed := 0
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envChildDB+"="+path, envChildSeed+"="+fmt.Sprint(seed), envChildVersion+"="+fmt.Sprint(i))
		var errOut strings.Builder
		cmd.Stderr = &errOut
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The kill comes at a random moment once the child starts on the
		// cache (opening it or syncing), however long the process took to
		// get there (a race-enabled binary on a busy machine is slow to).
		out := bufio.NewReader(stdout)
		if line, err := out.ReadString('\n'); err != nil || line != "ready\n" {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("kill %d: child did not start (%q, %v): %s", i, line, err, errOut.String())
		}
		time.Sleep(time.Duration(30+rng.IntN(400)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		rest, _ := io.ReadAll(out) // ends when the child is gone
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: child ended on its own (%v): %s", i, err, errOut.String())
		}
		completed += strings.Count(string(rest), "synced")

		// After every kill the cache is consistent: a sound file, a search
		// index equal to the table, no row twice in one day's bank order.
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", i, err)
		}
		if err := st.CheckIntegrity(ctx); err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		page, err := st.ListTransactions(ctx, domain.TransactionFilter{Status: domain.StatusPosted, Limit: store.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range page.Rows {
			k := fmt.Sprint(r.AccountID, r.PostingDate, r.PostedOrder)
			if seen[k] {
				t.Fatalf("kill %d: two cached rows at %s", i, k)
			}
			seen[k] = true
		}
		// The user annotates between crashes; nothing may lose it.
		if len(page.Rows) > 0 && rng.IntN(2) == 0 {
			r := page.Rows[rng.IntN(len(page.Rows))]
			if r.Note == "" {
				if err := st.SetAnnotation(ctx, r.ID, domain.Annotation{Note: fmt.Sprint("crash-", i)}); err != nil {
					t.Fatal(err)
				}
				annotated++
			}
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}

	bank := crashBank(seed, kills)
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := dsync.New(st, bank, crashOptions(bank)).Run(ctx, "final"); err != nil {
		t.Fatal(err)
	}
	checkCacheEqualsBank(t, st, bank, nil)

	// The same as one uninterrupted sync into a fresh cache.
	ref, err := store.Open(ctx, filepath.Join(dir, "reference.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	refBank := crashBank(seed, kills)
	if _, err := dsync.New(ref, refBank, crashOptions(refBank)).Run(ctx, "reference"); err != nil {
		t.Fatal(err)
	}
	got, want := allRows(t, st), allRows(t, ref)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("interrupted cache differs from an uninterrupted one (-uninterrupted +interrupted):\n%s", diff)
	}

	// Every annotation survived: attached or, if its transaction left the
	// bank, orphaned.
	notes := 0
	for r, err := range st.AllTransactions(ctx, domain.TransactionFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if r.Note != "" {
			notes++
		}
	}
	orphans, _ := st.ListOrphanedAnnotations(ctx)
	if notes+len(orphans) != annotated {
		t.Fatalf("%d annotations set, %d attached + %d orphaned", annotated, notes, len(orphans))
	}
	// The kills really interrupted syncs: the runs the children left
	// unfinished were closed as interrupted by the next run.
	runs, _ := st.ListSyncRuns(ctx, 10000)
	interrupted := 0
	for _, r := range runs {
		if r.ErrorCode == domain.CodeCancelled && strings.HasPrefix(r.ErrorMessage, "Interrupted") {
			interrupted++
		}
	}
	if interrupted < kills/2 {
		t.Fatalf("only %d of %d kills interrupted a sync (%d completed runs)", interrupted, kills, completed)
	}
	t.Logf("%d kills interrupted %d runs; children completed %d runs; %d annotations kept", kills, interrupted, completed, annotated)
}

// allRows returns every cached row without its local ID and annotation.
func allRows(t *testing.T, st *store.Store) []domain.Transaction {
	t.Helper()
	var out []domain.Transaction
	for r, err := range st.AllTransactions(context.Background(), domain.TransactionFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		r.ID, r.Category, r.Note = 0, "", ""
		out = append(out, r)
	}
	return out
}
