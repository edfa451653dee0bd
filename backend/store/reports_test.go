package store_test

import (
	"cmp"
	"slices"
	"testing"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

func TestMonthlyReportsMatchModel(t *testing.T) {
	t.Parallel()
	ds := newDataset(t)
	ctx := t.Context()
	a0 := storetest.AccountID(0)

	flows := map[[2]string]*domain.MonthlyFlow{}
	byType := map[[2]string]*domain.MonthlyGroupTotal{}
	byCat := map[[2]string]*domain.MonthlyGroupTotal{}
	add := func(in, out *domain.Money, count *int64, r domain.Transaction) {
		*count++
		if r.Type == domain.Credit {
			*in += r.Amount
		} else {
			*out += r.Amount
		}
	}
	for _, r := range ds.rows {
		if r.Status != domain.Posted || r.PostingDate < "2026-01-10" || r.PostingDate > "2026-03-05" {
			continue
		}
		m := r.PostingDate[:7]
		f := flows[[2]string{r.AccountID, m}]
		if f == nil {
			f = &domain.MonthlyFlow{AccountID: r.AccountID, Month: m}
			flows[[2]string{r.AccountID, m}] = f
		}
		add(&f.In, &f.Out, &f.Count, r)
		if r.AccountID != a0 {
			continue
		}
		for key, mp := range map[string]map[[2]string]*domain.MonthlyGroupTotal{r.TransactionType: byType, r.Category: byCat} {
			g := mp[[2]string{m, key}]
			if g == nil {
				g = &domain.MonthlyGroupTotal{Month: m, Group: key}
				mp[[2]string{m, key}] = g
			}
			add(&g.In, &g.Out, &g.Count, r)
		}
	}
	var wantFlows []domain.MonthlyFlow
	for _, f := range flows {
		f.Net = f.In - f.Out
		wantFlows = append(wantFlows, *f)
	}
	slices.SortFunc(wantFlows, func(a, b domain.MonthlyFlow) int {
		return cmp.Or(cmp.Compare(a.AccountID, b.AccountID), cmp.Compare(a.Month, b.Month))
	})
	got, err := ds.st.MonthlyInOut(ctx, nil, "2026-01-10", "2026-03-05")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmpAny(wantFlows, got); diff != "" {
		t.Fatalf("monthly in/out (-want +got):\n%s", diff)
	}
	groups := func(mp map[[2]string]*domain.MonthlyGroupTotal) []domain.MonthlyGroupTotal {
		var out []domain.MonthlyGroupTotal
		for _, g := range mp {
			g.Net = g.In - g.Out
			out = append(out, *g)
		}
		slices.SortFunc(out, func(a, b domain.MonthlyGroupTotal) int {
			return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Group, b.Group))
		})
		return out
	}
	gotType, err := ds.st.MonthlyByTransactionType(ctx, []string{a0}, "2026-01-10", "2026-03-05")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmpAny(groups(byType), gotType); diff != "" {
		t.Fatalf("by type (-want +got):\n%s", diff)
	}
	gotCat, err := ds.st.MonthlyByCategory(ctx, []string{a0}, "2026-01-10", "2026-03-05")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmpAny(groups(byCat), gotCat); diff != "" {
		t.Fatalf("by category (-want +got):\n%s", diff)
	}
	if len(gotCat) < 6 {
		t.Fatalf("only %d category groups: data too thin", len(gotCat))
	}
}

func TestBalanceHistoryIsDailyClosingBalance(t *testing.T) {
	t.Parallel()
	ds := newDataset(t)
	a1 := storetest.AccountID(1)
	closing := map[string]domain.Money{}
	last := map[string]int64{}
	for _, r := range ds.rows {
		if r.AccountID != a1 || r.Status != domain.Posted || r.PostingDate < "2026-02-01" {
			continue
		}
		if o, ok := last[r.PostingDate]; !ok || r.PostedOrder > o {
			last[r.PostingDate] = r.PostedOrder
			closing[r.PostingDate] = *r.RunningBalance
		}
	}
	var want []domain.BalancePoint
	for d, b := range closing {
		want = append(want, domain.BalancePoint{Date: d, Balance: b})
	}
	slices.SortFunc(want, func(a, b domain.BalancePoint) int { return cmp.Compare(a.Date, b.Date) })
	got, err := ds.st.BalanceHistory(t.Context(), a1, "2026-02-01", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 20 {
		t.Fatalf("only %d days of data", len(want))
	}
	if diff := cmpAny(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}
