package export

import (
	"fmt"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// ledger reconciles one account's posted transactions as they stream past,
// in constant memory.
type ledger struct {
	broughtForward    domain.Money
	hasBroughtForward bool

	in, out domain.Money
	count   int64

	firstHasRB  bool
	bankOpening domain.Money // first row's running balance less its amount

	prevRB    domain.Money
	hasPrevRB bool
	lastHasRB bool
	missingRB int64

	breaks     int64
	firstBreak domain.Money // running balance minus the expected one, at the first break
	breakAt    string
}

// add takes the next posted transaction in bank order.
func (l *ledger) add(t domain.Transaction) error {
	signed := domain.Signed(t.Type, t.Amount)
	var err error
	if signed >= 0 {
		l.in, err = l.in.AddChecked(signed)
	} else {
		l.out, err = l.out.AddChecked(-signed)
	}
	if err != nil {
		return fmt.Errorf("sum amounts: %w", err)
	}
	l.count++
	rb := t.RunningBalance
	if l.count == 1 && rb != nil {
		l.firstHasRB = true
		l.bankOpening = *rb - signed
	}
	if rb == nil {
		l.missingRB++
		l.hasPrevRB, l.lastHasRB = false, false
		return nil
	}
	if l.hasPrevRB {
		if want := l.prevRB + signed; *rb != want {
			if l.breaks == 0 {
				l.firstBreak = *rb - want
				l.breakAt = t.PostingDate + " (" + t.Description + ")"
			}
			l.breaks++
		}
	}
	l.prevRB, l.hasPrevRB, l.lastHasRB = *rb, true, true
	return nil
}

// result returns the account's figures and checks.
func (l *ledger) result(a domain.Account, from string) domain.AccountReconciliation {
	r := domain.AccountReconciliation{
		AccountID:     a.ID,
		AccountNumber: a.Number,
		AccountName:   a.Name,
		ProductName:   a.ProductName,
		In:            l.in,
		Out:           l.out,
		Transactions:  l.count,
	}
	switch {
	case l.firstHasRB:
		r.Opening = l.bankOpening
	case l.hasBroughtForward:
		r.Opening = l.broughtForward
	}
	if l.lastHasRB {
		r.Closing = l.prevRB
	} else {
		r.Closing = r.Opening + l.in - l.out
	}
	r.Arithmetic = check(r.Opening+l.in-l.out-r.Closing, "Opening + money in − money out differs from the closing balance by R%s.")
	r.RunningBalance = l.runningCheck(from)
	return r
}

func check(diff domain.Money, mismatch string) domain.ReconciliationCheck {
	if diff == 0 {
		return domain.ReconciliationCheck{Status: domain.CheckOK}
	}
	return domain.ReconciliationCheck{Status: domain.CheckMismatch, Difference: diff, Detail: fmt.Sprintf(mismatch, diff)}
}

func (l *ledger) runningCheck(from string) domain.ReconciliationCheck {
	switch {
	case l.count == 0 && l.hasBroughtForward:
		return domain.ReconciliationCheck{Status: domain.CheckOK, Detail: "No transactions in the period; the balance is brought forward."}
	case l.count == 0:
		return domain.ReconciliationCheck{Status: domain.CheckUnavailable, Detail: "No transactions in the period and no earlier balance in the cache."}
	case l.missingRB == l.count:
		return domain.ReconciliationCheck{Status: domain.CheckUnavailable, Detail: "The bank sent no running balances for this account."}
	}
	if l.firstHasRB && l.hasBroughtForward && l.bankOpening != l.broughtForward {
		d := l.bankOpening - l.broughtForward
		return domain.ReconciliationCheck{Status: domain.CheckMismatch, Difference: d,
			Detail: fmt.Sprintf("The balance before the first transaction differs by R%s from the balance brought forward before %s: transactions may be missing from the cache.", d, from)}
	}
	if l.breaks > 0 {
		return domain.ReconciliationCheck{Status: domain.CheckMismatch, Difference: l.firstBreak,
			Detail: fmt.Sprintf("%d running balance(s) do not follow from the previous balance and the amount; the first differs by R%s on %s.", l.breaks, l.firstBreak, l.breakAt)}
	}
	if l.missingRB > 0 {
		return domain.ReconciliationCheck{Status: domain.CheckUnavailable, Detail: fmt.Sprintf("%d transaction(s) have no running balance from the bank.", l.missingRB)}
	}
	return domain.ReconciliationCheck{Status: domain.CheckOK}
}
