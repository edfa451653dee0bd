package domain

import "strings"

// Category is one of the user's categories for transactions ("Groceries",
// "Salary", ...). The list is the user's own: seeded with South African
// defaults, then added to, renamed and deleted at will.
type Category struct {
	// ID identifies a listed category; it is 0 for a category some
	// transactions carry that is not (or no longer) in the list.
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Position int    `json:"position"`
	// Uses is how many annotations (the user's or a rule's) carry the
	// category.
	Uses int64 `json:"uses"`
	// Rules is how many rules set the category.
	Rules  int  `json:"rules"`
	Listed bool `json:"listed"`
}

// CategoryRule sets a category on transactions whose description contains
// a text, optionally only in one account and/or one direction. Rules are
// tried in Position order; the first that matches wins.
type CategoryRule struct {
	ID         int64  `json:"id"`
	Contains   string `json:"contains"` // matched ignoring case
	CategoryID int64  `json:"categoryId"`
	Category   string `json:"category"`
	// AccountID limits the rule to one account ("" = every account).
	AccountID string `json:"accountId"`
	// Direction limits the rule to money in or out ("" = both).
	Direction Direction `json:"direction"`
	Position  int       `json:"position"`
	CreatedAt string    `json:"createdAt"` // RFC 3339
}

// RuleInput is what a person types to create or change a rule.
type RuleInput struct {
	Contains  string    `json:"contains"`
	Category  string    `json:"category"` // a listed category's name
	AccountID string    `json:"accountId"`
	Direction Direction `json:"direction"`
}

// Matches reports whether the rule applies to a transaction of accountID
// in direction dir with the given description.
func (r CategoryRule) Matches(accountID string, dir Direction, description string) bool {
	return NewRuleMatcher(r).Matches(accountID, dir, description)
}

// RuleMatcher is a CategoryRule prepared for matching many descriptions.
type RuleMatcher struct {
	Rule   CategoryRule
	needle string
}

// NewRuleMatcher prepares r for matching.
func NewRuleMatcher(r CategoryRule) RuleMatcher {
	return RuleMatcher{Rule: r, needle: FoldText(r.Contains)}
}

// Matches reports whether the rule applies to a transaction of accountID
// in direction dir with the given description.
func (m RuleMatcher) Matches(accountID string, dir Direction, description string) bool {
	return m.MatchesFolded(accountID, dir, FoldText(description))
}

// MatchesFolded is Matches for a description already passed through
// FoldText (fold once, try many rules).
func (m RuleMatcher) MatchesFolded(accountID string, dir Direction, folded string) bool {
	if m.needle == "" {
		return false
	}
	if m.Rule.AccountID != "" && m.Rule.AccountID != accountID {
		return false
	}
	if m.Rule.Direction != "" && m.Rule.Direction != dir {
		return false
	}
	return strings.Contains(folded, m.needle)
}

// FoldText prepares text for a case-insensitive "contains" comparison: it
// lower-cases it and collapses runs of white space to one space, so
// "WOOLWORTHS  SANDTON" contains "woolworths sandton".
func FoldText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// RulePreview tells, before a rule is applied to the transactions already
// cached, what it would do.
type RulePreview struct {
	// Matching counts cached transactions the rule matches.
	Matching int64 `json:"matching"`
	// WouldChange counts those whose category it would set: the ones
	// without a category, or with a category set by a rule. A category set
	// by hand is never changed.
	WouldChange int64 `json:"wouldChange"`
}

// RuleApplication reports what applying rules changed.
type RuleApplication struct {
	// Categorised counts transactions that had no category and got one.
	Categorised int64 `json:"categorised"`
	// Recategorised counts transactions whose rule-set category changed.
	Recategorised int64 `json:"recategorised"`
	// Examined counts the transactions the rules were tried on.
	Examined int64 `json:"examined"`
}

// CategorySource says who set a transaction's category.
type CategorySource string

// The sources of a category.
const (
	CategoryNone   CategorySource = ""     // no category
	CategoryByHand CategorySource = "hand" // the user chose it
	CategoryByRule CategorySource = "rule" // a rule set it; rules may change it again
)

// TransactionDetail is one transaction with what the detail panel shows
// beside it: who set its category and, for a rule, which one.
type TransactionDetail struct {
	Transaction    Transaction    `json:"transaction"`
	CategorySource CategorySource `json:"categorySource"`
	// Rule is the rule that set the category, while it still exists.
	Rule *CategoryRule `json:"rule,omitempty"`
}

// InsightRequest chooses the accounts (all when empty) and the period
// (YYYY-MM-DD, inclusive; "" = unbounded) the dashboard charts cover.
type InsightRequest struct {
	AccountIDs []string `json:"accountIds"`
	From       string   `json:"from"`
	To         string   `json:"to"`
}

// BalanceSeries is one account's closing balance day by day.
type BalanceSeries struct {
	AccountID string         `json:"accountId"`
	Points    []BalancePoint `json:"points"`
}

// Insight is the data behind the dashboard charts, from the cache alone.
type Insight struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Balances holds one series per requested account (every account when
	// none was requested), in the accounts' order.
	Balances []BalanceSeries `json:"balances"`
	// InOut is money in and out per month over the requested accounts
	// together (AccountID is empty), every month of the period included.
	InOut []MonthlyFlow `json:"inOut"`
	// ByType and ByCategory split each month by transactionType and by
	// category ("" = uncategorised), posted transactions only.
	ByType     []MonthlyGroupTotal `json:"byType"`
	ByCategory []MonthlyGroupTotal `json:"byCategory"`
}
