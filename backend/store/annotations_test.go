package store_test

import (
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
)

// find returns the cached row with the description and posting date.
func find(t *testing.T, st *store.Store, desc, postingDate string, occurrence int) domain.Transaction {
	t.Helper()
	n := 0
	for _, r := range all(t, st, domain.StatusAll) {
		if r.Description == desc && r.PostingDate == postingDate {
			n++
			if n == occurrence {
				return r
			}
		}
	}
	t.Fatalf("no row %q on %q (#%d)", desc, postingDate, occurrence)
	return domain.Transaction{}
}

func annotate(t *testing.T, st *store.Store, id int64, cat, note string) {
	t.Helper()
	if err := st.SetAnnotation(t.Context(), id, domain.Annotation{Category: cat, Note: note}); err != nil {
		t.Fatal(err)
	}
}

func TestAnnotationsSurviveReplacement(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	win := func(rows ...domain.Transaction) store.ReplaceResult {
		t.Helper()
		res, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-31", Rows: rows})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	coffee1 := posted(a, "2026-01-02", 1, domain.Debit, 5000, "COFFEE", "2026-01-02")
	coffee2 := posted(a, "2026-01-02", 2, domain.Debit, 5000, "COFFEE", "2026-01-02")
	rent := posted(a, "2026-01-03", 1, domain.Debit, 1500000, "RENT", "2026-01-03")
	win(coffee1, coffee2, rent)
	annotate(t, st, find(t, st, "COFFEE", "2026-01-02", 2).ID, "Food", "with Sue")
	annotate(t, st, find(t, st, "RENT", "2026-01-03", 1).ID, "Home", "")

	// Same answer again: every annotation is back on its row (new row IDs).
	res := win(coffee1, coffee2, rent)
	if res.Reattached != 2 || res.Orphaned != 0 {
		t.Fatalf("re-sync = %+v", res)
	}
	if r := find(t, st, "COFFEE", "2026-01-02", 2); r.Category != "Food" || r.Note != "with Sue" {
		t.Fatalf("second coffee lost its annotation: %+v", r)
	}
	if r := find(t, st, "COFFEE", "2026-01-02", 1); r.Category != "" {
		t.Fatalf("first coffee got an annotation: %+v", r)
	}
	// The bank back-dates the rent by two days (new posting date, new order).
	rentMoved := posted(a, "2026-01-01", 4, domain.Debit, 1500000, "RENT", "2026-01-03")
	res = win(coffee1, coffee2, rentMoved)
	if res.Reattached != 2 || res.Orphaned != 0 {
		t.Fatalf("back-dated = %+v", res)
	}
	if r := find(t, st, "RENT", "2026-01-01", 1); r.Category != "Home" {
		t.Fatalf("back-dated rent lost its annotation: %+v", r)
	}
	// The rent disappears altogether: its annotation is kept, orphaned.
	res = win(coffee1, coffee2)
	if res.Orphaned != 1 {
		t.Fatalf("removal = %+v", res)
	}
	orphans, err := st.ListOrphanedAnnotations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(orphans) != 1 || orphans[0].Category != "Home" || orphans[0].Description != "RENT" || orphans[0].Amount != 1500000 || orphans[0].OrphanedAt == "" {
		t.Fatalf("orphans = %+v", orphans)
	}
	// It comes back: the orphan re-attaches.
	res = win(coffee1, coffee2, rentMoved)
	if res.Reattached != 2 {
		t.Fatalf("return = %+v", res)
	}
	if r := find(t, st, "RENT", "2026-01-01", 1); r.Category != "Home" {
		t.Fatalf("returning rent did not get its annotation back: %+v", r)
	}
	if orphans, _ := st.ListOrphanedAnnotations(ctx); len(orphans) != 0 {
		t.Fatalf("orphans after return = %+v", orphans)
	}
	// Clearing an annotation deletes it.
	annotate(t, st, find(t, st, "RENT", "2026-01-01", 1).ID, "", "")
	if r := find(t, st, "RENT", "2026-01-01", 1); r.Category != "" {
		t.Fatalf("cleared annotation still shown: %+v", r)
	}
	res = win(coffee1, coffee2, rentMoved)
	if res.Reattached != 1 || res.Orphaned != 0 {
		t.Fatalf("after clearing = %+v", res)
	}
}

func TestPendingAnnotationFollowsPosting(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	if _, err := st.ReplacePending(ctx, a, []domain.Transaction{
		pending(a, domain.Debit, 5000, "COFFEE", "2026-01-09"),
		pending(a, domain.Debit, 7000, "LUNCH", "2026-01-09"),
	}); err != nil {
		t.Fatal(err)
	}
	p := all(t, st, domain.StatusPending)
	annotate(t, st, p[0].ID, "Food", "pending coffee")
	// A re-sync while still pending keeps it.
	if _, err := st.ReplacePending(ctx, a, []domain.Transaction{
		pending(a, domain.Debit, 5000, "COFFEE", "2026-01-09"),
		pending(a, domain.Debit, 7000, "LUNCH", "2026-01-09"),
	}); err != nil {
		t.Fatal(err)
	}
	if got := all(t, st, domain.StatusPending); got[0].Note != "pending coffee" {
		t.Fatalf("pending annotation lost on re-sync: %+v", got[0])
	}
	// A same-amount coffee from another day is already posted: the closer
	// date must win when the pending coffee posts.
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-12", Rows: []domain.Transaction{
		posted(a, "2026-01-07", 1, domain.Debit, 5000, "COFFEE", "2026-01-07"),
		posted(a, "2026-01-11", 1, domain.Debit, 5000, "COFFEE", "2026-01-09"),
	}}); err != nil {
		t.Fatal(err)
	}
	// The coffee posted two days later; the lunch is still pending.
	res, err := st.ReplacePending(ctx, a, []domain.Transaction{pending(a, domain.Debit, 7000, "LUNCH", "2026-01-09")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reattached != 1 || res.Orphaned != 0 {
		t.Fatalf("posting = %+v", res)
	}
	r := find(t, st, "COFFEE", "2026-01-11", 1)
	if r.Note != "pending coffee" || r.Status != domain.Posted {
		t.Fatalf("posted coffee = %+v", r)
	}
	if r := find(t, st, "COFFEE", "2026-01-07", 1); r.Note != "" {
		t.Fatalf("the other coffee took the annotation: %+v", r)
	}
	// Its key now is the posted one: a re-sync of the window keeps it exactly.
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-01", To: "2026-01-12", Rows: []domain.Transaction{
		posted(a, "2026-01-07", 1, domain.Debit, 5000, "COFFEE", "2026-01-07"),
		posted(a, "2026-01-11", 1, domain.Debit, 5000, "COFFEE", "2026-01-09"),
	}}); err != nil {
		t.Fatal(err)
	}
	if r := find(t, st, "COFFEE", "2026-01-11", 1); r.Note != "pending coffee" {
		t.Fatalf("after re-sync: %+v", r)
	}
}

func TestOrphanManagement(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, a := setup(t)
	if _, err := st.ReplacePending(ctx, a, []domain.Transaction{pending(a, domain.Debit, 999, "HOTEL HOLD", "2026-01-09")}); err != nil {
		t.Fatal(err)
	}
	annotate(t, st, all(t, st, domain.StatusPending)[0].ID, "Travel", "deposit")
	// The hold is released without posting.
	if res, err := st.ReplacePending(ctx, a, nil); err != nil || res.Orphaned != 1 {
		t.Fatalf("release = %+v, %v", res, err)
	}
	orphans, _ := st.ListOrphanedAnnotations(ctx)
	if len(orphans) != 1 || orphans[0].Status != domain.Pending || orphans[0].Note != "deposit" {
		t.Fatalf("orphans = %+v", orphans)
	}
	// Further syncs keep it orphaned (and do not count it again).
	if res, err := st.ReplacePending(ctx, a, nil); err != nil || res.Orphaned != 0 {
		t.Fatalf("second sync = %+v, %v", res, err)
	}
	// The user attaches it by hand to another row.
	if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: a, From: "2026-01-10", To: "2026-01-20", Rows: []domain.Transaction{
		posted(a, "2026-01-15", 1, domain.Debit, 120000, "HOTEL FINAL BILL", "2026-01-14")}}); err != nil {
		t.Fatal(err)
	}
	bill := find(t, st, "HOTEL FINAL BILL", "2026-01-15", 1)
	if err := st.AttachAnnotation(ctx, orphans[0].ID, bill.ID); err != nil {
		t.Fatal(err)
	}
	if r := find(t, st, "HOTEL FINAL BILL", "2026-01-15", 1); r.Note != "deposit" {
		t.Fatalf("attached row = %+v", r)
	}
	if o, _ := st.ListOrphanedAnnotations(ctx); len(o) != 0 {
		t.Fatalf("still orphaned: %+v", o)
	}
	// Attaching a non-orphan or to an annotated row is refused.
	if err := st.AttachAnnotation(ctx, orphans[0].ID, bill.ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("re-attach of attached annotation: %v", err)
	}
	if err := st.DeleteAnnotation(ctx, orphans[0].ID); err != nil {
		t.Fatal(err)
	}
	if r := find(t, st, "HOTEL FINAL BILL", "2026-01-15", 1); r.Note != "" {
		t.Fatalf("deleted annotation still shown: %+v", r)
	}
	if err := st.DeleteAnnotation(ctx, orphans[0].ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("delete twice: %v", err)
	}
	if err := st.SetAnnotation(ctx, 987654, domain.Annotation{Note: "x"}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("annotate missing row: %v", err)
	}
	long := make([]byte, store.MaxNoteLen+1)
	for i := range long {
		long[i] = 'x'
	}
	if err := st.SetAnnotation(ctx, bill.ID, domain.Annotation{Note: string(long)}); domain.ErrorField(err) != "note" {
		t.Fatalf("over-long note: %v", err)
	}
}
