package core

import (
	"context"
	"slices"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Categories returns the user's categories in their order, with how often
// each is used, then any category transactions carry that is not listed.
func (s *Service) Categories(ctx context.Context) ([]domain.Category, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sess.store.ListCategories(ctx)
}

// AddCategory adds a category to the end of the list.
func (s *Service) AddCategory(ctx context.Context, name string) (domain.Category, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.Category{}, err
	}
	return sess.store.CreateCategory(ctx, name)
}

// RenameCategory renames a category; its transactions and rules follow.
func (s *Service) RenameCategory(ctx context.Context, id int64, name string) (domain.Category, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.Category{}, err
	}
	return sess.store.RenameCategory(ctx, id, name)
}

// DeleteCategory deletes a category. Its transactions and rules move to
// the category named moveTo, or, when moveTo is "", the transactions become
// uncategorised and the rules are deleted.
func (s *Service) DeleteCategory(ctx context.Context, id int64, moveTo string) error {
	sess, err := s.current(ctx)
	if err != nil {
		return err
	}
	return sess.store.DeleteCategory(ctx, id, moveTo)
}

// Rules returns the category rules in the order they are tried.
func (s *Service) Rules(ctx context.Context) ([]domain.CategoryRule, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sess.store.ListRules(ctx)
}

// AddRule adds a rule, tried before the existing ones. It categorises
// transactions synced from now on; ApplyRules applies it to cached ones.
func (s *Service) AddRule(ctx context.Context, in domain.RuleInput) (domain.CategoryRule, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.CategoryRule{}, err
	}
	return sess.store.CreateRule(ctx, in)
}

// UpdateRule changes a rule.
func (s *Service) UpdateRule(ctx context.Context, id int64, in domain.RuleInput) (domain.CategoryRule, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.CategoryRule{}, err
	}
	return sess.store.UpdateRule(ctx, id, in)
}

// DeleteRule deletes a rule; the categories it set stay.
func (s *Service) DeleteRule(ctx context.Context, id int64) error {
	sess, err := s.current(ctx)
	if err != nil {
		return err
	}
	return sess.store.DeleteRule(ctx, id)
}

// MoveRule moves a rule to index (0 = tried first).
func (s *Service) MoveRule(ctx context.Context, id int64, index int) error {
	sess, err := s.current(ctx)
	if err != nil {
		return err
	}
	return sess.store.MoveRule(ctx, id, index)
}

// PreviewRule counts the cached transactions a rule as typed would match,
// and how many of them applying it to existing transactions would change.
func (s *Service) PreviewRule(ctx context.Context, in domain.RuleInput) (domain.RulePreview, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.RulePreview{}, err
	}
	return sess.store.PreviewRule(ctx, in)
}

// ApplyRules applies the rules (only ruleIDs, when given) to every cached
// transaction that has no category or a category a rule set. Categories
// set by hand are never changed.
func (s *Service) ApplyRules(ctx context.Context, ruleIDs []int64) (domain.RuleApplication, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.RuleApplication{}, err
	}
	return sess.store.ApplyRules(ctx, ruleIDs)
}

// categoriseNew applies the rules to what a sync just brought in. It never
// fails the sync: a problem is logged and the next sync tries again.
func (s *Service) categoriseNew(ctx context.Context, sess *session) {
	res, err := sess.store.ApplyRulesToNew(ctx)
	if err != nil {
		s.log.Warn("category rules after sync", "code", domain.ErrorCode(err), "err", err)
		return
	}
	if res.Categorised > 0 {
		s.log.Info("category rules after sync", "categorised", res.Categorised, "examined", res.Examined)
	}
}

// TransactionDetail returns a cached transaction with who set its category
// (and which rule, if a rule did).
func (s *Service) TransactionDetail(ctx context.Context, id int64) (domain.TransactionDetail, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return domain.TransactionDetail{}, err
	}
	t, err := sess.store.GetTransaction(ctx, id)
	if err != nil {
		return domain.TransactionDetail{}, err
	}
	src, rule, err := sess.store.CategoryOrigin(ctx, id)
	if err != nil {
		return domain.TransactionDetail{}, err
	}
	return domain.TransactionDetail{Transaction: t, CategorySource: src, Rule: rule}, nil
}

// TransactionTypes returns the transactionType values in the cache.
func (s *Service) TransactionTypes(ctx context.Context) ([]string, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sess.store.TransactionTypes(ctx)
}

// CachedBeneficiaries returns the beneficiaries as last synced, in the
// bank's order. It never touches the network.
func (s *Service) CachedBeneficiaries(ctx context.Context) ([]domain.Beneficiary, error) {
	sess, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	list, err := sess.store.ListBeneficiaries(ctx)
	if list == nil && err == nil {
		list = []domain.Beneficiary{}
	}
	return list, err
}

// Insight returns the data behind the dashboard charts for the requested
// accounts (all when none) and period, from the cache alone: each
// account's daily closing balance, money in and out per month (every month
// of the period, empty ones included), and each month split by
// transactionType and by category.
func (s *Service) Insight(ctx context.Context, req domain.InsightRequest) (domain.Insight, error) {
	var problems domain.ValidationErrors
	for _, d := range []struct{ field, v string }{{"from", req.From}, {"to", req.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			problems = append(problems, domain.FieldError(d.field, "Use a date like 2026-03-01."))
		}
	}
	if len(problems) == 0 && req.From != "" && req.To != "" && req.From > req.To {
		problems = append(problems, domain.FieldError("to", "The end must not be before the start."))
	}
	if err := problems.Err(); err != nil {
		return domain.Insight{}, err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return domain.Insight{}, err
	}
	accounts, err := sess.store.ListAccounts(ctx)
	if err != nil {
		return domain.Insight{}, err
	}
	var ids []string
	for _, a := range accounts {
		if len(req.AccountIDs) == 0 || slices.Contains(req.AccountIDs, a.ID) {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) != len(req.AccountIDs) && len(req.AccountIDs) > 0 {
		return domain.Insight{}, domain.FieldError("accountIds", "Choose accounts from the list.")
	}
	out := domain.Insight{From: req.From, To: req.To, Balances: []domain.BalanceSeries{}}
	for _, id := range ids {
		points, err := sess.store.BalanceHistory(ctx, id, req.From, req.To)
		if err != nil {
			return domain.Insight{}, err
		}
		if points == nil {
			points = []domain.BalancePoint{}
		}
		out.Balances = append(out.Balances, domain.BalanceSeries{AccountID: id, Points: points})
	}
	if len(ids) == 0 {
		out.InOut, out.ByType, out.ByCategory = []domain.MonthlyFlow{}, []domain.MonthlyGroupTotal{}, []domain.MonthlyGroupTotal{}
		return out, nil
	}
	flows, err := sess.store.MonthlyInOut(ctx, ids, req.From, req.To)
	if err != nil {
		return domain.Insight{}, err
	}
	out.InOut = monthlyTotals(flows, req.From, req.To)
	if out.ByType, err = sess.store.MonthlyByTransactionType(ctx, ids, req.From, req.To); err != nil {
		return domain.Insight{}, err
	}
	if out.ByCategory, err = sess.store.MonthlyByCategory(ctx, ids, req.From, req.To); err != nil {
		return domain.Insight{}, err
	}
	if out.ByType == nil {
		out.ByType = []domain.MonthlyGroupTotal{}
	}
	if out.ByCategory == nil {
		out.ByCategory = []domain.MonthlyGroupTotal{}
	}
	return out, nil
}

// monthlyTotals adds per-account monthly flows into one flow per month,
// with a zero entry for every month between from and to (or between the
// first and last month with data, where the period is open) that had none.
func monthlyTotals(flows []domain.MonthlyFlow, from, to string) []domain.MonthlyFlow {
	byMonth := map[string]domain.MonthlyFlow{}
	first, last := "", ""
	for _, f := range flows {
		m := byMonth[f.Month]
		m.Month = f.Month
		m.In += f.In
		m.Out += f.Out
		m.Net += f.Net
		m.Count += f.Count
		byMonth[f.Month] = m
		if first == "" || f.Month < first {
			first = f.Month
		}
		if f.Month > last {
			last = f.Month
		}
	}
	if from != "" {
		first = from[:7]
	}
	if to != "" {
		last = to[:7]
	}
	out := []domain.MonthlyFlow{}
	if first == "" || last == "" {
		return out
	}
	start, err1 := time.Parse("2006-01", first)
	end, err2 := time.Parse("2006-01", last)
	if err1 != nil || err2 != nil {
		return out
	}
	for m := start; !m.After(end); m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		f := byMonth[key]
		f.Month = key
		out = append(out, f)
	}
	return out
}
