package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"
	"strings"
	"unicode"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// Paging limits for ListTransactions.
const (
	DefaultPageSize = 100
	MaxPageSize     = 5000
)

// txColumns are the columns scanTransaction reads, in its order.
const txColumns = `t.id, t.account_id, t.type, t.transaction_type, t.status, t.description, t.card_number,
	t.posted_order, t.posting_date, t.value_date, t.action_date, t.transaction_date, t.amount,
	t.running_balance, t.uuid, coalesce(a.category, ''), coalesce(a.note, '')`

func scanTransaction(sc interface{ Scan(...any) error }) (domain.Transaction, error) {
	var t domain.Transaction
	var amount int64
	var rb sql.NullInt64
	err := sc.Scan(&t.ID, &t.AccountID, &t.Type, &t.TransactionType, &t.Status, &t.Description, &t.CardNumber,
		&t.PostedOrder, &t.PostingDate, &t.ValueDate, &t.ActionDate, &t.TransactionDate, &amount, &rb, &t.UUID,
		&t.Category, &t.Note)
	t.Amount = domain.Money(amount)
	t.SignedAmount = domain.Signed(t.Type, t.Amount)
	t.RunningBalance = moneyPtr(rb)
	return t, err
}

// query is a filter compiled to fixed SQL fragments and its arguments. User
// text only ever travels in args.
type query struct {
	where    []string
	args     []any
	joinAnn  bool // the WHERE clause needs the annotations join
	orderBy  string
	joinSort bool // the ORDER BY needs the annotations join
	// match is the FTS5 query when the filter searches; ftsWhere and
	// ftsArgs are where and args without the search condition.
	match    string
	ftsWhere []string
	ftsArgs  []any
	// orderIndex names the index that yields rows in the requested bank
	// order for this filter ("" when none does).
	orderIndex string
}

// compile validates f and turns it into SQL fragments. It never splices
// filter values into the SQL text.
func compile(f domain.TransactionFilter) (query, error) {
	var q query
	var problems domain.ValidationErrors
	add := func(cond string, args ...any) {
		q.where = append(q.where, cond)
		q.args = append(q.args, args...)
	}
	if len(f.AccountIDs) > 0 {
		add(`t.account_id IN (`+placeholders(len(f.AccountIDs))+`)`, anySlice(f.AccountIDs)...)
	}
	if f.FromDate != "" {
		if !isDate(f.FromDate) {
			problems = append(problems, domain.FieldError("fromDate", "use YYYY-MM-DD"))
		}
		add(`t.book_date >= ?`, f.FromDate)
	}
	if f.ToDate != "" {
		if !isDate(f.ToDate) {
			problems = append(problems, domain.FieldError("toDate", "use YYYY-MM-DD"))
		}
		add(`t.book_date <= ?`, f.ToDate)
	}
	switch f.Direction {
	case "":
	case domain.Credit, domain.Debit:
		add(`t.type = ?`, string(f.Direction))
	default:
		problems = append(problems, domain.FieldError("direction", "must be CREDIT or DEBIT"))
	}
	if len(f.TransactionTypes) > 0 {
		add(`t.transaction_type IN (`+placeholders(len(f.TransactionTypes))+`)`, anySlice(f.TransactionTypes)...)
	}
	switch f.Status {
	case "", domain.StatusAll:
	case domain.StatusPosted:
		add(`t.status = 'POSTED'`)
	case domain.StatusPending:
		add(`t.status = 'PENDING'`)
	default:
		problems = append(problems, domain.FieldError("status", "must be all, posted or pending"))
	}
	if len(f.Categories) > 0 {
		// "" stands for "no category".
		add(`coalesce(a.category, '') IN (`+placeholders(len(f.Categories))+`)`, anySlice(f.Categories)...)
		q.joinAnn = true
	}
	if f.MinAmount != nil {
		add(`t.amount >= ?`, int64(*f.MinAmount))
	}
	if f.MaxAmount != nil {
		add(`t.amount <= ?`, int64(*f.MaxAmount))
	}
	if f.MinAmount != nil && f.MaxAmount != nil && *f.MinAmount > *f.MaxAmount {
		problems = append(problems, domain.FieldError("maxAmount", "must not be below the minimum"))
	}
	if strings.TrimSpace(f.Search) != "" {
		if m := FTSQuery(f.Search); m != "" {
			q.ftsWhere, q.ftsArgs = slices.Clone(q.where), slices.Clone(q.args)
			q.match = m
			add(`t.id IN (SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH ?)`, m)
		} else {
			// Only punctuation: full-text search cannot see it, so look for
			// the literal text instead.
			add(`instr(lower(t.description), lower(?)) > 0`, strings.TrimSpace(f.Search))
		}
	}
	dir := " ASC"
	if f.Descending {
		dir = " DESC"
	}
	bank := "t.book_date" + dir + ", t.seq" + dir + ", t.id" + dir
	switch f.Sort {
	case "", domain.SortDate:
		q.orderBy = bank
		switch len(f.AccountIDs) {
		case 0:
			q.orderIndex = "transactions_book"
		case 1:
			q.orderIndex = "transactions_account"
		}
	case domain.SortAmount:
		q.orderBy = "t.amount" + dir + ", " + bank
	case domain.SortDescription:
		q.orderBy = "t.description COLLATE NOCASE" + dir + ", " + bank
	case domain.SortType:
		q.orderBy = "t.transaction_type" + dir + ", " + bank
	case domain.SortCategory:
		q.orderBy = "coalesce(a.category, '')" + dir + ", " + bank
		q.joinSort = true
	default:
		problems = append(problems, domain.FieldError("sort", "unknown sort %q", f.Sort))
	}
	if f.Offset < 0 {
		problems = append(problems, domain.FieldError("offset", "must not be negative"))
	}
	if f.Limit < 0 || f.Limit > MaxPageSize {
		problems = append(problems, domain.FieldError("limit", "must be between 0 and %d", MaxPageSize))
	}
	return q, problems.Err()
}

func (q query) whereSQL() string {
	if len(q.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.where, " AND ")
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func anySlice[T any](in []T) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}

// FTSQuery turns free text into an FTS5 query that means "descriptions
// containing every word, the last one as a prefix" and nothing else. Each
// word (a run of letters, digits and marks) becomes an FTS5 string token,
// double-quoted with any quote doubled, so operators (AND, OR, NOT, NEAR),
// column filters, quotes, stars, minus signs and parentheses in the input
// are plain text. It returns "" when the text has no word at all.
func FTSQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
	})
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteByte('*')
	return b.String()
}

// ListTransactions returns one page of the cached transactions f selects, in
// f's order, together with the totals (count, in, out, net) of every row f
// selects. Both come from the same snapshot. A zero Limit means
// DefaultPageSize.
func (s *Store) ListTransactions(ctx context.Context, f domain.TransactionFilter) (domain.TransactionPage, error) {
	q, err := compile(f)
	if err != nil {
		return domain.TransactionPage{}, err
	}
	limit := f.Limit
	if limit == 0 {
		limit = DefaultPageSize
	}
	page := domain.TransactionPage{Rows: []domain.Transaction{}, Offset: f.Offset}
	err = s.read(ctx, func(tx *sql.Tx) error {
		totals, err := s.totals(ctx, tx, q)
		if err != nil {
			return err
		}
		page.Totals = totals
		if totals.Count == 0 || int64(f.Offset) >= totals.Count {
			return nil
		}
		// A search that matches many rows is paged fastest by walking the
		// bank-order index and testing membership until the page is full;
		// SQLite's planner would instead sort every match. Few matches are
		// cheapest to sort, so the planner keeps those.
		from := ` FROM transactions t`
		if q.match != "" && q.orderIndex != "" && totals.Count > s.searchScan {
			from += ` INDEXED BY ` + q.orderIndex
		}
		//nolint:gosec // G202: the SQL is built from fixed fragments; every value is a ? argument
		rows, err := tx.QueryContext(ctx, `SELECT `+txColumns+from+
			` LEFT JOIN annotations a ON a.id = t.annotation_id`+q.whereSQL()+
			` ORDER BY `+q.orderBy+` LIMIT ? OFFSET ?`, append(q.args, limit, f.Offset)...)
		if err != nil {
			return formatError(fmt.Errorf("list transactions: %w", err))
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanTransaction(rows)
			if err != nil {
				return formatError(fmt.Errorf("list transactions: %w", err))
			}
			page.Rows = append(page.Rows, t)
		}
		return formatError(rows.Err())
	})
	return page, err
}

// defaultSearchScanThreshold is the match count above which a search page
// walks the bank-order index instead of sorting the matches.
const defaultSearchScanThreshold = 2000

// totals computes count, in and out over every row q selects, with integer
// SUMs in SQL.
func (s *Store) totals(ctx context.Context, tx *sql.Tx, q query) (domain.TransactionTotals, error) {
	from := ` FROM transactions t`
	where, args := q.whereSQL(), q.args
	if q.match != "" {
		// Drive the sum from the search result, looking each match up in
		// the narrow transactions_id_totals index (migration 3).
		from = ` FROM transactions_fts f JOIN transactions t INDEXED BY transactions_id_totals ON t.id = f.rowid`
		where = ` WHERE transactions_fts MATCH ?`
		if len(q.ftsWhere) > 0 {
			where += ` AND ` + strings.Join(q.ftsWhere, " AND ")
		}
		args = append([]any{q.match}, q.ftsArgs...)
	}
	if q.joinAnn {
		from += ` LEFT JOIN annotations a ON a.id = t.annotation_id`
	}
	var t domain.TransactionTotals
	var in, out int64
	err := tx.QueryRowContext(ctx, `SELECT count(*),
			coalesce(sum(CASE WHEN t.type = 'CREDIT' THEN t.amount END), 0),
			coalesce(sum(CASE WHEN t.type = 'DEBIT' THEN t.amount END), 0)`+from+where, args...).
		Scan(&t.Count, &in, &out)
	if err != nil {
		return t, formatError(fmt.Errorf("transaction totals: %w", err))
	}
	t.In, t.Out, t.Net = domain.Money(in), domain.Money(out), domain.Money(in-out)
	return t, nil
}

// AllTransactions yields every cached transaction f selects, in f's order,
// ignoring f's Offset and Limit (for exports). It reads one snapshot.
func (s *Store) AllTransactions(ctx context.Context, f domain.TransactionFilter) iter.Seq2[domain.Transaction, error] {
	return func(yield func(domain.Transaction, error) bool) {
		f.Offset, f.Limit = 0, 0
		q, err := compile(f)
		if err != nil {
			yield(domain.Transaction{}, err)
			return
		}
		err = s.read(ctx, func(tx *sql.Tx) error {
			//nolint:gosec // G202: the SQL is built from fixed fragments; every value is a ? argument
			rows, err := tx.QueryContext(ctx, `SELECT `+txColumns+`
				FROM transactions t LEFT JOIN annotations a ON a.id = t.annotation_id`+q.whereSQL()+
				` ORDER BY `+q.orderBy, q.args...)
			if err != nil {
				return formatError(fmt.Errorf("list transactions: %w", err))
			}
			defer rows.Close()
			for rows.Next() {
				t, err := scanTransaction(rows)
				if err != nil {
					return formatError(fmt.Errorf("list transactions: %w", err))
				}
				if !yield(t, nil) {
					return nil
				}
			}
			return formatError(rows.Err())
		})
		if err != nil {
			yield(domain.Transaction{}, err)
		}
	}
}

// GetTransaction returns one cached transaction by its local ID.
func (s *Store) GetTransaction(ctx context.Context, id int64) (domain.Transaction, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+txColumns+`
		FROM transactions t LEFT JOIN annotations a ON a.id = t.annotation_id WHERE t.id = ?`, id)
	t, err := scanTransaction(row)
	if err != nil {
		return t, formatError(fmt.Errorf("get transaction: %w", err))
	}
	return t, nil
}
