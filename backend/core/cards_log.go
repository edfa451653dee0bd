package core

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"html"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
	"github.com/investec-desk/investec-desk/backend/store"
)

// sast is South African Standard Time (UTC+2, no daylight saving): the
// day a card swipe belongs to on a statement.
var sast = time.FixedZone("SAST", 2*60*60)

// linkSlack is how far apart an execution and its transaction's date may
// be: the execution is stamped in UTC, the transaction date is the bank's.
const linkSlack = 1

// CardExecutions returns a card's execution log, newest first: Investec's
// executions (real card transactions and Investec simulations) and the runs
// of the offline emulator kept in the cache, each marked with its source.
// Real executions are linked to the cached transaction they belong to when
// one matches (see linkExecutions). If Investec cannot be read, the local
// runs are still returned, with BankMessage saying why the rest is missing.
func (s *Service) CardExecutions(ctx context.Context, cardKey string) (domain.CardExecutionLog, error) {
	if err := checkCardKey(cardKey); err != nil {
		return domain.CardExecutionLog{}, err
	}
	sess, err := s.current(ctx)
	if err != nil {
		return domain.CardExecutionLog{}, err
	}
	local, err := sess.store.ListLocalExecutions(ctx, cardKey, 0)
	if err != nil {
		return domain.CardExecutionLog{}, err
	}
	out := domain.CardExecutionLog{CardKey: cardKey, Executions: local}
	bank, err := s.bankExecutions(ctx, sess, cardKey)
	switch {
	case errors.Is(err, context.Canceled):
		return domain.CardExecutionLog{}, investec.DomainError(err)
	case err != nil:
		out.BankMessage = "Investec's execution log could not be read, so only the local runs are shown: " +
			domain.ErrorMessage(investec.DomainError(err))
	}
	out.Linked = bank.linked
	out.Executions = append(out.Executions, bank.execs...)
	slices.SortStableFunc(out.Executions, func(a, b domain.CardExecution) int {
		return cmp.Compare(stampOf(b.CreatedAt), stampOf(a.CreatedAt))
	})
	return out, nil
}

// stampOf returns an execution time as Unix nanoseconds (0 if unreadable),
// so times written with and without milliseconds sort correctly.
func stampOf(s string) int64 {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0
	}
	return t.UnixNano()
}

type bankLog struct {
	execs  []domain.CardExecution
	linked int
}

// bankExecutions reads Investec's executions of the card and links the
// real ones to cached transactions. An error inside Investec's answer is
// returned together with the executions it came with.
func (s *Service) bankExecutions(ctx context.Context, sess *session, cardKey string) (bankLog, error) {
	c, err := sess.api(ctx)
	if err != nil {
		return bankLog{}, err
	}
	items, listErr := bankRead(sess, func() ([]investec.Execution, error) { return c.ListExecutions(ctx, cardKey) })
	var resErr *investec.ResultError
	if listErr != nil && !errors.As(listErr, &resErr) {
		return bankLog{}, listErr
	}
	out := bankLog{execs: make([]domain.CardExecution, 0, len(items))}
	for _, it := range items {
		out.execs = append(out.execs, fromInvestecExecution(cardKey, it))
	}
	cards, err := c.ListCards(ctx)
	if err != nil {
		return out, err
	}
	i := slices.IndexFunc(cards, func(x investec.Card) bool { return x.CardKey == cardKey })
	if i < 0 {
		return out, listErr
	}
	card := cards[i]
	txns, err := s.linkCandidates(ctx, sess, card, out.execs)
	if err != nil {
		return out, err
	}
	out.linked = linkExecutions(out.execs, txns)
	return out, listErr
}

// linkCandidates returns the cached transactions of the card's number
// around the dates of its real executions.
func (s *Service) linkCandidates(ctx context.Context, sess *session, card investec.Card, execs []domain.CardExecution) ([]domain.Transaction, error) {
	suffix := store.CardLast4(card.CardNumber)
	if suffix == "" {
		return nil, nil
	}
	var from, to time.Time
	for _, e := range execs {
		day, ok := execDay(e)
		if e.Source != domain.ExecutionReal || !ok {
			continue
		}
		if from.IsZero() || day.Before(from) {
			from = day
		}
		if to.IsZero() || day.After(to) {
			to = day
		}
	}
	if from.IsZero() {
		return nil, nil
	}
	return sess.store.CardTransactions(ctx, card.AccountID, suffix,
		from.AddDate(0, 0, -linkSlack).Format(time.DateOnly), to.AddDate(0, 0, linkSlack).Format(time.DateOnly))
}

// execDay returns the South African calendar day an execution ran on.
func execDay(e domain.CardExecution) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, e.CreatedAt)
	if err != nil {
		return time.Time{}, false
	}
	y, m, d := t.In(sast).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// execFacts is what an execution's logs say about the transaction it ran
// on. Investec's executions carry no amount or merchant fields; card code
// usually logs them, either as the authorization object itself (Investec's
// starter code logs it as JSON) or in a sentence ("Approved Woolworths for
// R123.45").
type execFacts struct {
	amounts []domain.Money
	names   [][]string // merchant names from logged objects, as tokens
	text    []string   // every log line's words, as tokens
}

// randAmount finds an amount in rands in a log sentence: "R123.45",
// "R 12", "ZAR 99.90".
var randAmount = regexp.MustCompile(`(?:\bR|\bZAR) ?(\d{1,13}(?:\.\d{1,2})?)\b`)

func factsOf(e domain.CardExecution) execFacts {
	var f execFacts
	addAmount := func(m domain.Money) {
		if !slices.Contains(f.amounts, m) {
			f.amounts = append(f.amounts, m)
		}
	}
	for _, l := range e.Logs {
		var obj struct {
			CentsAmount json.Number `json:"centsAmount"`
			Merchant    struct {
				Name string `json:"name"`
			} `json:"merchant"`
		}
		content := strings.TrimSpace(l.Content)
		if strings.HasPrefix(content, "{") && json.Unmarshal([]byte(content), &obj) == nil {
			if n, err := obj.CentsAmount.Int64(); err == nil && n >= 0 {
				addAmount(domain.Money(n))
			}
			if toks := tokens(obj.Merchant.Name); len(toks) > 0 {
				f.names = append(f.names, toks)
			}
			continue
		}
		for _, m := range randAmount.FindAllStringSubmatch(content, -1) {
			if v, err := domain.ParseMoney(m[1]); err == nil {
				addAmount(v)
			}
		}
		f.text = append(f.text, tokens(content)...)
		f.text = append(f.text, "") // no match across lines
	}
	return f
}

// tokens lower-cases s, undoes HTML escaping, drops apostrophes and splits
// it into words of letters and digits: "GINO&apos;S RESTAURANT & BAR" and
// "Gino's Restaurant & Bar" both become [ginos restaurant bar].
func tokens(s string) []string {
	s = strings.ToLower(html.UnescapeString(s))
	s = strings.NewReplacer("'", "", "\u2019", "", "`", "").Replace(s)
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// containsRun reports whether needle occurs in hay as consecutive tokens.
func containsRun(hay, needle []string) bool {
	if len(needle) == 0 {
		return false
	}
	for i := 0; i+len(needle) <= len(hay); i++ {
		if slices.Equal(hay[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

// merchantMatches reports whether the merchant an execution logged is the
// one a transaction's description names. A merchant name taken from a
// logged object must appear in the description ("Woolworths Sandton City"
// in "WOOLWORTHS SANDTON CITY JOHANNESBURG ZA"). Without one, the
// description's leading words, which name the merchant, must appear
// together in a log line: at least two words, or one of four letters or
// more ("SPOTIFY STOCKHOLM SE" in "Approved Spotify for R69.99").
func merchantMatches(f execFacts, description string) bool {
	desc := tokens(description)
	for _, name := range f.names {
		if containsRun(desc, name) {
			return true
		}
	}
	k := 0
	for k < len(desc) && containsRun(f.text, desc[:k+1]) {
		k++
	}
	return k >= 2 || (k == 1 && len([]rune(desc[0])) >= 4)
}

// linkExecutions links real executions to the transactions they ran on and
// returns how many it linked. A transaction matches an execution when it
// was made with the same card (the caller passes only the transactions
// with the card's number, and its account's pending ones, which Investec
// sends without a card number), for an amount in cents the execution logged, on a
// transaction date at most a day from the execution's South African date,
// and its description names the merchant the execution logged (see
// merchantMatches). Of several matches the nearest date wins, then the
// lowest ID. A transaction is linked to at most one before_transaction
// execution and one after execution; executions are matched oldest first.
func linkExecutions(execs []domain.CardExecution, txns []domain.Transaction) int {
	order := make([]int, 0, len(execs))
	for i, e := range execs {
		if e.Source == domain.ExecutionReal {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(stampOf(execs[a].CreatedAt), stampOf(execs[b].CreatedAt))
	})
	type use struct {
		id     int64
		before bool
	}
	used := map[use]bool{}
	linked := 0
	for _, i := range order {
		e := &execs[i]
		day, ok := execDay(*e)
		if !ok {
			continue
		}
		f := factsOf(*e)
		if len(f.amounts) == 0 {
			continue
		}
		before := e.Type == "before_transaction"
		var best *domain.Transaction
		bestGap := 0
		for j := range txns {
			t := &txns[j]
			if !slices.Contains(f.amounts, t.Amount) || used[use{t.ID, before}] {
				continue
			}
			td, err := time.Parse(time.DateOnly, t.TransactionDate)
			if err != nil {
				continue
			}
			gap := int(td.Sub(day).Hours() / 24)
			if gap < 0 {
				gap = -gap
			}
			if gap > linkSlack || !merchantMatches(f, t.Description) {
				continue
			}
			if best == nil || gap < bestGap || (gap == bestGap && t.ID < best.ID) {
				best, bestGap = t, gap
			}
		}
		if best == nil {
			continue
		}
		used[use{best.ID, before}] = true
		e.Transaction = &domain.TransactionLink{TransactionID: best.ID, AccountID: best.AccountID, Description: best.Description,
			Amount: best.Amount, TransactionDate: best.TransactionDate}
		linked++
	}
	return linked
}
