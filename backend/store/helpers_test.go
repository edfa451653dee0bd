package store_test

import (
	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// cmpTx compares transactions on every field.
func cmpTx(want, got []domain.Transaction) string { return cmp.Diff(want, got) }

// cmpAny compares any two values.
func cmpAny(want, got any) string { return cmp.Diff(want, got) }

// bankFields clears what the cache adds (local ID, annotation) so rows can
// be compared with what the bank sent.
func bankFields(in []domain.Transaction) []domain.Transaction {
	out := make([]domain.Transaction, len(in))
	for i, t := range in {
		t.ID, t.Category, t.Note = 0, "", ""
		out[i] = t
	}
	return out
}
