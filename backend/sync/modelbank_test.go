package sync_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	gosync "sync"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/store/storetest"
)

// mtx is one logical transaction in the model bank. lid never changes,
// whatever the bank does to the transaction's fields.
type mtx struct {
	lid         int
	acct        string
	status      domain.Status
	typ         domain.Direction
	ttype       string
	desc        string
	card        string
	postingDate string
	txDate      string
	order       int64
	amount      domain.Money
}

// modelBank is a bank whose whole history is known: a list of logical
// transactions and the mutations the real bank performs on them. It serves
// the Bank interface and remembers which logical transaction each row it
// served was, so the test can follow identity.
type modelBank struct {
	mu       gosync.Mutex
	rng      *rand.Rand
	today    time.Time
	accounts []domain.Account
	opening  map[string]domain.Money
	txs      []*mtx
	nextLID  int

	// served maps a served row (every field) to the logical transactions
	// it has stood for: one, except for identical pending twins.
	served map[domain.Transaction][]int
	// hook, when set, runs before each call; an error it returns is the
	// call's result. after runs after Transactions computed its answer.
	hook  func(ctx context.Context, method, acct string) error
	after func(ctx context.Context, method, acct string) error
	calls int
}

var descs = []string{"WOOLWORTHS", "VIDA E CAFFE", "UBER TRIP", "ENGEN", "TAKEALOT", "SALARY", "RENT", "NETFLIX",
	"PICK N PAY", "GINO'S BAR & GRILL", "CAFÉ", "DIS-CHEM", "FASTERPAY J SMITH", "ATM ROSEBANK", "SERVICE FEE"}

func newModelBank(seed uint64, accounts int, historyDays int, start time.Time) *modelBank {
	b := &modelBank{rng: rand.New(rand.NewPCG(seed, 99)), today: start, opening: map[string]domain.Money{},
		served: map[domain.Transaction][]int{}}
	b.accounts = storetest.Accounts(accounts)
	for i, a := range b.accounts {
		b.opening[a.ID] = domain.Money(100000 * (i + 1))
	}
	// History: each account opened historyDays ago (different per account).
	for _, a := range b.accounts {
		days := historyDays/2 + b.rng.IntN(historyDays/2+1)
		for d := days; d >= 0; d-- {
			day := start.AddDate(0, 0, -d)
			for range b.rng.IntN(4) {
				b.addPosted(a.ID, day.Format(time.DateOnly), b.randTx())
			}
		}
	}
	return b
}

func (b *modelBank) dateOf(days int) string { return b.today.AddDate(0, 0, days).Format(time.DateOnly) }

// randTx returns a fresh transaction body (no dates).
func (b *modelBank) randTx() mtx {
	d := descs[b.rng.IntN(len(descs))]
	t := mtx{typ: domain.Debit, ttype: "CardPurchases", desc: d, amount: domain.Money(1 + b.rng.Int64N(200000))}
	if b.rng.IntN(6) == 0 {
		t.typ, t.ttype = domain.Credit, "Deposits"
	}
	if t.ttype == "CardPurchases" {
		t.card = "402167xxxxxx1234"
	}
	return t
}

func (b *modelBank) maxOrder(acct, day string) int64 {
	var m int64
	for _, t := range b.txs {
		if t.acct == acct && t.status == domain.Posted && t.postingDate == day {
			m = max(m, t.order)
		}
	}
	return m
}

func (b *modelBank) addPosted(acct, day string, t mtx) *mtx {
	b.nextLID++
	t.lid, t.acct, t.status, t.postingDate = b.nextLID, acct, domain.Posted, day
	if t.txDate == "" {
		d, _ := time.Parse(time.DateOnly, day)
		t.txDate = d.AddDate(0, 0, -b.rng.IntN(3)).Format(time.DateOnly)
	}
	t.order = b.maxOrder(acct, day) + 1
	b.txs = append(b.txs, &t)
	return &t
}

func (b *modelBank) acct() string { return b.accounts[b.rng.IntN(len(b.accounts))].ID }

func (b *modelBank) pick(f func(*mtx) bool) *mtx {
	var c []*mtx
	for _, t := range b.txs {
		if f(t) {
			c = append(c, t)
		}
	}
	if len(c) == 0 {
		return nil
	}
	return c[b.rng.IntN(len(c))]
}

// mutate applies one random bank-side change and returns its name.
func (b *modelBank) mutate() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	recent := func(t *mtx) bool { return t.status == domain.Posted && t.postingDate >= b.dateOf(-3) }
	switch b.rng.IntN(9) {
	case 0: // a new posting, possibly a little late
		b.addPosted(b.acct(), b.dateOf(-b.rng.IntN(3)), b.randTx())
		return "posted"
	case 1: // a card swipe, pending
		t := b.randTx()
		b.nextLID++
		t.lid, t.acct, t.status, t.txDate, t.card = b.nextLID, b.acct(), domain.Pending, b.dateOf(-b.rng.IntN(3)), ""
		b.txs = append(b.txs, &t)
		return "pending"
	case 2: // a pending transaction posts
		if p := b.pick(func(t *mtx) bool { return t.status == domain.Pending }); p != nil {
			b.post(p)
			return "post-pending"
		}
	case 3: // postedOrder shuffled within a recent day
		if t := b.pick(recent); t != nil {
			var day []*mtx
			for _, u := range b.txs {
				if u.acct == t.acct && u.status == domain.Posted && u.postingDate == t.postingDate {
					day = append(day, u)
				}
			}
			orders := make([]int64, len(day))
			for i, u := range day {
				orders[i] = u.order
			}
			b.rng.Shuffle(len(orders), func(i, j int) { orders[i], orders[j] = orders[j], orders[i] })
			for i, u := range day {
				u.order = orders[i]
			}
			return "reorder"
		}
	case 4: // a recent posting back-dated by 1-3 days
		if t := b.pick(recent); t != nil {
			d, _ := time.Parse(time.DateOnly, t.postingDate)
			nd := d.AddDate(0, 0, -1-b.rng.IntN(3)).Format(time.DateOnly)
			t.postingDate, t.order = nd, b.maxOrder(t.acct, nd)+1
			return "back-date"
		}
	case 5: // identical twins: two R50 coffees on one day
		body := b.randTx()
		body.desc, body.typ, body.ttype, body.card = "COFFEE", domain.Debit, "CardPurchases", "402167xxxxxx1234"
		acct, day := b.acct(), b.dateOf(-b.rng.IntN(2))
		d, _ := time.Parse(time.DateOnly, day)
		body.txDate = d.Format(time.DateOnly)
		b.addPosted(acct, day, body)
		b.addPosted(acct, day, body)
		return "twins"
	case 6: // a reversal of a recent debit
		if t := b.pick(func(t *mtx) bool { return recent(t) && t.typ == domain.Debit }); t != nil {
			r := *t
			r.typ, r.ttype, r.desc, r.txDate = domain.Credit, "Reversal", "REVERSAL "+t.desc, b.dateOf(0)
			b.addPosted(t.acct, b.dateOf(0), r)
			return "reversal"
		}
	case 7: // a pending authorisation expires without posting
		if p := b.pick(func(t *mtx) bool { return t.status == domain.Pending }); p != nil {
			b.txs = slices.DeleteFunc(b.txs, func(t *mtx) bool { return t == p })
			return "drop-pending"
		}
	case 8: // pending twins
		body := b.randTx()
		acct, day := b.acct(), b.dateOf(0)
		for range 2 {
			t := body
			b.nextLID++
			t.lid, t.acct, t.status, t.txDate, t.card = b.nextLID, acct, domain.Pending, day, ""
			b.txs = append(b.txs, &t)
		}
		return "pending-twins"
	}
	return "none"
}

func (b *modelBank) post(p *mtx) {
	p.status, p.postingDate = domain.Posted, b.dateOf(0)
	p.order = b.maxOrder(p.acct, p.postingDate) + 1
}

// advance moves the bank's clock forward day by day: new postings each
// day, and pending transactions older than five days post (or expire).
func (b *modelBank) advance(days int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for range days {
		b.today = b.today.AddDate(0, 0, 1)
		for _, a := range b.accounts {
			for range b.rng.IntN(3) {
				b.addPosted(a.ID, b.dateOf(0), b.randTx())
			}
		}
		var keep []*mtx
		for _, t := range b.txs {
			if t.status == domain.Pending && t.txDate < b.dateOf(-5) {
				if b.rng.IntN(4) == 0 {
					continue // expired
				}
				b.post(t)
			}
			keep = append(keep, t)
		}
		b.txs = keep
	}
}

// history returns an account's posted rows in bank order with running
// balances, and its pending rows in the bank's order, as the bank would
// serve them, each with its logical ID.
func (b *modelBank) history(acct string) (posted, pending []domain.Transaction, postedLID, pendingLID []int) {
	var ps []*mtx
	for _, t := range b.txs {
		if t.acct != acct {
			continue
		}
		if t.status == domain.Posted {
			ps = append(ps, t)
		} else {
			pending = append(pending, domain.Transaction{AccountID: acct, Type: t.typ, Status: domain.Pending,
				Description: t.desc, TransactionDate: t.txDate, Amount: t.amount, SignedAmount: domain.Signed(t.typ, t.amount),
				TransactionType: t.ttype})
			pendingLID = append(pendingLID, t.lid)
		}
	}
	slices.SortFunc(ps, func(x, y *mtx) int {
		return cmp.Or(cmp.Compare(x.postingDate, y.postingDate), cmp.Compare(x.order, y.order))
	})
	bal := b.opening[acct]
	for _, t := range ps {
		bal += domain.Signed(t.typ, t.amount)
		rb := bal
		vd := t.txDate
		posted = append(posted, domain.Transaction{AccountID: acct, Type: t.typ, TransactionType: t.ttype,
			Status: domain.Posted, Description: t.desc, CardNumber: t.card, PostedOrder: t.order,
			PostingDate: t.postingDate, ValueDate: vd, ActionDate: t.postingDate, TransactionDate: t.txDate,
			Amount: t.amount, SignedAmount: domain.Signed(t.typ, t.amount), RunningBalance: &rb,
			UUID: storetest.UUID(acct, t.postingDate, t.order)})
		postedLID = append(postedLID, t.lid)
	}
	return posted, pending, postedLID, pendingLID
}

func (b *modelBank) enter(ctx context.Context, method, acct string) error {
	b.calls++
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.hook != nil {
		return b.hook(ctx, method, acct)
	}
	return nil
}

// key is a served row's identity key: every field, the pointer replaced
// by its value.
func key(t domain.Transaction) domain.Transaction {
	t.ID, t.Category, t.Note = 0, "", ""
	if t.RunningBalance != nil {
		// Pointers differ between serves; fold the value into UUID's
		// neighbour field so equal rows give equal keys.
		t.Description += fmt.Sprintf("\x00%d", int64(*t.RunningBalance))
		t.RunningBalance = nil
	}
	return t
}

func (b *modelBank) Accounts(ctx context.Context) ([]domain.Account, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.enter(ctx, "accounts", ""); err != nil {
		return nil, err
	}
	return slices.Clone(b.accounts), nil
}

func (b *modelBank) Balance(ctx context.Context, acct string) (domain.Balance, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.enter(ctx, "balance", acct); err != nil {
		return domain.Balance{}, err
	}
	posted, _, _, _ := b.history(acct)
	cur := b.opening[acct]
	if len(posted) > 0 {
		cur = *posted[len(posted)-1].RunningBalance
	}
	return domain.Balance{AccountID: acct, Current: cur, Available: cur + 100000, Currency: "ZAR"}, nil
}

func (b *modelBank) Transactions(ctx context.Context, acct, from, to string) ([]domain.Transaction, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.enter(ctx, "transactions", acct); err != nil {
		return nil, err
	}
	posted, _, lids, _ := b.history(acct)
	var out []domain.Transaction
	for i, t := range posted {
		if t.PostingDate >= from && t.PostingDate <= to {
			out = append(out, t)
			b.serve(t, lids[i])
		}
	}
	if b.after != nil {
		if err := b.after(ctx, "transactions", acct); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (b *modelBank) Pending(ctx context.Context, acct string) ([]domain.Transaction, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.enter(ctx, "pending", acct); err != nil {
		return nil, err
	}
	_, pending, _, lids := b.history(acct)
	for i, t := range pending {
		b.serve(t, lids[i])
	}
	return pending, nil
}

func (b *modelBank) Beneficiaries(ctx context.Context) ([]domain.Beneficiary, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.enter(ctx, "beneficiaries", ""); err != nil {
		return nil, err
	}
	return []domain.Beneficiary{{ID: "MTAx", Name: "Landlord", AccountNumber: "123456"}}, nil
}

func (b *modelBank) Documents(ctx context.Context, acct, from, to string) ([]domain.Document, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.enter(ctx, "documents", acct); err != nil {
		return nil, err
	}
	var out []domain.Document
	for d := b.today; d.Format(time.DateOnly) >= from; d = d.AddDate(0, -1, 0) {
		day := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1).Format(time.DateOnly)
		if day >= from && day <= to {
			out = append(out, domain.Document{DocumentType: "Statement", DocumentDate: day})
		}
	}
	return out, nil
}

func (b *modelBank) serve(t domain.Transaction, lid int) {
	k := key(t)
	if !slices.Contains(b.served[k], lid) {
		b.served[k] = append(b.served[k], lid)
	}
}

// rateLimited is the model's "429": it asks to wait.
type rateLimited struct{ d time.Duration }

func (e rateLimited) Error() string             { return "too many requests" }
func (e rateLimited) RetryAfter() time.Duration { return e.d }

var errBankDown = errors.New("connection reset by peer")
