package sandbox

import (
	"errors"
	"fmt"
	"sort"
)

// bank is the sandbox's model of Investec: the seeded world plus every
// account's ledger, grown one day at a time as the server clock advances.
// It is not safe for concurrent use; Server guards it with a mutex.
type bank struct {
	*world
	gen *generator

	seed        int64
	start       day // the day the sandbox was first created (or reset)
	windowStart day // first day of the seeded history
	frontier    day // last day generated and posted

	strs   []string // interned descriptions
	strIdx map[string]uint32
	nextID uint32
	dayBuf []event
}

// newBank builds the bank for seed with history from start-730 days to start.
// With transactions > 0 the history is scaled so that exactly that many
// private-banking rows (posted and pending, across accounts) exist at start
// when that is more than the natural history has.
func newBank(seed int64, start day, transactions int) *bank {
	b := &bank{
		world:       newWorld(seed),
		seed:        seed,
		start:       start,
		windowStart: start - historyDays,
		strIdx:      map[string]uint32{},
		nextID:      1,
	}
	b.frontier = b.windowStart - 1
	b.gen = &generator{seed: seed, extras: func(day) int { return 0 }, balance: b.balanceOf}
	for i, a := range b.accounts {
		b.gen.rates[i] = a.interestBPS
	}
	b.intern("")

	if transactions > 0 {
		natural := b.countNatural()
		if extra := transactions - natural; extra > 0 {
			days := int64(start - b.windowStart + 1)
			e := int64(extra)
			b.gen.extras = func(d day) int {
				i := int64(d - b.windowStart)
				if i < days {
					return int(e*(i+1)/days - e*i/days)
				}
				return int(e / days)
			}
			biz := b.accounts[acctBusiness]
			biz.posted = make([]txn, 0, extra+extra/8+4096)
		}
	}
	b.advance(start)
	return b
}

// countNatural counts the private-banking rows the unscaled history has at
// the start date. The count does not depend on balances (see
// generator.interest), so a dry run with zero balances gives the exact
// figure.
func (b *bank) countNatural() int {
	dry := &generator{seed: b.seed, extras: func(day) int { return 0 }, balance: func(int) int64 { return 0 }, rates: b.gen.rates}
	n := 0
	for d := b.windowStart; d <= b.start; d++ {
		dry.day(d, func(e event) {
			if !b.accounts[e.acct].cib {
				n++
			}
		})
	}
	return n
}

// balanceOf returns an account's current posted balance.
func (b *bank) balanceOf(acct int) int64 { return b.accounts[acct].current() }

// intern returns the string-table index of s.
func (b *bank) intern(s string) uint32 {
	if i, ok := b.strIdx[s]; ok {
		return i
	}
	i := uint32(len(b.strs)) //nolint:gosec // G115: far fewer than 2^32 distinct descriptions
	b.strs = append(b.strs, s)
	b.strIdx[s] = i
	return i
}

// newTxn makes a transaction with the next id.
func (b *bank) newTxn(e event, txDate day) txn {
	t := txn{
		id:     b.nextID,
		txDate: txDate,
		value:  txDate,
		action: txDate,
		amount: e.amount,
		desc:   b.intern(e.desc),
		card:   e.card,
		kind:   e.kind,
		credit: e.credit,
	}
	b.nextID++
	return t
}

// advance generates and posts every day up to and including to. Within a
// day, card purchases from earlier days that clear on it post first, then
// the day's own events in the order the generator emits them.
func (b *bank) advance(to day) {
	for d := b.frontier + 1; d <= to; d++ {
		b.dayBuf = b.dayBuf[:0]
		b.gen.day(d, func(e event) { b.dayBuf = append(b.dayBuf, e) })
		b.postDue(d)
		for _, e := range b.dayBuf {
			t := b.newTxn(e, d)
			a := b.accounts[e.acct]
			if e.delay > 0 {
				t.posting = d + e.delay
				t.action = t.posting - 1
				a.pending = append(a.pending, t)
			} else {
				a.appendPosted(t, d)
			}
			if e.benef > 0 {
				ben := b.beneficiaries[e.benef-1]
				ben.lastPaymentDate, ben.lastPaymentAmount = d, e.amount
			}
		}
		b.frontier = d
	}
}

// postDue posts every pending row scheduled to post on or before d.
func (b *bank) postDue(d day) {
	for _, a := range b.accounts {
		if len(a.pending) == 0 {
			continue
		}
		keep := a.pending[:0]
		var due []txn
		for _, t := range a.pending {
			if t.posting <= d {
				due = append(due, t)
			} else {
				keep = append(keep, t)
			}
		}
		if len(due) == 0 {
			continue
		}
		a.pending = keep
		sort.SliceStable(due, func(i, j int) bool {
			if due[i].txDate != due[j].txDate {
				return due[i].txDate < due[j].txDate
			}
			return due[i].id < due[j].id
		})
		for _, t := range due {
			a.appendPosted(t, d)
		}
	}
}

// accountIndex returns the index of the account with id.
func (b *bank) accountIndex(id string) (int, bool) {
	for i, a := range b.accounts {
		if a.id == id {
			return i, true
		}
	}
	return -1, false
}

// errBankRule is returned when a mutation breaks one of the model's rules.
var errBankRule = errors.New("sandbox bank")

// locate finds a transaction by id: its account and whether it is posted.
func (b *bank) locate(id uint32) (acct int, idx int, posted bool, err error) {
	for i, a := range b.accounts {
		if j := a.findPending(id); j >= 0 {
			return i, j, false, nil
		}
		if j := a.findPosted(id); j >= 0 {
			return i, j, true, nil
		}
	}
	return -1, -1, false, fmt.Errorf("%w: no transaction %d", errBankRule, id)
}
