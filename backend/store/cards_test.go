package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store"
)

func TestCardsCacheReplaceAndList(t *testing.T) {
	t.Parallel()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "cache.db")
	ctx := t.Context()
	st, err := store.Open(ctx, path, store.WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}

	if got, err := st.ListCachedCards(ctx); err != nil || len(got) != 0 {
		t.Fatalf("empty cache: %+v %v", got, err)
	}
	first := []domain.Card{
		{Key: "222", Number: "402167XXXXXX2222", Status: "Active", TypeCode: "VVG", EmbossedName: "A PERSON",
			AccountID: "acc-2", AccountNumber: "10012345678", Programmable: true, Virtual: true,
			AccountName: "ignored", Cached: true, FetchedAt: "ignored"},
		{Key: "111", Number: "402167XXXXXX1111", Status: "Inactive", AccountID: "acc-1", AccountNumber: "10087654321"},
	}
	if err := st.ReplaceCards(ctx, first); err != nil {
		t.Fatal(err)
	}
	got, err := st.ListCachedCards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.Card{
		{Key: "222", Number: "402167XXXXXX2222", Last4: "2222", Status: "Active", TypeCode: "VVG", EmbossedName: "A PERSON",
			AccountID: "acc-2", AccountNumber: "10012345678", Programmable: true, Virtual: true, FetchedAt: "2026-03-01T08:00:00Z"},
		{Key: "111", Number: "402167XXXXXX1111", Last4: "1111", Status: "Inactive", AccountID: "acc-1", AccountNumber: "10087654321",
			FetchedAt: "2026-03-01T08:00:00Z"},
	}
	if d := cmpAny(want, got); d != "" {
		t.Fatalf("cached cards (-want +got):\n%s", d)
	}

	// A later list replaces the whole cache: a card the bank no longer
	// lists is gone, and the fetch time moves on.
	clock = clock.Add(time.Hour)
	if err := st.ReplaceCards(ctx, []domain.Card{{Key: "111", Number: "402167XXXXXX1111", Status: "Active"}}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err = st.ListCachedCards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want = []domain.Card{{Key: "111", Number: "402167XXXXXX1111", Last4: "1111", Status: "Active", FetchedAt: "2026-03-01T09:00:00Z"}}
	if d := cmpAny(want, got); d != "" {
		t.Fatalf("after the second list (-want +got):\n%s", d)
	}

	// A card without a key is refused and the cache is left as it was.
	if err := st.ReplaceCards(ctx, []domain.Card{{Key: " "}}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("card without a key: %v", err)
	}
	if got, _ := st.ListCachedCards(ctx); len(got) != 1 {
		t.Errorf("a refused replace changed the cache: %+v", got)
	}
	// An empty list empties the cache (the connection sees no cards now).
	if err := st.ReplaceCards(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.ListCachedCards(ctx); len(got) != 0 {
		t.Errorf("after an empty list: %+v", got)
	}
}
