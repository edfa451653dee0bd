package core

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/investec-desk/investec-desk/backend/domain"
	"github.com/investec-desk/investec-desk/backend/investec"
)

// TestOutcomeCountsOnlyCertainFailuresAsNotSent checks the rule that decides
// what the journal says about a sent request: only a failure that surely
// happened before the bank processed anything (or that the bank refused)
// is "not sent"; everything else is unknown and is never resent.
func TestOutcomeCountsOnlyCertainFailuresAsNotSent(t *testing.T) {
	t.Parallel()
	a := domain.PayAttempt{Kind: domain.PayTransfer, Lines: []domain.PayLine{{TargetID: "B", Amount: 100}}}
	cases := []struct {
		name   string
		err    error
		status domain.PayStatus
		code   domain.Code
		msg    string
	}{
		{"5xx after sending", &investec.UnknownOutcomeError{Method: "POST", Path: "/p", Err: &investec.APIError{StatusCode: 502}},
			domain.PayUnknown, domain.CodeUnknownOutcome, "server error, 502"},
		{"timeout after sending", &investec.UnknownOutcomeError{Err: &investec.NetworkError{Timeout: true, Err: errors.New("i/o timeout")}},
			domain.PayUnknown, domain.CodeUnknownOutcome, "timed out"},
		{"dropped after sending", &investec.UnknownOutcomeError{Err: &investec.NetworkError{Err: errors.New("EOF")}},
			domain.PayUnknown, domain.CodeUnknownOutcome, "connection dropped"},
		{"caller gave up after sending", &investec.UnknownOutcomeError{Err: context.DeadlineExceeded},
			domain.PayUnknown, domain.CodeUnknownOutcome, "wait for it ended"},
		{"unreadable 2xx", &investec.DecodeError{Method: "POST", Err: errors.New("response body too large")},
			domain.PayUnknown, domain.CodeUnknownOutcome, "may or may not"},
		{"anything else", errors.New("mystery"), domain.PayUnknown, domain.CodeUnknownOutcome, "may or may not"},
		{"forbidden", &investec.ForbiddenError{Permissions: investec.PermissionsForScopes([]string{investec.ScopeTransfers})},
			domain.PayFailed, domain.CodeForbidden, "Manage → Investec Developer"},
		{"rate limited", &investec.RateLimitError{RetryAfter: 30 * time.Second}, domain.PayFailed, domain.CodeRateLimited, "Not sent: "},
		{"offline before sending", &investec.NetworkError{Err: errors.New("connection refused")}, domain.PayFailed, domain.CodeOffline, "Not sent: "},
		{"refused credentials", &investec.APIError{StatusCode: 401}, domain.PayFailed, domain.CodeUnauthorized, "Not sent: "},
		{"cancelled before sending", fmt.Errorf("investec: POST /p: %w", context.Canceled), domain.PayFailed, domain.CodeCancelled, "Not sent: "},
		{"keyring", domain.Wrap(errors.New("locked"), domain.CodeKeyring, "The keyring is locked."), domain.PayFailed, domain.CodeKeyring, "keyring is locked"},
		{"client validation", domain.FieldError("paymentList", "too many"), domain.PayFailed, domain.CodeInvalid, "Not sent: "},
		{"bank refused", &investec.APIError{StatusCode: 400, Message: "The specified account is invalid."},
			domain.PayRejected, domain.CodeBankError, "The specified account is invalid."},
	}
	for _, c := range cases {
		o := outcome(a, nil, c.err)
		if o.Status != c.status || o.ErrorCode != c.code || !strings.Contains(o.ErrorMessage, c.msg) {
			t.Errorf("%s: %+v, want %s %s containing %q", c.name, o, c.status, c.code, c.msg)
		}
		if o.Status == domain.PayUnknown && !strings.Contains(o.ErrorMessage, "will not be sent again automatically") {
			t.Errorf("%s: an unknown outcome must say it is not resent: %q", c.name, o.ErrorMessage)
		}
	}
	if o := outcome(a, nil, &investec.APIError{StatusCode: 400, Message: "nope"}); o.BankMessage != "nope" {
		t.Errorf("bank message = %q", o.BankMessage)
	}
}

func TestOutcomeOfAnAnswer(t *testing.T) {
	t.Parallel()
	two := domain.PayAttempt{Kind: domain.PayPayment, Lines: []domain.PayLine{{TargetID: "A", Amount: 100}, {TargetID: "B", Amount: 200}}}
	ok := investec.TransferResponse{PaymentReferenceNumber: "UBP1", PaymentDate: "16/03/2026", BeneficiaryAccountID: "B",
		Status: "- Authorisation required <BR>- Payment/Transfer effective date 16/03/2026", AuthorisationRequired: true}

	// Both answered, in order.
	o := outcome(two, &investec.TransferResult{Responses: []investec.TransferResponse{{PaymentReferenceNumber: "UBP0", BeneficiaryAccountID: "A"}, ok}}, nil)
	if o.Status != domain.PaySucceeded || o.Lines[0].PaymentReference != "UBP0" || o.Lines[1].PaymentDate != "2026-03-16" ||
		!o.Lines[1].AuthorisationRequired || strings.Join(o.Lines[1].BankStatus, "|") != "Authorisation required|Payment/Transfer effective date 16/03/2026" {
		t.Fatalf("both answered: %+v", o)
	}
	// One answer for two lines: matched by destination, the rest unknown to us.
	o = outcome(two, &investec.TransferResult{Responses: []investec.TransferResponse{ok}}, nil)
	if o.Status != domain.PayPartial || o.Lines[0].PaymentReference != "" || o.Lines[1].PaymentReference != "UBP1" ||
		!strings.Contains(o.ErrorMessage, "1 of 2") {
		t.Fatalf("one of two: %+v", o)
	}
	// An ErrorMessage and no answers: refused.
	o = outcome(two, &investec.TransferResult{ErrorMessage: "Insufficient funds."}, nil)
	if o.Status != domain.PayRejected || o.BankMessage != "Insufficient funds." || o.ErrorCode != domain.CodeBankError {
		t.Fatalf("refused: %+v", o)
	}
	// An ErrorMessage beside answers: partly done.
	o = outcome(two, &investec.TransferResult{ErrorMessage: "One failed.", Responses: []investec.TransferResponse{ok}}, nil)
	if o.Status != domain.PayPartial || o.BankMessage != "One failed." || !strings.Contains(o.ErrorMessage, "1 of 2") {
		t.Fatalf("partial with message: %+v", o)
	}
}

func TestAuthorisationOnlyWhenRequiredAndListed(t *testing.T) {
	t.Parallel()
	lists := investec.AuthorisationSetup{NumberOfAuthorisationRequired: "2",
		AuthorisersA: []investec.Authoriser{{ID: "a", Name: "A"}}, AuthorisersB: []investec.Authoriser{{ID: "b", Name: "B"}},
		Periods: []investec.AuthorisationPeriod{{ID: "0", Description: "Current Day"}}}
	got := authorisationFrom(&lists)
	if got == nil || got.Required != 2 || got.AuthorisersA[0] != (domain.PayChoice{ID: "a", Name: "A"}) || got.Periods[0].Name != "Current Day" {
		t.Fatalf("required: %+v", got)
	}
	for name, s := range map[string]investec.AuthorisationSetup{
		"one authorisation": {NumberOfAuthorisationRequired: "1", AuthorisersA: lists.AuthorisersA, AuthorisersB: lists.AuthorisersB, Periods: lists.Periods},
		"zero":              {NumberOfAuthorisationRequired: "0"},
		"not a number":      {NumberOfAuthorisationRequired: "two", AuthorisersA: lists.AuthorisersA, AuthorisersB: lists.AuthorisersB, Periods: lists.Periods},
		"null lists":        {NumberOfAuthorisationRequired: "2"},
		"null periods":      {NumberOfAuthorisationRequired: "2", AuthorisersA: lists.AuthorisersA, AuthorisersB: lists.AuthorisersB},
	} {
		if got := authorisationFrom(&s); got != nil {
			t.Errorf("%s: %+v, want no authorisation fields", name, got)
		}
	}
	if authorisationFrom(nil) != nil {
		t.Error("nil setup")
	}
}

func TestKeyedMutexExcludesPerKeyAndForgetsKeys(t *testing.T) {
	t.Parallel()
	k := keyedMutex{m: map[string]*keyedEntry{}}
	var inside, most atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock := k.lock("same")
			n := inside.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			inside.Add(-1)
			unlock()
		}()
	}
	// Another key is never held up by "same".
	done := make(chan struct{})
	go func() {
		k.lock("other")()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a different key waited")
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Fatalf("%d holders at once", most.Load())
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.m) != 0 {
		t.Fatalf("keys kept: %v", k.m)
	}
}
