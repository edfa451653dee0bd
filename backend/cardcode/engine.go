package cardcode

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// scriptName is the file name card code is compiled under, the name of the
// file in Investec's online IDE. Error locations refer to it.
const scriptName = "main.js"

const (
	// maxCallStack bounds recursion (Node allows roughly 11k frames).
	maxCallStack = 10000
	// maxTimers bounds the timers one run may have pending.
	maxTimers = 10000
	// maxLogContent bounds one log line, in bytes.
	maxLogContent = 8 << 10
	// maxLength caps the size of strings and arrays that a single built-in
	// call may create; maxBytes caps ArrayBuffers and typed arrays.
	maxLength = 16 << 20
	maxBytes  = 64 << 20
	// interruptGrace is how long a run may take to unwind after it was
	// interrupted before it is abandoned (a built-in call in progress cannot
	// be interrupted; the run's goroutine finishes it on its own).
	interruptGrace = 150 * time.Millisecond
	// memoryPoll is how often the memory guard samples the heap.
	memoryPoll = 5 * time.Millisecond
)

//go:embed prelude.js
var preludeSource string

// Programs compiled once and shared by every runtime (a *goja.Program is
// immutable and may run in several runtimes).
var (
	preludeProgram = goja.MustCompile("emulator.js", preludeSource, true)
	lookupPrograms = map[Hook]*goja.Program{}
)

func init() {
	for _, h := range []Hook{BeforeTransaction, AfterTransaction, AfterDecline, AfterReversal, AfterAdjustment} {
		src := fmt.Sprintf("typeof %[1]s === 'function' ? %[1]s : undefined", h)
		lookupPrograms[h] = goja.MustCompile("lookup.js", src, false)
	}
	// goja runs regular expressions that RE2 cannot (backreferences,
	// lookaround) on regexp2, whose matches are native and cannot be
	// interrupted. Bound them so a catastrophic pattern in abandoned card
	// code cannot spin forever. This is process-wide, so it is only set if
	// nobody chose another value.
	if regexp2.DefaultMatchTimeout == time.Duration(1<<63-1) {
		regexp2.DefaultMatchTimeout = DefaultAfterTimeout
	}
}

// compile parses card code. The error is a *goja.CompilerSyntaxError whose
// message names main.js and the line and column.
func compile(code string) (*goja.Program, error) {
	return goja.Compile(scriptName, code, false)
}

// Check reports whether code parses, so an editor can flag syntax errors
// before the code is saved or published. It does not run anything. The error
// is a *domain.Error with code invalid whose message, safe to show, reads
// like "SyntaxError: main.js: Line 3:9 Unexpected token ;".
func Check(code string) error {
	if _, err := compile(code); err != nil {
		return domain.Wrap(err, domain.CodeInvalid, syntaxMessage(err))
	}
	return nil
}

// syntaxMessage returns the message of a compile error.
func syntaxMessage(err error) string {
	var se *goja.CompilerSyntaxError
	if errors.As(err, &se) {
		return se.Error()
	}
	return "SyntaxError: " + err.Error()
}

// stopReason says why a guard interrupted a run.
type stopReason struct {
	msg       string // shown in Execution.Error
	cancelled error  // the context's error, when the context ended the run
}

// guard enforces a run's time limit, its context and the memory guard. It
// interrupts the runtime once, records why, and closes done.
type guard struct {
	vm     *goja.Runtime
	done   chan struct{}
	quit   chan struct{}
	once   sync.Once
	reason stopReason // written before done is closed
}

func startGuard(ctx context.Context, vm *goja.Runtime, hook Hook, limit time.Duration, maxMemory int64) *guard {
	g := &guard{vm: vm, done: make(chan struct{}), quit: make(chan struct{})}
	deadline := time.NewTimer(limit)
	go func() {
		defer deadline.Stop()
		select {
		case <-g.quit:
		case <-g.done:
		case <-deadline.C:
			g.fire(stopReason{msg: fmt.Sprintf("timed out: %s did not finish within %s and was interrupted", hook, limit)})
		case <-ctx.Done():
			g.fire(stopReason{msg: "cancelled: " + ctx.Err().Error(), cancelled: ctx.Err()})
		}
	}()
	if maxMemory > 0 {
		// A goroutine of its own, so sampling never holds up the deadline.
		// The sample counts garbage not yet collected too, but the collector
		// keeps that below the size of the live heap, so a growth past
		// maxMemory means the run is allocating for real. It fires at once:
		// waiting for a collection to confirm lets a doubling bomb grow for
		// several more rounds.
		base := heapBytes()
		budget := uint64(maxMemory) // positive: checked above
		ticker := time.NewTicker(memoryPoll)
		go func() {
			defer ticker.Stop()
			for {
				select {
				case <-g.quit:
					return
				case <-g.done:
					return
				case <-ticker.C:
					if now := heapBytes(); now > base && now-base > budget {
						g.fire(stopReason{msg: fmt.Sprintf("stopped: memory grew by more than %d MiB while %s ran", maxMemory>>20, hook)})
						return
					}
				}
			}
		}()
	}
	return g
}

// heapBytes returns the bytes in heap objects, live or not yet swept.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

func (g *guard) fire(r stopReason) {
	g.once.Do(func() {
		g.reason = r
		g.vm.Interrupt(r.msg)
		close(g.done)
	})
}

// fired reports whether the guard has interrupted the run.
func (g *guard) fired() bool {
	select {
	case <-g.done:
		return true
	default:
		return false
	}
}

func (g *guard) stop() { close(g.quit) }

// errInterrupted marks a run stopped by its guard; the guard's reason says
// why.
var errInterrupted = errors.New("interrupted")

// timer is one pending setTimeout or setInterval.
type timer struct {
	id       int64
	due      time.Time
	interval time.Duration // 0 for setTimeout
	fn       goja.Callable
}

// helpers are the prelude's functions the Go side calls.
type helpers struct {
	format, parse, resolve, describe goja.Callable
}

// runner is one hook run: a fresh runtime and what it records. The runtime,
// the helpers and the timers belong to the run's goroutine; the log is shared
// with the caller under mu.
type runner struct {
	vm      *goja.Runtime
	opts    Options
	helpers helpers
	timers  map[int64]*timer
	lastID  int64

	mu      sync.Mutex
	logs    []LogLine
	dropped int
	closed  bool
}

// outcome is what a run's goroutine reports. It holds no JavaScript values.
type outcome struct {
	found      bool   // the hook is defined, or loading the code failed
	loadFailed bool   // the code's top level threw
	err        string // what went wrong, "" if nothing
	stopped    bool   // the guard interrupted the run; its reason applies
	approved   bool   // beforeTransaction resolved to exactly true
}

func newRunner(opts Options) *runner {
	vm := goja.New()
	vm.SetMaxCallStackSize(maxCallStack)
	vm.SetTimeSource(goja.Now(opts.Now))
	return &runner{vm: vm, opts: opts, timers: map[int64]*timer{}}
}

// log records one console line, keeping at most MaxLogLines.
func (r *runner) log(level LogLevel, content string) {
	if len(content) > maxLogContent {
		cut := maxLogContent
		for cut > 0 && !utf8.RuneStart(content[cut]) {
			cut--
		}
		content = content[:cut] + "… (truncated)"
	}
	at := r.opts.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	if len(r.logs) >= r.opts.MaxLogLines {
		r.dropped++
		return
	}
	r.logs = append(r.logs, LogLine{CreatedAt: at, Level: level, Content: content})
}

// close ends the log and returns it; later console calls (from an abandoned
// run) are ignored.
func (r *runner) close() []LogLine {
	at := r.opts.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	logs := r.logs
	if r.dropped > 0 {
		logs = append(logs, LogLine{CreatedAt: at, Level: LevelWarn,
			Content: fmt.Sprintf("log limit of %d lines reached: %d more lines were dropped", r.opts.MaxLogLines, r.dropped)})
	}
	if logs == nil {
		logs = []LogLine{}
	}
	return logs
}

// install runs the prelude: console, process.env, timers, the caps, and
// the helpers.
func (r *runner) install(env map[string]string) error {
	if env == nil {
		env = map[string]string{}
	}
	envJSON, err := json.Marshal(env)
	if err != nil {
		return fmt.Errorf("encode environment variables: %w", err)
	}
	vm := r.vm
	host := vm.NewObject()
	set := func(name string, v any) {
		if err == nil {
			err = host.Set(name, v)
		}
	}
	set("env", string(envJSON))
	set("maxLength", maxLength)
	set("maxBytes", maxBytes)
	set("log", func(level, content string) { r.log(LogLevel(level), content) })
	set("setTimer", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(r.setTimer(call.Argument(0), call.Argument(1).ToFloat(), call.Argument(2).ToBoolean()))
	})
	set("clearTimer", func(call goja.FunctionCall) goja.Value {
		delete(r.timers, call.Argument(0).ToInteger())
		return goja.Undefined()
	})
	if err != nil {
		return fmt.Errorf("build host object: %w", err)
	}
	v, err := vm.RunProgram(preludeProgram)
	if err != nil {
		return fmt.Errorf("run prelude: %w", err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		return errors.New("prelude is not a function")
	}
	hv, err := fn(goja.Undefined(), host)
	if err != nil {
		return fmt.Errorf("call prelude: %w", err)
	}
	h := hv.ToObject(vm)
	for name, dst := range map[string]*goja.Callable{
		"format": &r.helpers.format, "parse": &r.helpers.parse,
		"resolve": &r.helpers.resolve, "describe": &r.helpers.describe,
	} {
		if *dst, ok = goja.AssertFunction(h.Get(name)); !ok {
			return fmt.Errorf("prelude helper %s missing", name)
		}
	}
	return nil
}

// setTimer registers a timer and returns its id, or -1 if too many are
// pending. Delays below 1 ms become 1 ms, as in Node.
func (r *runner) setTimer(fnv goja.Value, delayMS float64, repeat bool) int64 {
	fn, ok := goja.AssertFunction(fnv)
	if !ok || len(r.timers) >= maxTimers {
		return -1
	}
	if !(delayMS >= 1) { // also catches NaN
		delayMS = 1
	}
	// Anything beyond a day cannot fire within any limit; keep the
	// arithmetic well inside time.Duration.
	delayMS = min(delayMS, float64(24*time.Hour/time.Millisecond))
	d := time.Duration(delayMS * float64(time.Millisecond))
	r.lastID++
	t := &timer{id: r.lastID, due: time.Now().Add(d), fn: fn}
	if repeat {
		t.interval = d
	}
	r.timers[t.id] = t
	return t.id
}

// nextTimer returns the timer due first, or nil.
func (r *runner) nextTimer() *timer {
	var next *timer
	for _, t := range r.timers {
		if next == nil || t.due.Before(next.due) || (t.due.Equal(next.due) && t.id < next.id) {
			next = t
		}
	}
	return next
}

// await runs timers until p settles. A promise that is still pending when
// no timer is left can never settle: it waits for the guard, as Investec
// would wait for its time limit.
func (r *runner) await(p *goja.Promise, g *guard) error {
	for p.State() == goja.PromiseStatePending {
		t := r.nextTimer()
		if t == nil {
			<-g.done
			return errInterrupted
		}
		if d := time.Until(t.due); d > 0 {
			wait := time.NewTimer(d)
			select {
			case <-g.done:
				wait.Stop()
				return errInterrupted
			case <-wait.C:
			}
		}
		if g.fired() {
			return errInterrupted
		}
		if t.interval > 0 {
			t.due = time.Now().Add(t.interval)
		} else {
			delete(r.timers, t.id)
		}
		// Promise jobs run when the callback returns to Go.
		if _, err := t.fn(goja.Undefined()); err != nil {
			return err
		}
	}
	return nil
}

var promiseType = reflect.TypeOf((*goja.Promise)(nil))

// execute loads the code, calls the hook and settles its result. It runs on
// the run's own goroutine.
// loaded is set once the code's top level has run.
func (r *runner) execute(prg *goja.Program, hook Hook, env map[string]string, arg []byte, g *guard, loaded *atomic.Bool) (out outcome) {
	defer func() {
		if p := recover(); p != nil {
			out = outcome{found: true, err: fmt.Sprintf("internal emulator error: %v", p)}
		}
	}()
	if err := r.install(env); err != nil {
		if g.fired() {
			return outcome{found: true, stopped: true}
		}
		return outcome{found: true, err: "internal emulator error: " + err.Error()}
	}
	if _, err := r.vm.RunProgram(prg); err != nil {
		out = r.failure(err, g)
		out.loadFailed = true
		return out
	}
	loaded.Store(true)
	fv, err := r.vm.RunProgram(lookupPrograms[hook])
	if err != nil {
		return r.failure(err, g)
	}
	fn, ok := goja.AssertFunction(fv)
	if !ok {
		return outcome{}
	}
	input, err := r.helpers.parse(goja.Undefined(), r.vm.ToValue(string(arg)))
	if err != nil {
		return r.failure(err, g)
	}
	result, err := fn(goja.Undefined(), input)
	if err != nil {
		return r.failure(err, g)
	}
	// Settle promises and other thenables the way await would.
	if obj, isObj := result.(*goja.Object); isObj {
		if obj.ExportType() != promiseType {
			if result, err = r.helpers.resolve(goja.Undefined(), obj); err != nil {
				return r.failure(err, g)
			}
		}
		p, _ := result.Export().(*goja.Promise)
		if p == nil {
			return outcome{found: true, err: "internal emulator error: hook result is not a promise"}
		}
		if err := r.await(p, g); err != nil {
			return r.failure(err, g)
		}
		if p.State() == goja.PromiseStateRejected {
			return outcome{found: true, err: r.describe(p.Result(), nil)}
		}
		result = p.Result()
	}
	if hook != BeforeTransaction {
		return outcome{found: true}
	}
	if b, isBool := result.Export().(bool); isBool {
		return outcome{found: true, approved: b}
	}
	return outcome{found: true, err: fmt.Sprintf("beforeTransaction returned %s instead of true or false", r.brief(result))}
}

// failure turns an error from goja into an outcome.
func (r *runner) failure(err error, g *guard) outcome {
	var (
		interrupted *goja.InterruptedError
		overflow    *goja.StackOverflowError
		exception   *goja.Exception
	)
	switch {
	case errors.Is(err, errInterrupted), errors.As(err, &interrupted):
		return outcome{found: true, stopped: true}
	case g.fired():
		// Interrupted while describing, or a built-in noticed late.
		return outcome{found: true, stopped: true}
	case errors.As(err, &overflow):
		return outcome{found: true, err: "RangeError: Maximum call stack size exceeded" + frameLocation(overflow.Stack())}
	case errors.As(err, &exception):
		return outcome{found: true, err: r.describe(exception.Value(), exception.Stack())}
	}
	return outcome{found: true, err: err.Error()}
}

// describe returns one line about a thrown value, with its location in
// main.js when known.
func (r *runner) describe(v goja.Value, frames []goja.StackFrame) string {
	if v == nil {
		v = goja.Undefined()
	}
	d, err := r.helpers.describe(goja.Undefined(), v)
	if err != nil {
		return "Uncaught exception" + frameLocation(frames)
	}
	s := d.String()
	if _, isObj := v.(*goja.Object); !isObj || !hasLocation(s) {
		s += frameLocation(frames)
	}
	return s
}

// brief formats a value for an error message, shortened.
func (r *runner) brief(v goja.Value) string {
	s := "a value that cannot be printed"
	if f, err := r.helpers.format(goja.Undefined(), v); err == nil {
		s = f.String()
	}
	if goja.IsUndefined(v) {
		s = "undefined"
	} else if _, isString := v.Export().(string); isString {
		s = fmt.Sprintf("%q", s)
	}
	if len(s) > 80 {
		cut := 80
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func hasLocation(s string) bool {
	n := len(s)
	return n > 0 && s[n-1] == ')' && strings.Contains(s, "("+scriptName+":")
}

// frameLocation returns " (main.js:L:C)" for the innermost frame in the card
// code, or "".
func frameLocation(frames []goja.StackFrame) string {
	for _, f := range frames {
		if f.SrcName() == scriptName {
			p := f.Position()
			return fmt.Sprintf(" (%s:%d:%d)", scriptName, p.Line, p.Column)
		}
	}
	return ""
}
