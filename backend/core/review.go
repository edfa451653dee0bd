package core

import (
	"context"
	"iter"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Accounts returns the cached accounts with their latest balances. It
// never touches the network.
func (s *Service) Accounts(ctx context.Context) ([]domain.Account, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sess.store.ListAccounts(ctx)
}

// Transactions returns one page of cached transactions matching f, with
// the totals of everything f selects. It never touches the network.
func (s *Service) Transactions(ctx context.Context, f domain.TransactionFilter) (domain.TransactionPage, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.TransactionPage{}, err
	}
	return sess.store.ListTransactions(ctx, f)
}

// AllTransactions yields every cached transaction f selects, in f's order,
// without holding them all in memory.
func (s *Service) AllTransactions(ctx context.Context, f domain.TransactionFilter) iter.Seq2[domain.Transaction, error] {
	return func(yield func(domain.Transaction, error) bool) {
		sess, err := s.current(ctx)
		if err != nil {
			yield(domain.Transaction{}, err)
			return
		}
		for t, err := range sess.store.AllTransactions(ctx, f) {
			if !yield(t, err) || err != nil {
				return
			}
		}
	}
}

// Transaction returns one cached transaction by its local ID.
func (s *Service) Transaction(ctx context.Context, id int64) (domain.Transaction, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.Transaction{}, err
	}
	return sess.store.GetTransaction(ctx, id)
}

// Annotate sets the user's category and note on a transaction. They are
// kept locally and survive every re-sync.
func (s *Service) Annotate(ctx context.Context, transactionID int64, a domain.Annotation) (domain.Transaction, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.Transaction{}, err
	}
	if err := sess.store.SetAnnotation(ctx, transactionID, a); err != nil {
		return domain.Transaction{}, err
	}
	return sess.store.GetTransaction(ctx, transactionID)
}
