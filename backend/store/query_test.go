package store_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

// dataset is a cache filled with three accounts of generated history,
// pending rows and annotations, plus the model's view of every row.
type dataset struct {
	st   *store.Store
	rows []domain.Transaction // every cached row
	seq  map[int64]int64      // the model's within-day order key
}

var categories = []string{"Food", "Home", "Travel", "Fun"}

func newDataset(t *testing.T, opts ...store.Option) dataset {
	t.Helper()
	ctx := t.Context()
	st := storetest.Open(t, opts...)
	if err := st.SaveAccounts(ctx, storetest.Accounts(3)); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var sent []domain.Transaction
	for a := range 3 {
		g := storetest.NewGenerator(storetest.AccountID(a), uint64(a+1))
		var rows []domain.Transaction
		for d := range 75 {
			rows = append(rows, g.Day(start.AddDate(0, 0, d).Format(time.DateOnly), g.PerDay(4))...)
		}
		if _, err := st.ReplaceWindow(ctx, store.Window{AccountID: storetest.AccountID(a), From: "2026-01-01", To: "2026-03-31", Rows: rows}); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, rows...)
		// Pending rows: one generated day, re-dated as pending.
		var pend []domain.Transaction
		for i, r := range g.Day("2026-03-17", 3+a) {
			p := pending(r.AccountID, r.Type, r.Amount, r.Description, fmt.Sprintf("2026-03-%02d", 14+i%3))
			pend = append(pend, p)
		}
		if _, err := st.ReplacePending(ctx, storetest.AccountID(a), pend); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, pend...)
	}
	ds := dataset{st: st, seq: map[int64]int64{}}
	ds.rows = all(t, st, domain.StatusAll)
	if len(ds.rows) != len(sent) {
		t.Fatalf("cached %d rows, sent %d", len(ds.rows), len(sent))
	}
	rng := rand.New(rand.NewPCG(7, 7))
	pendIdx := map[string]int64{}
	byID := slices.Clone(ds.rows)
	slices.SortFunc(byID, func(a, b domain.Transaction) int { return cmp.Compare(a.ID, b.ID) })
	for _, r := range byID {
		if r.Status == domain.Pending {
			ds.seq[r.ID] = 1<<40 + pendIdx[r.AccountID]
			pendIdx[r.AccountID]++
		} else {
			ds.seq[r.ID] = r.PostedOrder
		}
	}
	for i := range ds.rows {
		if rng.IntN(3) == 0 {
			c := categories[rng.IntN(len(categories))]
			annotate(t, st, ds.rows[i].ID, c, "n")
			ds.rows[i].Category, ds.rows[i].Note = c, "n"
		}
	}
	return ds
}

func bookDate(r domain.Transaction) string {
	if r.Status == domain.Pending {
		return r.TransactionDate
	}
	return r.PostingDate
}

// words splits text the way a person reads words: runs of letters, digits
// and marks, lower-cased, accents removed.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
	}) {
		var b strings.Builder
		for _, r := range norm.NFD.String(strings.ToLower(w)) {
			if !unicode.IsMark(r) {
				b.WriteRune(r)
			}
		}
		out = append(out, b.String())
	}
	return out
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// matchSearch is the model of search: every word of the query is a word of
// the description, the last one as a prefix; text without words matches
// descriptions containing it literally.
func matchSearch(q, desc string) bool {
	if strings.TrimSpace(q) == "" {
		return true
	}
	qw := words(q)
	if len(qw) == 0 {
		return strings.Contains(asciiLower(desc), asciiLower(strings.TrimSpace(q)))
	}
	dw := words(desc)
	for i, w := range qw {
		ok := slices.ContainsFunc(dw, func(d string) bool {
			if i == len(qw)-1 {
				return strings.HasPrefix(d, w)
			}
			return d == w
		})
		if !ok {
			return false
		}
	}
	return true
}

func (ds dataset) model(f domain.TransactionFilter) domain.TransactionPage {
	var sel []domain.Transaction
	var tot domain.TransactionTotals
	for _, r := range ds.rows {
		bd := bookDate(r)
		switch {
		case len(f.AccountIDs) > 0 && !slices.Contains(f.AccountIDs, r.AccountID),
			f.FromDate != "" && bd < f.FromDate,
			f.ToDate != "" && bd > f.ToDate,
			f.Direction != "" && r.Type != f.Direction,
			len(f.TransactionTypes) > 0 && !slices.Contains(f.TransactionTypes, r.TransactionType),
			f.Status == domain.StatusPosted && r.Status != domain.Posted,
			f.Status == domain.StatusPending && r.Status != domain.Pending,
			len(f.Categories) > 0 && !slices.Contains(f.Categories, r.Category),
			f.MinAmount != nil && r.Amount < *f.MinAmount,
			f.MaxAmount != nil && r.Amount > *f.MaxAmount,
			!matchSearch(f.Search, r.Description):
			continue
		}
		sel = append(sel, r)
		tot.Count++
		if r.Type == domain.Credit {
			tot.In += r.Amount
		} else {
			tot.Out += r.Amount
		}
	}
	tot.Net = tot.In - tot.Out
	bank := func(a, b domain.Transaction) int {
		return cmp.Or(cmp.Compare(bookDate(a), bookDate(b)), cmp.Compare(ds.seq[a.ID], ds.seq[b.ID]), cmp.Compare(a.ID, b.ID))
	}
	slices.SortFunc(sel, func(a, b domain.Transaction) int {
		var c int
		switch f.Sort {
		case domain.SortAmount:
			c = cmp.Compare(a.Amount, b.Amount)
		case domain.SortDescription:
			c = strings.Compare(asciiLower(a.Description), asciiLower(b.Description))
		case domain.SortType:
			c = strings.Compare(a.TransactionType, b.TransactionType)
		case domain.SortCategory:
			c = strings.Compare(a.Category, b.Category)
		}
		c = cmp.Or(c, bank(a, b))
		if f.Descending {
			c = -c
		}
		return c
	})
	limit := f.Limit
	if limit == 0 {
		limit = store.DefaultPageSize
	}
	lo := min(f.Offset, len(sel))
	hi := min(lo+limit, len(sel))
	return domain.TransactionPage{Rows: append([]domain.Transaction{}, sel[lo:hi]...), Totals: tot, Offset: f.Offset}
}

func TestListTransactionsMatchesModel(t *testing.T) {
	t.Parallel()
	t.Run("planner", func(t *testing.T) { t.Parallel(); testListMatchesModel(t, newDataset(t)) })
	// Every search page walks the bank-order index.
	t.Run("index-walk", func(t *testing.T) {
		t.Parallel()
		testListMatchesModel(t, newDataset(t, store.WithSearchScanThreshold(0)))
	})
}

func testListMatchesModel(t *testing.T, ds dataset) {
	rng := rand.New(rand.NewPCG(42, 1))
	types := []string{"CardPurchases", "Deposits", "FeesAndInterest", "DebitOrders", "ATMWithdrawals"}
	searches := []string{"", "", "", "", "", "", "woolw", "cafe", "CAFÉ du", "gino's", "dis-chem", "pharmacy", "uber trip", "x", "-", "&", "'"}
	sorts := []domain.SortField{"", domain.SortDate, domain.SortAmount, domain.SortDescription, domain.SortType, domain.SortCategory}
	nonEmpty := 0
	for i := range 400 {
		var f domain.TransactionFilter
		if rng.IntN(2) == 0 {
			f.AccountIDs = []string{storetest.AccountID(rng.IntN(3))}
			if rng.IntN(3) == 0 {
				f.AccountIDs = append(f.AccountIDs, storetest.AccountID(rng.IntN(3)))
			}
		}
		if rng.IntN(2) == 0 {
			f.FromDate = time.Date(2026, 1, 1+rng.IntN(80), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		}
		if rng.IntN(2) == 0 {
			f.ToDate = time.Date(2026, 1, 1+rng.IntN(80), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		}
		if f.FromDate != "" && f.ToDate != "" && f.FromDate > f.ToDate && rng.IntN(4) > 0 {
			f.FromDate, f.ToDate = f.ToDate, f.FromDate
		}
		switch rng.IntN(3) {
		case 1:
			f.Direction = domain.Credit
		case 2:
			f.Direction = domain.Debit
		}
		if rng.IntN(3) == 0 {
			f.TransactionTypes = []string{types[rng.IntN(len(types))], types[rng.IntN(len(types))]}
		}
		f.Status = []domain.StatusFilter{"", domain.StatusAll, domain.StatusPosted, domain.StatusPending}[rng.IntN(4)]
		if rng.IntN(4) == 0 {
			f.Categories = []string{categories[rng.IntN(len(categories))], ""}[:1+rng.IntN(2)]
		}
		if rng.IntN(4) == 0 {
			m := domain.Money(rng.Int64N(60000))
			f.MinAmount = &m
		}
		if rng.IntN(4) == 0 {
			m := domain.Money(rng.Int64N(3000000))
			f.MaxAmount = &m
		}
		if f.MinAmount != nil && f.MaxAmount != nil && *f.MinAmount > *f.MaxAmount {
			f.MinAmount, f.MaxAmount = f.MaxAmount, f.MinAmount
		}
		f.Search = searches[rng.IntN(len(searches))]
		f.Sort = sorts[rng.IntN(len(sorts))]
		f.Descending = rng.IntN(2) == 0
		f.Limit = []int{0, 1, 7, 50, 1000}[rng.IntN(5)]
		f.Offset = []int{0, 0, 3, 40, 5000}[rng.IntN(5)]

		got, err := ds.st.ListTransactions(t.Context(), f)
		if err != nil {
			t.Fatalf("filter %d %+v: %v", i, f, err)
		}
		want := ds.model(f)
		if want.Totals != got.Totals {
			t.Fatalf("filter %d %+v: totals %+v, want %+v", i, f, got.Totals, want.Totals)
		}
		if diff := cmpTx(want.Rows, got.Rows); diff != "" {
			t.Fatalf("filter %d %+v: rows (-want +got):\n%s", i, f, diff)
		}
		if want.Totals.Count > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 150 {
		t.Fatalf("only %d of 400 random filters selected anything: the test proves little", nonEmpty)
	}
}

func TestAllTransactionsYieldsWholeFilteredSet(t *testing.T) {
	t.Parallel()
	ds := newDataset(t)
	f := domain.TransactionFilter{Direction: domain.Debit, Sort: domain.SortAmount, Descending: true, Limit: 3, Offset: 2}
	var got []domain.Transaction
	for r, err := range ds.st.AllTransactions(t.Context(), f) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	f.Offset, f.Limit = 0, 100000
	want := ds.model(f)
	if diff := cmpTx(want.Rows, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	// Stopping early is fine.
	n := 0
	for _, err := range ds.st.AllTransactions(t.Context(), f) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 2 {
			break
		}
	}
	for _, err := range ds.st.AllTransactions(t.Context(), domain.TransactionFilter{Sort: "bogus"}) {
		if domain.ErrorField(err) != "sort" {
			t.Fatalf("bad filter: %v", err)
		}
	}
}

// TestSearchTreatsInputAsText feeds text full of FTS5 and SQL syntax and
// checks that nothing errors and each search means exactly "these words".
func TestSearchTreatsInputAsText(t *testing.T) {
	t.Parallel()
	ds := newDataset(t, store.WithSearchScanThreshold(5))
	inputs := []string{
		`"`, `""`, `"woolworths`, `*`, `woolw*`, `AND`, `OR`, `NOT`, `woolworths AND uber`, `woolworths OR uber`,
		`woolworths NOT sandton`, `NEAR(`, `NEAR(woolworths sandton)`, `-`, `-sandton`, `woolworths -sandton`, `:`,
		`description:woolworths`, `{description}:uber`, `^uber`, `uber^`, `(`, `)`, `(uber)`, `+`, `gino's`,
		`GINO'S RESTAURANT & BAR`, `&amp;`, `café`, `CAFE`, `cafe du mo`, `dis-chem`, `dis chem`, `takealot.com`,
		"\x00", `'); DROP TABLE transactions; --`, `☕`, `☕ coffee`, `   `, `a"b`, `%`, `_`, `\`, `.*`, `中文`,
		`ÉNGEN`, `engen`, `e`, `0`, `2026`, `402167`, "woolworths\tsandton", `'`, `&`, `'s`,
	}
	matched := 0
	for _, in := range inputs {
		f := domain.TransactionFilter{Search: in, Limit: store.MaxPageSize}
		got, err := ds.st.ListTransactions(t.Context(), f)
		if err != nil {
			t.Fatalf("search %q: %v", in, err)
		}
		want := ds.model(f)
		if got.Totals != want.Totals {
			t.Fatalf("search %q: %d rows, want %d (FTS query %s)", in, got.Totals.Count, want.Totals.Count, store.FTSQuery(in))
		}
		if diff := cmpTx(want.Rows, got.Rows); diff != "" {
			t.Fatalf("search %q rows (-want +got):\n%s", in, diff)
		}
		if got.Totals.Count > 0 && strings.TrimSpace(in) != "" {
			matched++
		}
	}
	if matched < 15 {
		t.Fatalf("only %d searches matched anything: the data does not exercise the search", matched)
	}
	// The table is still there and the index agrees with it.
	if got, err := ds.st.ListTransactions(t.Context(), domain.TransactionFilter{}); err != nil || int(got.Totals.Count) != len(ds.rows) {
		t.Fatalf("after odd searches: %v rows, %v", got.Totals.Count, err)
	}
	if err := store.CheckIntegrity(t.Context(), ds.st); err != nil {
		t.Fatal(err)
	}
}

func TestFTSQuery(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"woolw":              `"woolw"*`,
		"Woolworths sandton": `"Woolworths" "sandton"*`,
		`a"b`:                `"a" "b"*`,
		"NEAR(x y)":          `"NEAR" "x" "y"*`,
		"-sandton":           `"sandton"*`,
		"col:val":            `"col" "val"*`,
		"café":               `"café"*`,
		"  ":                 ``,
		`"*-:()`:             ``,
	} {
		if got := store.FTSQuery(in); got != want {
			t.Errorf("FTSQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestListTransactionsValidatesFilter(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	neg := domain.Money(5)
	low := domain.Money(1)
	for field, f := range map[string]domain.TransactionFilter{
		"fromDate":  {FromDate: "2026-13-01"},
		"toDate":    {ToDate: "yesterday"},
		"direction": {Direction: "UP"},
		"status":    {Status: "settled"},
		"sort":      {Sort: "id; DROP TABLE transactions"},
		"offset":    {Offset: -1},
		"limit":     {Limit: store.MaxPageSize + 1},
		"maxAmount": {MinAmount: &neg, MaxAmount: &low},
	} {
		_, err := st.ListTransactions(t.Context(), f)
		if domain.ErrorCode(err) != domain.CodeInvalid || domain.ErrorField(err) != field {
			t.Errorf("%s: err = %v (field %q)", field, err, domain.ErrorField(err))
		}
	}
}
