package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// MaxRuleTextLen bounds the text a rule looks for.
const MaxRuleTextLen = 100

// RuleSeenDays is how far below the newest cached day of an account the
// rules remember which rows they have already tried. A sync re-fetches (and
// so re-inserts) only the days near the top of an account's history (its
// overlap and any still-pending days), so a re-inserted row in that band is
// recognised and not taken for a new transaction. It must exceed the sync's
// overlap and the age of the oldest pending transaction.
const RuleSeenDays = 120

// ruleScanChunkDays bounds the book-date range read in one go when the rules
// walk an account, so memory stays bounded on a large cache.
const ruleScanChunkDays = 366

// ListCategories returns the listed categories in the user's order, each
// with how many annotations and rules use it, followed (by name) by the
// categories transactions carry that are not in the list (ID 0).
func (s *Store) ListCategories(ctx context.Context) ([]domain.Category, error) {
	var out []domain.Category
	err := s.read(ctx, func(tx *sql.Tx) error {
		uses := map[string]int64{}
		if err := eachRow(ctx, tx, `SELECT category, count(*) FROM annotations WHERE category <> '' GROUP BY category`,
			nil, func(sc scanner) error {
				var name string
				var n int64
				if err := sc.Scan(&name, &n); err != nil {
					return err
				}
				uses[name] = n
				return nil
			}); err != nil {
			return formatError(fmt.Errorf("list categories: %w", err))
		}
		rules := map[int64]int{}
		if err := eachRow(ctx, tx, `SELECT category_id, count(*) FROM category_rules GROUP BY category_id`, nil,
			func(sc scanner) error {
				var id int64
				var n int
				if err := sc.Scan(&id, &n); err != nil {
					return err
				}
				rules[id] = n
				return nil
			}); err != nil {
			return formatError(fmt.Errorf("list categories: %w", err))
		}
		if err := eachRow(ctx, tx, `SELECT id, name, position FROM categories ORDER BY position, id`, nil,
			func(sc scanner) error {
				c := domain.Category{Listed: true}
				if err := sc.Scan(&c.ID, &c.Name, &c.Position); err != nil {
					return err
				}
				c.Uses, c.Rules = uses[c.Name], rules[c.ID]
				delete(uses, c.Name)
				out = append(out, c)
				return nil
			}); err != nil {
			return formatError(fmt.Errorf("list categories: %w", err))
		}
		var unlisted []domain.Category
		for name, n := range uses {
			unlisted = append(unlisted, domain.Category{Name: name, Uses: n})
		}
		slices.SortFunc(unlisted, func(a, b domain.Category) int { return strings.Compare(a.Name, b.Name) })
		out = append(out, unlisted...)
		return nil
	})
	if out == nil {
		out = []domain.Category{}
	}
	return out, err
}

// checkName validates a category name typed by a person and returns it
// trimmed.
func checkName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", domain.FieldError(field, "Enter a name.")
	case utf8.RuneCountInString(name) > MaxCategoryLen:
		return "", domain.FieldError(field, "Use at most %d characters.", MaxCategoryLen)
	case strings.ContainsFunc(name, unicode.IsControl):
		return "", domain.FieldError(field, "Use letters, digits, spaces and punctuation only.")
	}
	return name, nil
}

// CreateCategory adds a category at the end of the list.
func (s *Store) CreateCategory(ctx context.Context, name string) (domain.Category, error) {
	name, err := checkName("name", name)
	if err != nil {
		return domain.Category{}, err
	}
	now := s.nowString()
	c := domain.Category{Name: name, Listed: true}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := noOtherCategory(ctx, tx, name, 0); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM categories`).Scan(&c.Position); err != nil {
			return formatError(fmt.Errorf("create category: %w", err))
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO categories (name, position, created_at) VALUES (?, ?, ?)`, name, c.Position, now)
		if err != nil {
			return formatError(fmt.Errorf("create category: %w", err))
		}
		c.ID, err = res.LastInsertId()
		if err != nil {
			return formatError(fmt.Errorf("create category: %w", err))
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM annotations WHERE category = ?`, name).Scan(&c.Uses)
	})
	return c, err
}

// noOtherCategory fails when a listed category other than id already has
// the name (ignoring case).
func noOtherCategory(ctx context.Context, tx *sql.Tx, name string, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE name = ? AND id <> ?`, name, id).Scan(&n); err != nil {
		return formatError(fmt.Errorf("check category name: %w", err))
	}
	if n > 0 {
		return domain.FieldError("name", "A category named %q already exists.", name)
	}
	return nil
}

// categoryName returns the name of the listed category id.
func categoryName(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM categories WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", domain.Wrap(err, domain.CodeNotFound, "That category no longer exists.")
	}
	if err != nil {
		return "", formatError(fmt.Errorf("read category: %w", err))
	}
	return name, nil
}

// RenameCategory renames a listed category, and every transaction and rule
// that uses it follows. Whether a transaction's category was set by hand or
// by a rule does not change.
func (s *Store) RenameCategory(ctx context.Context, id int64, name string) (domain.Category, error) {
	name, err := checkName("name", name)
	if err != nil {
		return domain.Category{}, err
	}
	now := s.nowString()
	err = s.write(ctx, func(tx *sql.Tx) error {
		old, err := categoryName(ctx, tx, id)
		if err != nil {
			return err
		}
		if old == name {
			return nil
		}
		if err := noOtherCategory(ctx, tx, name, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE categories SET name = ? WHERE id = ?`, name, id); err != nil {
			return formatError(fmt.Errorf("rename category: %w", err))
		}
		return moveCategory(ctx, tx, old, name, now)
	})
	if err != nil {
		return domain.Category{}, err
	}
	return s.category(ctx, id)
}

// moveCategory gives every annotation carrying category from the category
// to instead, keeping whether a rule or a person set it.
func moveCategory(ctx context.Context, tx *sql.Tx, from, to, now string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE annotations SET rule_category = ? WHERE rule_category = ? AND category = ?`,
		to, from, from); err != nil {
		return formatError(fmt.Errorf("move category: %w", err))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE annotations SET category = ?, updated_at = ? WHERE category = ?`,
		to, now, from); err != nil {
		return formatError(fmt.Errorf("move category: %w", err))
	}
	return nil
}

// category returns one listed category with its counts.
func (s *Store) category(ctx context.Context, id int64) (domain.Category, error) {
	all, err := s.ListCategories(ctx)
	if err != nil {
		return domain.Category{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return domain.Category{}, domain.Errorf(domain.CodeNotFound, "That category no longer exists.")
}

// DeleteCategory removes a listed category. With moveTo (another listed
// category's name) its transactions and rules move there; with moveTo ""
// its transactions become uncategorised (their notes stay) and its rules
// are deleted.
func (s *Store) DeleteCategory(ctx context.Context, id int64, moveTo string) error {
	now := s.nowString()
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := categoryName(ctx, tx, id)
		if err != nil {
			return err
		}
		if strings.TrimSpace(moveTo) != "" {
			var targetID int64
			var target string
			err := tx.QueryRowContext(ctx, `SELECT id, name FROM categories WHERE name = ?`, strings.TrimSpace(moveTo)).
				Scan(&targetID, &target)
			if errors.Is(err, sql.ErrNoRows) || targetID == id {
				return domain.FieldError("moveTo", "Choose another category from the list.")
			}
			if err != nil {
				return formatError(fmt.Errorf("delete category: %w", err))
			}
			if err := moveCategory(ctx, tx, old, target, now); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE category_rules SET category_id = ? WHERE category_id = ?`, targetID, id); err != nil {
				return formatError(fmt.Errorf("delete category: %w", err))
			}
		} else {
			// Uncategorised again, as if never categorised: rules may
			// categorise them later.
			if _, err := tx.ExecContext(ctx, `UPDATE annotations SET category = '', rule_category = NULL, rule_id = NULL,
				updated_at = ? WHERE category = ?`, now, old); err != nil {
				return formatError(fmt.Errorf("delete category: %w", err))
			}
			// An annotation with neither category nor note is no annotation.
			if _, err := tx.ExecContext(ctx, `DELETE FROM annotations
				WHERE category = '' AND note = '' AND rule_category IS NULL`); err != nil {
				return formatError(fmt.Errorf("delete category: %w", err))
			}
			if _, err := tx.ExecContext(ctx, `UPDATE annotations SET rule_id = NULL
				WHERE rule_id IN (SELECT id FROM category_rules WHERE category_id = ?)`, id); err != nil {
				return formatError(fmt.Errorf("delete category: %w", err))
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM category_rules WHERE category_id = ?`, id); err != nil {
				return formatError(fmt.Errorf("delete category: %w", err))
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM categories WHERE id = ?`, id); err != nil {
			return formatError(fmt.Errorf("delete category: %w", err))
		}
		return nil
	})
}

// ruleColumns are the columns scanRule reads, in its order.
const ruleColumns = `r.id, r.contains, r.category_id, c.name, r.account_id, r.direction, r.position, r.created_at`

func scanRule(sc scanner) (domain.CategoryRule, error) {
	var r domain.CategoryRule
	err := sc.Scan(&r.ID, &r.Contains, &r.CategoryID, &r.Category, &r.AccountID, &r.Direction, &r.Position, &r.CreatedAt)
	return r, err
}

// ListRules returns the rules in the order they are tried.
func (s *Store) ListRules(ctx context.Context) ([]domain.CategoryRule, error) {
	var out []domain.CategoryRule
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = listRules(ctx, tx)
		return err
	})
	return out, err
}

func listRules(ctx context.Context, tx *sql.Tx) ([]domain.CategoryRule, error) {
	out := []domain.CategoryRule{}
	err := eachRow(ctx, tx, `SELECT `+ruleColumns+` FROM category_rules r JOIN categories c ON c.id = r.category_id
		ORDER BY r.position, r.id`, nil, func(sc scanner) error {
		r, err := scanRule(sc)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, formatError(fmt.Errorf("list rules: %w", err))
	}
	return out, nil
}

// getRule returns one rule.
func getRule(ctx context.Context, tx *sql.Tx, id int64) (domain.CategoryRule, error) {
	r, err := scanRule(tx.QueryRowContext(ctx, `SELECT `+ruleColumns+`
		FROM category_rules r JOIN categories c ON c.id = r.category_id WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.Wrap(err, domain.CodeNotFound, "That rule no longer exists.")
	}
	if err != nil {
		return r, formatError(fmt.Errorf("read rule: %w", err))
	}
	return r, nil
}

// checkRule validates a rule typed by a person, reporting every problem
// beside its field, and returns it as a rule (without ID or position).
func checkRule(ctx context.Context, tx *sql.Tx, in domain.RuleInput) (domain.CategoryRule, error) {
	var problems domain.ValidationErrors
	r := domain.CategoryRule{Contains: strings.TrimSpace(in.Contains), AccountID: in.AccountID, Direction: in.Direction}
	switch {
	case domain.FoldText(r.Contains) == "":
		problems = append(problems, domain.FieldError("contains", "Enter the text descriptions must contain."))
	case utf8.RuneCountInString(r.Contains) > MaxRuleTextLen:
		problems = append(problems, domain.FieldError("contains", "Use at most %d characters.", MaxRuleTextLen))
	case strings.ContainsFunc(r.Contains, unicode.IsControl):
		problems = append(problems, domain.FieldError("contains", "Use letters, digits, spaces and punctuation only."))
	}
	if strings.TrimSpace(in.Category) == "" {
		problems = append(problems, domain.FieldError("category", "Choose a category."))
	} else {
		err := tx.QueryRowContext(ctx, `SELECT id, name FROM categories WHERE name = ?`, strings.TrimSpace(in.Category)).
			Scan(&r.CategoryID, &r.Category)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			problems = append(problems, domain.FieldError("category", "Choose a category from the list."))
		case err != nil:
			return r, formatError(fmt.Errorf("check rule: %w", err))
		}
	}
	if r.AccountID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE id = ?`, r.AccountID).Scan(&n); err != nil {
			return r, formatError(fmt.Errorf("check rule: %w", err))
		}
		if n == 0 {
			problems = append(problems, domain.FieldError("accountId", "Choose one of your accounts, or any account."))
		}
	}
	switch r.Direction {
	case "", domain.Credit, domain.Debit:
	default:
		problems = append(problems, domain.FieldError("direction", "Choose money in, money out or both."))
	}
	return r, problems.Err()
}

// CreateRule adds a rule. It goes first in the list, so a new, more
// specific rule wins over older, broader ones; MoveRule reorders. It
// applies to transactions synced from now on; ApplyRules applies it to the
// ones already cached.
func (s *Store) CreateRule(ctx context.Context, in domain.RuleInput) (domain.CategoryRule, error) {
	now := s.nowString()
	var out domain.CategoryRule
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := checkRule(ctx, tx, in)
		if err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(position), 1) - 1 FROM category_rules`).Scan(&pos); err != nil {
			return formatError(fmt.Errorf("create rule: %w", err))
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO category_rules (contains, category_id, account_id, direction, position, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, r.Contains, r.CategoryID, r.AccountID, string(r.Direction), pos, now)
		if err != nil {
			return formatError(fmt.Errorf("create rule: %w", err))
		}
		id, err := res.LastInsertId()
		if err != nil {
			return formatError(fmt.Errorf("create rule: %w", err))
		}
		if err := renumberRules(ctx, tx, nil); err != nil {
			return err
		}
		out, err = getRule(ctx, tx, id)
		return err
	})
	return out, err
}

// UpdateRule changes a rule's text, category, account or direction. Like a
// new rule, the change applies to transactions synced from now on and, on
// request (ApplyRules), to the cached ones.
func (s *Store) UpdateRule(ctx context.Context, id int64, in domain.RuleInput) (domain.CategoryRule, error) {
	var out domain.CategoryRule
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := getRule(ctx, tx, id); err != nil {
			return err
		}
		r, err := checkRule(ctx, tx, in)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE category_rules SET contains = ?, category_id = ?, account_id = ?, direction = ?
			WHERE id = ?`, r.Contains, r.CategoryID, r.AccountID, string(r.Direction), id); err != nil {
			return formatError(fmt.Errorf("update rule: %w", err))
		}
		out, err = getRule(ctx, tx, id)
		return err
	})
	return out, err
}

// DeleteRule removes a rule. The categories it set stay, and still count as
// set by a rule.
func (s *Store) DeleteRule(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM category_rules WHERE id = ?`, id)
		if err != nil {
			return formatError(fmt.Errorf("delete rule: %w", err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.CodeNotFound, "That rule no longer exists.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annotations SET rule_id = NULL WHERE rule_id = ?`, id); err != nil {
			return formatError(fmt.Errorf("delete rule: %w", err))
		}
		return nil
	})
}

// MoveRule moves a rule to index (0 = tried first) in the list.
func (s *Store) MoveRule(ctx context.Context, id int64, index int) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := getRule(ctx, tx, id); err != nil {
			return err
		}
		return renumberRules(ctx, tx, func(ids []int64) []int64 {
			ids = slices.DeleteFunc(ids, func(x int64) bool { return x == id })
			return slices.Insert(ids, min(max(index, 0), len(ids)), id)
		})
	})
}

// renumberRules gives the rules positions 1..n in their current order, as
// reorder changes it.
func renumberRules(ctx context.Context, tx *sql.Tx, reorder func([]int64) []int64) error {
	var ids []int64
	if err := eachRow(ctx, tx, `SELECT id FROM category_rules ORDER BY position, id`, nil, func(sc scanner) error {
		var id int64
		err := sc.Scan(&id)
		ids = append(ids, id)
		return err
	}); err != nil {
		return formatError(fmt.Errorf("order rules: %w", err))
	}
	if reorder != nil {
		ids = reorder(ids)
	}
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE category_rules SET position = ? WHERE id = ?`, i+1, id); err != nil {
			return formatError(fmt.Errorf("order rules: %w", err))
		}
	}
	return nil
}

// ruleSet is a list of rules prepared for matching, in the order tried.
type ruleSet []domain.RuleMatcher

// first returns the first rule matching the transaction, or nil.
func (rs ruleSet) first(accountID string, dir domain.Direction, description string) *domain.CategoryRule {
	folded := domain.FoldText(description)
	for i := range rs {
		if rs[i].MatchesFolded(accountID, dir, folded) {
			return &rs[i].Rule
		}
	}
	return nil
}

// loadRules returns the rules (only those in ids, when given) in order.
func loadRules(ctx context.Context, tx *sql.Tx, ids []int64) (ruleSet, error) {
	all, err := listRules(ctx, tx)
	if err != nil {
		return nil, err
	}
	var rs ruleSet
	for _, r := range all {
		if len(ids) == 0 || slices.Contains(ids, r.ID) {
			rs = append(rs, domain.NewRuleMatcher(r))
		}
	}
	return rs, nil
}

// ruleRow is a cached transaction as the rules see it.
type ruleRow struct {
	id           int64
	accountID    string
	key          matchKey
	annID        sql.NullInt64
	category     string
	ruleCategory sql.NullString
}

// eligible reports whether rules may set the row's category: it has none
// (and no person cleared a rule's choice), or a rule set it.
func (r ruleRow) eligible() bool {
	if !r.annID.Valid {
		return true
	}
	if r.ruleCategory.Valid {
		return r.category == r.ruleCategory.String
	}
	return r.category == ""
}

const ruleRowColumns = `t.id, t.account_id, t.status, t.posting_date, t.type, t.amount, t.description, t.transaction_date,
	t.occurrence, a.id, coalesce(a.category, ''), a.rule_category`

// Conditions on the rows the rules look at (t: transactions, a: its
// annotation). Fixed fragments, never user input.
const (
	// condUnannotated: rows with no annotation at all (new rows).
	condUnannotated = `t.annotation_id IS NULL`
	// condUnseen: new rows not seen by an earlier pass.
	condUnseen = `t.annotation_id IS NULL AND NOT EXISTS (SELECT 1 FROM rule_seen s
		WHERE s.account_id = t.account_id AND s.book_date = t.book_date AND s.status = t.status AND s.type = t.type
		  AND s.amount = t.amount AND s.description = t.description AND s.transaction_date = t.transaction_date
		  AND s.occurrence = t.occurrence)`
	// condEligible: any row whose category rules may set.
	condEligible = `(a.id IS NULL OR (a.category = '' AND a.rule_category IS NULL)
		OR (a.rule_category IS NOT NULL AND a.category = a.rule_category))`
)

// walkRows calls fn with the account's rows in [from, to] (book dates) that
// cond selects, a bounded chunk at a time.
func walkRows(ctx context.Context, tx *sql.Tx, accountID, from, to, cond string, fn func([]ruleRow) error) error {
	start, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return fmt.Errorf("walk rows: %w", err)
	}
	end, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return fmt.Errorf("walk rows: %w", err)
	}
	for cs := start; !cs.After(end); cs = cs.AddDate(0, 0, ruleScanChunkDays) {
		ce := cs.AddDate(0, 0, ruleScanChunkDays-1)
		if ce.After(end) {
			ce = end
		}
		var rows []ruleRow
		err := eachRow(ctx, tx, `SELECT `+ruleRowColumns+`
			FROM transactions t LEFT JOIN annotations a ON a.id = t.annotation_id
			WHERE t.account_id = ? AND t.book_date BETWEEN ? AND ? AND `+cond+` ORDER BY t.book_date, t.seq`,
			[]any{accountID, cs.Format(time.DateOnly), ce.Format(time.DateOnly)}, func(sc scanner) error {
				var r ruleRow
				if err := sc.Scan(&r.id, &r.accountID, &r.key.status, &r.key.postingDate, &r.key.typ, &r.key.amount,
					&r.key.description, &r.key.transactionDate, &r.key.occurrence, &r.annID, &r.category,
					&r.ruleCategory); err != nil {
					return err
				}
				rows = append(rows, r)
				return nil
			})
		if err != nil {
			return formatError(fmt.Errorf("read transactions for rules: %w", err))
		}
		if err := fn(rows); err != nil {
			return err
		}
	}
	return nil
}

// applier writes the categories rules choose, inside one write transaction.
type applier struct {
	ctx    context.Context
	tx     *sql.Tx
	rules  ruleSet
	now    string
	result domain.RuleApplication
}

// apply tries the rules on rows and sets the first match's category on each
// eligible row.
func (ap *applier) apply(rows []ruleRow) error {
	for _, row := range rows {
		ap.result.Examined++
		if !row.eligible() {
			continue
		}
		r := ap.rules.first(row.accountID, row.key.typ, row.key.description)
		if r == nil || (row.annID.Valid && row.category == r.Category) {
			continue
		}
		if err := ap.set(row, r); err != nil {
			return err
		}
	}
	return nil
}

// set gives row the category of rule r, marked as set by r.
func (ap *applier) set(row ruleRow, r *domain.CategoryRule) error {
	ctx, tx := ap.ctx, ap.tx
	if row.annID.Valid {
		if row.category == "" {
			ap.result.Categorised++
		} else {
			ap.result.Recategorised++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annotations SET category = ?, rule_category = ?, rule_id = ?, updated_at = ?
			WHERE id = ?`, r.Category, r.Category, r.ID, ap.now, row.annID.Int64); err != nil {
			return formatError(fmt.Errorf("apply rule: %w", err))
		}
		return nil
	}
	k := row.key
	res, err := tx.ExecContext(ctx, `
		INSERT INTO annotations (account_id, status, type, amount, description, posting_date, transaction_date,
			occurrence, category, note, created_at, updated_at, rule_id, rule_category)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
		row.accountID, string(k.status), string(k.typ), int64(k.amount), k.description, k.postingDate,
		k.transactionDate, k.occurrence, r.Category, ap.now, ap.now, r.ID, r.Category)
	if err != nil {
		return formatError(fmt.Errorf("apply rule: %w", err))
	}
	id, err := res.LastInsertId()
	if err != nil {
		return formatError(fmt.Errorf("apply rule: %w", err))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE transactions SET annotation_id = ? WHERE id = ?`, id, row.id); err != nil {
		return formatError(fmt.Errorf("apply rule: %w", err))
	}
	ap.result.Categorised++
	return nil
}

// accountRange returns the first and last book dates of the account's
// cached rows (ok false when it has none).
func accountRange(ctx context.Context, tx *sql.Tx, accountID string) (lo, hi string, ok bool, err error) {
	var l, h sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(book_date), max(book_date) FROM transactions WHERE account_id = ?`,
		accountID).Scan(&l, &h); err != nil {
		return "", "", false, formatError(fmt.Errorf("account range: %w", err))
	}
	return l.String, h.String, l.Valid, nil
}

// accountIDs returns every cached account's ID.
func accountIDs(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var ids []string
	err := eachRow(ctx, tx, `SELECT id FROM accounts ORDER BY position, id`, nil, func(sc scanner) error {
		var id string
		err := sc.Scan(&id)
		ids = append(ids, id)
		return err
	})
	if err != nil {
		return nil, formatError(fmt.Errorf("list accounts: %w", err))
	}
	return ids, nil
}

// addDays returns the date d (YYYY-MM-DD) moved by n days.
func addDays(d string, n int) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// ApplyRulesToNew tries the rules on the transactions that arrived since it
// last ran (the sync calls it after each run) and sets the first matching
// rule's category on those without one. Transactions that were already
// cached, including rows a sync re-fetched, are left alone; so are
// categories a person set. It also forgets rule-set categories of
// transactions the bank no longer lists (orphaned, without a note): a rule
// made them and would make them again.
func (s *Store) ApplyRulesToNew(ctx context.Context) (domain.RuleApplication, error) {
	ap := applier{ctx: ctx, now: s.nowString()}
	err := s.write(ctx, func(tx *sql.Tx) error {
		ap.tx = tx
		if _, err := tx.ExecContext(ctx, `DELETE FROM annotations WHERE orphaned_at IS NOT NULL
			AND rule_category IS NOT NULL AND category = rule_category AND note = ''`); err != nil {
			return formatError(fmt.Errorf("apply rules: %w", err))
		}
		var err error
		if ap.rules, err = loadRules(ctx, tx, nil); err != nil {
			return err
		}
		ids, err := accountIDs(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := ap.newRows(id); err != nil {
				return err
			}
		}
		return nil
	})
	return ap.result, err
}

// newRows applies the rules to one account's new rows and records what was
// seen.
func (ap *applier) newRows(accountID string) error {
	ctx, tx := ap.ctx, ap.tx
	lo, hi, ok, err := accountRange(ctx, tx, accountID)
	if err != nil || !ok {
		return err
	}
	var low, high string
	err = tx.QueryRowContext(ctx, `SELECT low, high FROM rule_scan WHERE account_id = ?`, accountID).Scan(&low, &high)
	seen := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return formatError(fmt.Errorf("apply rules: %w", err))
	}
	if len(ap.rules) > 0 {
		if !seen {
			if err := walkRows(ctx, tx, accountID, lo, hi, condUnannotated, ap.apply); err != nil {
				return err
			}
		} else {
			if lo < low {
				if err := walkRows(ctx, tx, accountID, lo, addDays(low, -1), condUnannotated, ap.apply); err != nil {
					return err
				}
			}
			if hi > high {
				if err := walkRows(ctx, tx, accountID, addDays(high, 1), hi, condUnannotated, ap.apply); err != nil {
					return err
				}
			}
			if err := walkRows(ctx, tx, accountID, max(low, addDays(high, -RuleSeenDays)), high, condUnseen, ap.apply); err != nil {
				return err
			}
		}
	}
	if seen {
		lo, hi = min(lo, low), max(hi, high)
	}
	horizon := addDays(hi, -RuleSeenDays)
	if _, err := tx.ExecContext(ctx, `INSERT INTO rule_scan (account_id, low, high) VALUES (?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET low = excluded.low, high = excluded.high`, accountID, lo, hi); err != nil {
		return formatError(fmt.Errorf("apply rules: %w", err))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rule_seen WHERE account_id = ? AND book_date < ?`, accountID, horizon); err != nil {
		return formatError(fmt.Errorf("apply rules: %w", err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO rule_seen (account_id, status, book_date, type, amount, description,
			transaction_date, occurrence)
		SELECT account_id, status, book_date, type, amount, description, transaction_date, occurrence
		FROM transactions WHERE account_id = ? AND book_date >= ?`, accountID, horizon); err != nil {
		return formatError(fmt.Errorf("apply rules: %w", err))
	}
	return nil
}

// ApplyRules applies the rules (only those in ruleIDs, when given) to every
// cached transaction: each one without a category, or whose category a rule
// set, gets the category of the first matching rule. A category a person
// set is never changed, and a transaction no rule matches keeps what it has.
func (s *Store) ApplyRules(ctx context.Context, ruleIDs []int64) (domain.RuleApplication, error) {
	ap := applier{ctx: ctx, now: s.nowString()}
	err := s.write(ctx, func(tx *sql.Tx) error {
		ap.tx = tx
		var err error
		if ap.rules, err = loadRules(ctx, tx, ruleIDs); err != nil {
			return err
		}
		if len(ruleIDs) > 0 && len(ap.rules) != len(slices.Compact(slices.Sorted(slices.Values(ruleIDs)))) {
			return domain.Errorf(domain.CodeNotFound, "That rule no longer exists.")
		}
		if len(ap.rules) == 0 {
			return nil
		}
		ids, err := accountIDs(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			lo, hi, ok, err := accountRange(ctx, tx, id)
			if err != nil {
				return err
			}
			if ok {
				if err := walkRows(ctx, tx, id, lo, hi, condEligible, ap.apply); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return ap.result, err
}

// PreviewRule counts, without changing anything, the cached transactions a
// rule (as typed, not yet saved) matches and how many of them it would
// categorise if applied to existing transactions.
func (s *Store) PreviewRule(ctx context.Context, in domain.RuleInput) (domain.RulePreview, error) {
	var p domain.RulePreview
	err := s.read(ctx, func(tx *sql.Tx) error {
		r, err := checkRule(ctx, tx, in)
		if err != nil {
			return err
		}
		m := domain.NewRuleMatcher(r)
		ids, err := accountIDs(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if r.AccountID != "" && id != r.AccountID {
				continue
			}
			lo, hi, ok, err := accountRange(ctx, tx, id)
			if err != nil || !ok {
				if err != nil {
					return err
				}
				continue
			}
			if err := walkRows(ctx, tx, id, lo, hi, `1`, func(rows []ruleRow) error {
				for _, row := range rows {
					if !m.Matches(row.accountID, row.key.typ, row.key.description) {
						continue
					}
					p.Matching++
					if row.eligible() && row.category != r.Category {
						p.WouldChange++
					}
				}
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return p, err
}

// CategoryOrigin tells who set a cached transaction's category and, when a
// rule did and still exists, which rule.
func (s *Store) CategoryOrigin(ctx context.Context, transactionID int64) (domain.CategorySource, *domain.CategoryRule, error) {
	var src domain.CategorySource
	var rule *domain.CategoryRule
	err := s.read(ctx, func(tx *sql.Tx) error {
		var category string
		var ruleCategory sql.NullString
		var ruleID sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT coalesce(a.category, ''), a.rule_category, a.rule_id
			FROM transactions t LEFT JOIN annotations a ON a.id = t.annotation_id WHERE t.id = ?`, transactionID).
			Scan(&category, &ruleCategory, &ruleID)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Wrap(err, domain.CodeNotFound, "That transaction is no longer in the cache; it was replaced by a sync.")
		}
		if err != nil {
			return formatError(fmt.Errorf("category origin: %w", err))
		}
		switch {
		case category == "":
			src = domain.CategoryNone
		case ruleCategory.Valid && ruleCategory.String == category:
			src = domain.CategoryByRule
			if ruleID.Valid {
				if r, err := getRule(ctx, tx, ruleID.Int64); err == nil {
					rule = &r
				}
			}
		default:
			src = domain.CategoryByHand
		}
		return nil
	})
	return src, rule, err
}

// TransactionTypes returns the distinct transactionType values in the cache,
// sorted, for the type filter.
func (s *Store) TransactionTypes(ctx context.Context) ([]string, error) {
	out := []string{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, `SELECT DISTINCT transaction_type FROM transactions WHERE transaction_type <> ''
			ORDER BY transaction_type`, nil, func(sc scanner) error {
			var t string
			err := sc.Scan(&t)
			out = append(out, t)
			return err
		})
	})
	if err != nil {
		return nil, formatError(fmt.Errorf("transaction types: %w", err))
	}
	return out, nil
}

// scanner is a row to scan.
type scanner interface{ Scan(...any) error }

// eachRow runs query in tx and calls fn for each row.
func eachRow(ctx context.Context, tx *sql.Tx, query string, args []any, fn func(scanner) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
