package cardcode

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// declinedSuffix ends the Error of every failed beforeTransaction.
const declinedSuffix = "; the authorization was declined (fail closed)"

// Simulate runs card code against one authorization as Investec does:
// beforeTransaction, then afterTransaction if it approved or afterDecline if
// it declined. It returns one Execution per hook the code defines, in that
// order. Code without beforeTransaction approves; code without the after
// hook simply has no second execution.
//
// If the code cannot be loaded (a syntax error, or its top level throws or
// runs out of time) Simulate returns a single declined before_transaction
// execution carrying the error, and runs no after hook.
//
// Problems in the card code are reported in the executions, not as an
// error. The error is non-nil only when ctx ends the simulation; it wraps
// ctx.Err(), and the executions that ran (the interrupted one included) are
// still returned.
func Simulate(ctx context.Context, code string, env map[string]string, tx Transaction, opts Options) ([]Execution, error) {
	opts = opts.withDefaults()
	prg, err := compile(code)
	if err != nil {
		return []Execution{syntaxExecution(BeforeTransaction, err, tx, opts)}, nil
	}
	var execs []Execution
	before, out, err := run(ctx, prg, BeforeTransaction, env, tx, opts)
	approved := true
	if out.found {
		execs = append(execs, before)
		approved = *before.Approved
	}
	if err != nil || out.loadFailed {
		return execs, err
	}
	next := AfterTransaction
	if !approved {
		next = AfterDecline
	}
	after, out, err := run(ctx, prg, next, env, tx, opts)
	if out.found {
		execs = append(execs, after)
	}
	return execs, err
}

// RunHook runs one hook of the card code, e.g. AfterReversal, which Simulate
// never calls. It reports whether the code defines the hook; when it does
// not, the Execution is meaningless. Code that cannot be loaded counts as
// defining the hook, and its Execution carries the error. As with Simulate,
// the error is non-nil only for an unknown hook or when ctx ends the run.
func RunHook(ctx context.Context, code string, env map[string]string, hook Hook, tx Transaction, opts Options) (Execution, bool, error) {
	if hook.ExecutionType() == "" {
		return Execution{}, false, domain.FieldError("hook", "unknown card code hook %q", string(hook))
	}
	opts = opts.withDefaults()
	prg, err := compile(code)
	if err != nil {
		return syntaxExecution(hook, err, tx, opts), true, nil
	}
	ex, out, err := run(ctx, prg, hook, env, tx, opts)
	return ex, out.found, err
}

// Approved reports the decision recorded in executions returned by
// Simulate without error: the before_transaction execution's, or true
// (approve) when the code has no beforeTransaction.
func Approved(execs []Execution) bool {
	for _, e := range execs {
		if e.Type == TypeBeforeTransaction && e.Approved != nil {
			return *e.Approved
		}
	}
	return true
}

// NewID returns a random version 4 UUID in upper case, the form of
// Investec's execution IDs, e.g. "ABB8854D-B3A4-4450-BB9D-915206E8D156".
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return strings.ToUpper(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

// syntaxExecution records code that did not parse.
func syntaxExecution(hook Hook, err error, tx Transaction, opts Options) Execution {
	now := opts.Now()
	ex := Execution{
		ID:          NewID(),
		Type:        hook.ExecutionType(),
		Logs:        []LogLine{},
		Error:       syntaxMessage(err),
		StartedAt:   now,
		CompletedAt: now,
		Sandbox:     tx.Reference == ReferenceSimulation,
	}
	if hook == BeforeTransaction {
		declined := false
		ex.Approved = &declined
		ex.Error += declinedSuffix
	}
	return ex
}

// run runs one hook in a fresh runtime on its own goroutine, under the
// hook's time limit, the memory guard and ctx. It returns once the hook
// finishes or, when interrupted, once the runtime unwinds or a short grace
// period passes (a built-in call cannot be interrupted half way; the
// goroutine is then left to finish it, and whatever it does later is
// discarded).
func run(ctx context.Context, prg *goja.Program, hook Hook, env map[string]string, tx Transaction, opts Options) (Execution, outcome, error) {
	ex, out, _, err := runTracked(ctx, prg, hook, env, tx, opts)
	return ex, out, err
}

// runTracked is run that also returns a channel closed when the run's
// goroutine has exited, which may be after run returned. Tests use it to
// prove an abandoned run really was left behind.
func runTracked(ctx context.Context, prg *goja.Program, hook Hook, env map[string]string, tx Transaction, opts Options) (Execution, outcome, <-chan struct{}, error) {
	exited := make(chan struct{})
	ex := Execution{
		ID:        NewID(),
		Type:      hook.ExecutionType(),
		StartedAt: opts.Now(),
		Sandbox:   tx.Reference == ReferenceSimulation,
	}
	arg, err := json.Marshal(tx)
	if err != nil {
		close(exited)
		return ex, outcome{}, exited, fmt.Errorf("encode card transaction: %w", err)
	}
	var out outcome
	var ctxErr error
	if err := ctx.Err(); err != nil {
		out = outcome{found: true, loadFailed: true, err: "cancelled: " + err.Error()}
		ex.Logs = []LogLine{}
		ctxErr = err
		close(exited)
	} else {
		r := newRunner(opts)
		g := startGuard(ctx, r.vm, hook, opts.limit(hook), opts.MaxMemory)
		var loaded atomic.Bool
		done := make(chan outcome, 1)
		go func() {
			defer close(exited)
			done <- r.execute(prg, hook, env, arg, g, &loaded)
		}()
		select {
		case out = <-done:
		case <-g.done:
			select {
			case out = <-done:
			case <-time.After(interruptGrace):
				out = outcome{found: true, stopped: true, loadFailed: !loaded.Load()}
			}
		}
		g.stop()
		ex.Logs = r.close()
		if out.stopped {
			<-g.done // the guard wrote its reason before closing done
			out.err = g.reason.msg
			ctxErr = g.reason.cancelled
		}
	}
	ex.CompletedAt = opts.Now()
	ex.Error = out.err
	if hook == BeforeTransaction {
		approved := out.approved && out.err == ""
		ex.Approved = &approved
		if ex.Error != "" {
			ex.Error += declinedSuffix
		}
	}
	if ctxErr != nil {
		return ex, out, exited, fmt.Errorf("run %s: %w", hook, ctxErr)
	}
	return ex, out, exited, nil
}
