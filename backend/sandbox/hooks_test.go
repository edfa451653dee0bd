package sandbox

import (
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// dayRows returns the ledger's posted entries of an account on date.
func dayRows(t *testing.T, s *Server, id, date string) []Entry {
	t.Helper()
	l, err := s.Ledger(id)
	if err != nil {
		t.Fatal(err)
	}
	var out []Entry
	for _, e := range l {
		if e.Tx.Status == domain.Posted && e.Tx.PostingDate == date {
			out = append(out, e)
		}
	}
	return out
}

func find(t *testing.T, s *Server, id string, tx TxID) Entry {
	t.Helper()
	l, err := s.Ledger(id)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l {
		if e.ID == tx {
			return e
		}
	}
	t.Fatalf("transaction %d not in %s", tx, id)
	return Entry{}
}

func TestHooksKeepBalancesConsistent(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	s := h.s
	id := s.Accounts()[0].ID
	coffee := NewTransaction{AccountID: id, Type: domain.Debit, Description: "VIDA E CAFFÈ ROSEBANK JOHANNESBURG ZA", Amount: 5000}

	// A back-dated posting lands at the end of its day and shifts every
	// later running balance.
	before := find(t, s, id, TxID(s.bank.accounts[0].posted[len(s.bank.accounts[0].posted)-1].id))
	x, err := s.AddPosted(NewTransaction{AccountID: id, Type: domain.Credit, TransactionType: "Deposits", Description: "REFUND", Amount: 12345}, "2026-11-02")
	if err != nil {
		t.Fatal(err)
	}
	day := dayRows(t, s, id, "2026-11-02")
	if day[len(day)-1].ID != x {
		t.Errorf("back-dated row is not last on its day")
	}
	after := find(t, s, id, before.ID)
	if *after.Tx.RunningBalance != *before.Tx.RunningBalance+12345 {
		t.Errorf("latest balance %s, want %s + 123.45", after.Tx.RunningBalance, before.Tx.RunningBalance)
	}

	// Identical twins: same in every field but postedOrder and uuid.
	a, b, err := s.AddTwins(coffee, "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	ea, eb := find(t, s, id, a), find(t, s, id, b)
	if ea.Tx.Amount != eb.Tx.Amount || ea.Tx.Description != eb.Tx.Description || ea.Tx.PostingDate != eb.Tx.PostingDate ||
		ea.Tx.CardNumber == "" || eb.Tx.PostedOrder != ea.Tx.PostedOrder+1 || ea.Tx.UUID == eb.Tx.UUID {
		t.Errorf("twins %+v / %+v", ea.Tx, eb.Tx)
	}

	// Reorder a day: same postedOrders, new order, recomputed balances.
	day = dayRows(t, s, id, "2026-11-25")
	var ids, orders []TxID
	for _, e := range day {
		ids = append(ids, e.ID)
		orders = append(orders, TxID(e.Tx.PostedOrder))
	}
	slices.Reverse(ids)
	if err := s.ReorderDay(id, "2026-11-25", ids); err != nil {
		t.Fatal(err)
	}
	day = dayRows(t, s, id, "2026-11-25")
	for i, e := range day {
		if e.ID != ids[i] || TxID(e.Tx.PostedOrder) != orders[i] {
			t.Errorf("reordered row %d: id %d order %d, want id %d order %d", i, e.ID, e.Tx.PostedOrder, ids[i], orders[i])
		}
	}

	// Shift a day's postedOrders: uuids change, balances do not.
	old := dayRows(t, s, id, "2026-11-24")
	if err := s.ShiftPostedOrders(id, "2026-11-24", 7); err != nil {
		t.Fatal(err)
	}
	for i, e := range dayRows(t, s, id, "2026-11-24") {
		if e.Tx.PostedOrder != old[i].Tx.PostedOrder+7 || e.Tx.UUID == old[i].Tx.UUID || *e.Tx.RunningBalance != *old[i].Tx.RunningBalance {
			t.Errorf("shifted row %d: %+v (was %+v)", i, e.Tx, old[i].Tx)
		}
	}

	// Back-date an existing row by a week.
	if err := s.Backdate(a, "2026-11-18"); err != nil {
		t.Fatal(err)
	}
	if e := find(t, s, id, a); e.Tx.PostingDate != "2026-11-18" || e.Tx.UUID[5:13] != "20261118" {
		t.Errorf("backdated %+v", e.Tx)
	}

	// A pending row that waits, then posts by hand; one that posts by
	// itself as the clock advances.
	p1, err := s.AddPending(coffee, "2026-11-26", "")
	if err != nil {
		t.Fatal(err)
	}
	p2, err := s.AddPending(NewTransaction{AccountID: id, Type: domain.Debit, Description: "ENGEN", Amount: 80000}, "2026-11-26", "2026-11-28")
	if err != nil {
		t.Fatal(err)
	}
	if e := find(t, s, id, p2); e.Tx.Status != domain.Pending || e.PostsOn != "2026-11-28" || e.Tx.RunningBalance != nil {
		t.Errorf("pending %+v", e)
	}
	h.clock.Advance(2 * 24 * time.Hour)
	if e := find(t, s, id, p2); e.Tx.Status != domain.Posted || e.Tx.PostingDate != "2026-11-28" {
		t.Errorf("p2 after two days %+v", e.Tx)
	}
	if e := find(t, s, id, p1); e.Tx.Status != domain.Pending {
		t.Errorf("p1 posted by itself: %+v", e.Tx)
	}
	if err := s.PostPending(p1, "2026-11-27"); err != nil {
		t.Fatal(err)
	}
	if e := find(t, s, id, p1); e.Tx.Status != domain.Posted || e.Tx.PostingDate != "2026-11-27" || e.Tx.PostedOrder == 0 {
		t.Errorf("p1 after PostPending %+v", e.Tx)
	}
	if err := s.Remove(x); err != nil {
		t.Fatal(err)
	}

	// After all of it, every running balance still adds up over HTTP.
	h.roundTrip(t, h.token(pbKey), id)
}

func TestHookErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	s := h.s
	id := s.Accounts()[0].ID
	ok := NewTransaction{AccountID: id, Type: domain.Debit, Amount: 100}
	for name, err := range map[string]error{
		"future date": func() error { _, err := s.AddPosted(ok, "2026-11-27"); return err }(),
		"bad account": func() error {
			_, err := s.AddPosted(NewTransaction{AccountID: "nope", Type: domain.Debit, Amount: 100}, "2026-11-26")
			return err
		}(),
		"zero amount": func() error {
			_, err := s.AddPosted(NewTransaction{AccountID: id, Type: domain.Debit}, "2026-11-26")
			return err
		}(),
		"bad type": func() error {
			_, err := s.AddPosted(NewTransaction{AccountID: id, Type: domain.Debit, TransactionType: "Nope", Amount: 1}, "2026-11-26")
			return err
		}(),
		"post a posted row": s.PostPending(TxID(s.bank.accounts[0].posted[0].id), "2026-11-26"),
		"reorder wrong ids": s.ReorderDay(id, "2026-11-25", []TxID{1, 2}),
		"shift below 1":     s.ShiftPostedOrders(id, "2026-11-25", -1<<30),
		"remove unknown":    s.Remove(1 << 30),
	} {
		if !errors.Is(err, ErrHook) {
			t.Errorf("%s: %v, want ErrHook", name, err)
		}
	}
	// Nothing changed.
	h.roundTrip(t, h.token(pbKey), id)
}

func TestRandomHooksKeepBalances(t *testing.T) {
	t.Parallel()
	c := newClock(testStart)
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{Now: c.Now, StatePath: path})
	s := h.s
	r := rand.New(rand.NewPCG(1, 2))
	accts := s.Accounts()[:4]
	var pending []TxID
	for i := 0; i < 200; i++ {
		id := accts[r.IntN(len(accts))].ID
		date := civilDay(2026, 11, 1+r.IntN(25)).String()
		today := s.Today()
		switch r.IntN(6) {
		case 0:
			if _, err := s.AddPosted(NewTransaction{AccountID: id, Type: []domain.Direction{domain.Debit, domain.Credit}[r.IntN(2)], Amount: domain.Money(1 + r.IntN(500000))}, date); err != nil {
				t.Fatal(err)
			}
		case 1:
			p, err := s.AddPending(NewTransaction{AccountID: id, Type: domain.Debit, Amount: domain.Money(1 + r.IntN(100000))}, today, "")
			if err != nil {
				t.Fatal(err)
			}
			pending = append(pending, p)
		case 2:
			if len(pending) > 0 {
				if err := s.PostPending(pending[0], today); err != nil {
					t.Fatal(err)
				}
				pending = pending[1:]
			}
		case 3:
			rows := dayRows(t, s, id, date)
			ids := make([]TxID, len(rows))
			for j, e := range rows {
				ids[j] = e.ID
			}
			r.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
			if err := s.ReorderDay(id, date, ids); err != nil {
				t.Fatal(err)
			}
		case 4:
			if rows := dayRows(t, s, id, date); len(rows) > 0 {
				if err := s.Backdate(rows[r.IntN(len(rows))].ID, civilDay(2026, 10, 1+r.IntN(30)).String()); err != nil {
					t.Fatal(err)
				}
			}
		case 5:
			c.Advance(time.Duration(r.IntN(20)) * time.Hour)
		}
	}
	tok := h.token(pbKey)
	want := map[string][]Entry{}
	for _, a := range accts {
		h.roundTrip(t, tok, a.ID)
		want[a.ID], _ = s.Ledger(a.ID)
	}
	// The same mutations replay from the state file to the same ledgers.
	h2 := newHarness(t, Options{Now: c.Now, StatePath: path})
	for _, a := range accts {
		got, _ := h2.s.Ledger(a.ID)
		if diff := cmp.Diff(want[a.ID], got); diff != "" {
			t.Fatalf("%s after restart (-want +got):\n%s", a.ID, diff)
		}
	}
}
