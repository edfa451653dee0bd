package cardcode

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/investec-desk/investec-desk/backend/domain"
)

// fixedNow is the clock most tests use.
var fixedNow = time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)

// fast is for code expected to finish: generous limits (so a loaded
// machine or the race detector cannot fail it) and a fixed clock. Code that
// finishes costs no more under a long limit.
var fast = Options{
	BeforeTimeout: 5 * time.Second,
	AfterTimeout:  5 * time.Second,
	Now:           func() time.Time { return fixedNow },
}

// short is for code expected to run out of time.
var short = Options{
	BeforeTimeout: 300 * time.Millisecond,
	AfterTimeout:  300 * time.Millisecond,
	Now:           func() time.Time { return fixedNow },
}

// bakery is a R100 authorization at a bakery in Cape Town.
func bakery() Transaction {
	return Transaction{
		AccountNumber: "10011001100",
		DateTime:      time.Date(2026, 3, 4, 8, 15, 0, 123e6, time.UTC),
		CentsAmount:   10000,
		CurrencyCode:  "zar",
		Type:          "card",
		Reference:     ReferenceSimulation,
		CardID:        "1010101",
		Merchant: Merchant{
			CategoryCode: "5462", CategoryKey: "bakeries", CategoryName: "Bakeries",
			Name: "The Coders Bakery", City: "Cape Town",
			CountryCode: "ZA", CountryAlpha3: "ZAF", CountryName: "South Africa",
		},
	}
}

func simulate(t *testing.T, code string, env map[string]string, tx Transaction, opts Options) []Execution {
	t.Helper()
	execs, err := Simulate(context.Background(), code, env, tx, opts)
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	return execs
}

// summary is the part of an execution most tests compare.
type summary struct {
	Type     ExecutionType
	Approved string // "true", "false" or "" (not a before execution)
	Logs     []string
	Error    string
}

func summarize(execs []Execution) []summary {
	var out []summary
	for _, e := range execs {
		s := summary{Type: e.Type, Error: e.Error}
		if e.Approved != nil {
			s.Approved = fmt.Sprint(*e.Approved)
		}
		for _, l := range e.Logs {
			s.Logs = append(s.Logs, string(l.Level)+": "+l.Content)
		}
		out = append(out, s)
	}
	return out
}

func TestApproveRunsAfterTransaction(t *testing.T) {
	t.Parallel()
	code := `
const beforeTransaction = async (authorization) => {
  console.log('before', authorization.centsAmount, authorization.merchant.category.key);
  return true;
};
const afterTransaction = async (transaction) => { console.log('after', transaction.merchant.name); };
const afterDecline = async (transaction) => { console.log('declined'); };
`
	got := summarize(simulate(t, code, nil, bakery(), fast))
	want := []summary{
		{Type: TypeBeforeTransaction, Approved: "true", Logs: []string{"info: before 10000 bakeries"}},
		{Type: TypeAfterTransaction, Logs: []string{"info: after The Coders Bakery"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("executions (-want +got):\n%s", diff)
	}
}

func TestDeclineRunsAfterDecline(t *testing.T) {
	t.Parallel()
	code := `
const beforeTransaction = async (authorization) => authorization.centsAmount < 5000;
const afterTransaction = async (transaction) => { console.log('after'); };
const afterDecline = async (transaction) => { console.log('declined at', transaction.merchant.city); };
`
	execs := simulate(t, code, nil, bakery(), fast)
	want := []summary{
		{Type: TypeBeforeTransaction, Approved: "false"},
		{Type: TypeAfterDecline, Logs: []string{"info: declined at Cape Town"}},
	}
	if diff := cmp.Diff(want, summarize(execs)); diff != "" {
		t.Errorf("executions (-want +got):\n%s", diff)
	}
	if Approved(execs) {
		t.Error("Approved = true for a declined authorization")
	}

	small := bakery()
	small.CentsAmount = 4999
	execs = simulate(t, code, nil, small, fast)
	if !Approved(execs) || len(execs) != 2 || execs[1].Type != TypeAfterTransaction {
		t.Errorf("R49.99: got %+v, want approved then after_transaction", summarize(execs))
	}
}

func TestHookForms(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"function declaration":  `function beforeTransaction(a) { return a.centsAmount === 10000; }`,
		"async function":        `async function beforeTransaction(a) { return true; }`,
		"sync arrow":            `const beforeTransaction = (a) => true;`,
		"let":                   `let beforeTransaction = async (a) => true;`,
		"var":                   `var beforeTransaction = function (a) { return true; };`,
		"promise from sync fn":  `const beforeTransaction = (a) => Promise.resolve(true);`,
		"thenable":              `const beforeTransaction = (a) => ({ then(resolve) { resolve(true); } });`,
		"awaits inside":         `const beforeTransaction = async (a) => { const v = await Promise.resolve(1); await null; return v === 1; };`,
		"resolves after timers": `const beforeTransaction = () => new Promise((resolve) => setTimeout(resolve, 20, true));`,
	}
	for name, code := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			execs := simulate(t, code, nil, bakery(), fast)
			if len(execs) != 1 || execs[0].Error != "" || !Approved(execs) {
				t.Errorf("got %+v, want one approved execution without error", summarize(execs))
			}
		})
	}
}

func TestMissingHooks(t *testing.T) {
	t.Parallel()
	// No beforeTransaction: Investec approves, so afterTransaction runs.
	got := summarize(simulate(t, `const afterTransaction = () => console.log('after');`, nil, bakery(), fast))
	want := []summary{{Type: TypeAfterTransaction, Logs: []string{"info: after"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("only afterTransaction (-want +got):\n%s", diff)
	}
	// Declined with no afterDecline: just the before execution.
	got = summarize(simulate(t, `const beforeTransaction = () => false; const afterTransaction = () => {};`, nil, bakery(), fast))
	want = []summary{{Type: TypeBeforeTransaction, Approved: "false"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("no afterDecline (-want +got):\n%s", diff)
	}
	// Not a function is not a hook.
	if execs := simulate(t, `const beforeTransaction = 42;`, nil, bakery(), fast); len(execs) != 0 {
		t.Errorf("non-function hook: got %+v, want no executions", summarize(execs))
	}
}

func TestBeforeTimeoutDeclines(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"busy loop":                `const beforeTransaction = async () => { while (true) {} };`,
		"loop after await":         `const beforeTransaction = async () => { await null; for (;;) {} };`,
		"never settles":            `const beforeTransaction = async () => { await new Promise(() => {}); return true; };`,
		"timer beyond the limit":   `const beforeTransaction = () => new Promise((r) => setTimeout(r, 60000, true));`,
		"interval keeps it busy":   `const beforeTransaction = () => new Promise(() => setInterval(() => {}, 5));`,
		"loop at the top level":    `while (true) {} const beforeTransaction = () => true;`,
		"loop in a timer callback": `const beforeTransaction = () => new Promise((r) => setTimeout(() => { while (true) {} }, 1));`,
	}
	for name, code := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			code += "\nconst afterDecline = () => console.log('after decline');"
			start := time.Now()
			execs := simulate(t, code, nil, bakery(), short)
			took := time.Since(start)
			if len(execs) == 0 {
				t.Fatal("no executions")
			}
			before := execs[0]
			if before.Type != TypeBeforeTransaction || Approved(execs) {
				t.Errorf("got %+v, want a declined before_transaction", summarize(execs))
			}
			for _, part := range []string{"timed out", "beforeTransaction", "300ms", "interrupted", "declined (fail closed)"} {
				if !strings.Contains(before.Error, part) {
					t.Errorf("Error %q does not mention %q", before.Error, part)
				}
			}
			// The limit holds: not before it, and the run is stopped rather
			// than left to finish (the slowest case would take 60 s). The upper
			// bound is loose because CI machines are shared and busy.
			if took < 300*time.Millisecond || took > 300*time.Millisecond+interruptGrace+8*time.Second {
				t.Errorf("took %v, want about 300ms", took)
			}
		})
	}
}

func TestTimedOutBeforeStillRunsAfterDecline(t *testing.T) {
	t.Parallel()
	code := `const beforeTransaction = async () => { while (true) {} };
const afterDecline = async (t) => console.log('after decline', t.centsAmount);`
	got := summarize(simulate(t, code, nil, bakery(), short))
	if len(got) != 2 || got[1].Type != TypeAfterDecline || cmp.Diff([]string{"info: after decline 10000"}, got[1].Logs) != "" {
		t.Errorf("got %+v, want before (timed out) then after_decline with its log", got)
	}
}

func TestDefaultLimitsAreInvestecs(t *testing.T) {
	t.Parallel()
	o := Options{}.withDefaults()
	if o.BeforeTimeout != 2*time.Second || o.AfterTimeout != 15*time.Second {
		t.Errorf("defaults: before %v after %v, want 2s and 15s", o.BeforeTimeout, o.AfterTimeout)
	}
	// And the default is what actually stops a runaway beforeTransaction.
	start := time.Now()
	execs := simulate(t, `const beforeTransaction = async () => { while (true) {} };`, nil, bakery(), Options{})
	took := time.Since(start)
	// Loose above (shared CI machines), exact below; the error names the 2 s limit.
	if took < 2*time.Second || took > 10*time.Second {
		t.Errorf("runaway beforeTransaction stopped after %v, want about 2s", took)
	}
	if len(execs) != 1 || !strings.Contains(execs[0].Error, "within 2s") || Approved(execs) {
		t.Errorf("got %+v, want one declined execution timed out within 2s", summarize(execs))
	}
}

func TestAfterHookGetsTheLongerLimit(t *testing.T) {
	t.Parallel()
	opts := fast
	opts.BeforeTimeout = 200 * time.Millisecond
	opts.AfterTimeout = 3 * time.Second
	// 600ms of work: too long for beforeTransaction, fine for afterTransaction.
	code := `
const work = () => new Promise((resolve) => setTimeout(resolve, 600));
const beforeTransaction = async () => true;
const afterTransaction = async () => { await work(); console.log('after done'); };
`
	got := summarize(simulate(t, code, nil, bakery(), opts))
	want := []summary{
		{Type: TypeBeforeTransaction, Approved: "true"},
		{Type: TypeAfterTransaction, Logs: []string{"info: after done"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	code = strings.Replace(code, "async () => true", "async () => { await work(); return true; }", 1)
	got = summarize(simulate(t, code, nil, bakery(), opts))
	if len(got) != 1 || !strings.Contains(got[0].Error, "within 200ms") {
		t.Errorf("slow beforeTransaction: got %+v, want a timeout at 200ms", got)
	}
	// An after hook that runs too long is stopped at its own limit.
	opts.AfterTimeout = 400 * time.Millisecond
	got = summarize(simulate(t, `const afterTransaction = () => { while (true) {} };`, nil, bakery(), opts))
	if len(got) != 1 || got[0].Type != TypeAfterTransaction || !strings.Contains(got[0].Error, "afterTransaction did not finish within 400ms") {
		t.Errorf("runaway afterTransaction: got %+v", got)
	}
}

func TestThrownErrorsDecline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, code, want string
	}{
		{"throw", "const beforeTransaction = async (a) => {\n  throw new Error('no thanks');\n};", "Error: no thanks (main.js:2:9)"},
		{"type error", "function beforeTransaction(a) {\n  return a.nothing.here;\n}", "TypeError: Cannot read property 'here' of undefined (main.js:2:20)"},
		{"reference error", "const beforeTransaction = () => {\n\n  return notDefined;\n};", "ReferenceError: notDefined is not defined (main.js:3:10)"},
		{"rejected promise", "const beforeTransaction = () => Promise.reject(new RangeError('nope'));", "RangeError: nope (main.js:1:48)"},
		{"throw a string", "const beforeTransaction = () => {\n  throw 'plain';\n};", "Uncaught plain (main.js:2:3)"},
		{"reject an object", "const beforeTransaction = async () => { throw { code: 42 }; };", `Uncaught {"code":42}`},
		{"error at the top level", "const x = 1;\nthrow new Error('broken');\nconst beforeTransaction = () => true;", "Error: broken (main.js:2:7)"},
		{"infinite recursion", "const f = () => f();\nconst beforeTransaction = () => f();", "RangeError: Maximum call stack size exceeded (main.js:1:18)"},
		{"not a boolean", "const beforeTransaction = async () => 'yes';", `beforeTransaction returned "yes" instead of true or false`},
		{"no return", "const beforeTransaction = async () => { console.log('forgot'); };", "beforeTransaction returned undefined instead of true or false"},
		{"truthy number", "const beforeTransaction = () => 1;", "beforeTransaction returned 1 instead of true or false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			execs := simulate(t, tt.code, nil, bakery(), fast)
			if len(execs) == 0 {
				t.Fatal("no executions")
			}
			if Approved(execs) || execs[0].Type != TypeBeforeTransaction {
				t.Errorf("got %+v, want a declined before_transaction", summarize(execs))
			}
			if want := tt.want + declinedSuffix; execs[0].Error != want {
				t.Errorf("Error = %q, want %q", execs[0].Error, want)
			}
		})
	}
}

func TestErrorInAfterHook(t *testing.T) {
	t.Parallel()
	code := "const afterTransaction = async (t) => {\n  console.log('start');\n  JSON.parse('{');\n};"
	execs := simulate(t, code, nil, bakery(), fast)
	if len(execs) != 1 || execs[0].Approved != nil {
		t.Fatalf("got %+v, want one after_transaction", summarize(execs))
	}
	if !strings.HasPrefix(execs[0].Error, "SyntaxError: ") || !strings.HasSuffix(execs[0].Error, "(main.js:3:13)") || strings.Contains(execs[0].Error, "declined") {
		t.Errorf("Error = %q, want a SyntaxError at main.js:3:13 and no decline note", execs[0].Error)
	}
	if diff := cmp.Diff([]string{"info: start"}, summarize(execs)[0].Logs); diff != "" {
		t.Errorf("logs before the error are kept (-want +got):\n%s", diff)
	}
}

func TestSyntaxErrorDeclines(t *testing.T) {
	t.Parallel()
	code := "const beforeTransaction = async (a) => {\n  return true\n}}\nconst afterDecline = () => {};"
	execs := simulate(t, code, nil, bakery(), fast)
	if len(execs) != 1 {
		t.Fatalf("got %d executions, want only the before_transaction", len(execs))
	}
	e := execs[0]
	if e.Type != TypeBeforeTransaction || e.Approved == nil || *e.Approved {
		t.Errorf("got %+v, want a declined before_transaction", summarize(execs))
	}
	if !strings.HasPrefix(e.Error, "SyntaxError: main.js: Line 3:2 ") || !strings.HasSuffix(e.Error, declinedSuffix) {
		t.Errorf("Error = %q, want a SyntaxError at line 3:2", e.Error)
	}
	if e.ID == "" || e.Logs == nil || !e.Sandbox || e.StartedAt != fixedNow {
		t.Errorf("syntax error execution is incomplete: %+v", e)
	}
	if err := Check(code); err == nil || !strings.Contains(err.Error(), "Line 3:2") {
		t.Errorf("Check = %v, want the syntax error", err)
	}
	if err := Check("const beforeTransaction = () => true;"); err != nil {
		t.Errorf("Check(valid code) = %v", err)
	}
}

func TestEnvironmentVariables(t *testing.T) {
	t.Parallel()
	env := map[string]string{"limit": "5000", "blocked": "7995,5921", "empty": ""}
	code := `
const beforeTransaction = async (a) => {
  console.log(process.env.limit, typeof process.env.limit, process.env.blocked, JSON.stringify(process.env.empty), process.env.missing);
  console.log(Object.keys(process.env).sort().join(','));
  process.env.limit = '1';          // ignored: the object is frozen (sloppy mode)
  process.env.added = 'x';
  delete process.env.blocked;
  console.log(process.env.limit, process.env.added, process.env.blocked, Object.isFrozen(process.env), Object.isFrozen(process));
  process.env = {};                 // ignored too
  console.log(process.env.limit);
  return true;
};
const afterTransaction = () => { 'use strict'; process.env.limit = '1'; };
`
	execs := simulate(t, code, env, bakery(), fast)
	got := summarize(execs)
	want := []summary{
		{Type: TypeBeforeTransaction, Approved: "true", Logs: []string{
			`info: 5000 string 7995,5921 "" undefined`,
			"info: blocked,empty,limit",
			"info: 5000 undefined 7995,5921 true true",
			"info: 5000",
		}},
		{Type: TypeAfterTransaction, Error: "TypeError: Cannot assign to read only property 'limit' (main.js:13:60)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if env["limit"] != "5000" || len(env) != 3 {
		t.Errorf("the caller's map changed: %v", env)
	}
	// No variables at all is an empty object, not an error.
	got = summarize(simulate(t, `const beforeTransaction = () => Object.keys(process.env).length === 0;`, nil, bakery(), fast))
	if len(got) != 1 || got[0].Approved != "true" {
		t.Errorf("nil env: %+v", got)
	}
}

func TestConsoleCapture(t *testing.T) {
	t.Parallel()
	code := `
const beforeTransaction = async (a) => {
  console.log('plain string');
  console.info('info', 1, 2.5, true, null, undefined);
  console.warn({ a: 1, nested: { list: [1, 'two'] } });
  console.error('error', [1, 2]);
  console.debug('debug');
  console.log(function named() {}, () => 1, 10n, Symbol('s'));
  const circular = {}; circular.self = circular;
  console.log(circular);
  console.log(new TypeError('bad thing'));
  console.log(a.merchant.country);
  console.log();
  return true;
};
`
	execs := simulate(t, code, nil, bakery(), fast)
	logs := execs[0].Logs
	want := []string{
		"info: plain string",
		"info: info 1 2.5 true null undefined",
		`warn: {"a":1,"nested":{"list":[1,"two"]}}`,
		"error: error [1,2]",
		"info: debug",
		"info: [Function: named] [Function: (anonymous)] 10n Symbol(s)",
		"info: [object Object]",
		"info: TypeError: bad thing\n\tat beforeTransaction (main.js:11:15)",
		`info: {"code":"ZA","alpha3":"ZAF","name":"South Africa"}`,
		"info: ",
	}
	if diff := cmp.Diff(want, summarize(execs)[0].Logs); diff != "" {
		t.Errorf("logs (-want +got):\n%s", diff)
	}
	for _, l := range logs {
		if !l.CreatedAt.Equal(fixedNow) {
			t.Errorf("log time %v, want the options clock %v", l.CreatedAt, fixedNow)
		}
	}
}

func TestLogLimits(t *testing.T) {
	t.Parallel()
	opts := fast
	opts.MaxLogLines = 5
	code := `const beforeTransaction = () => {
  for (let i = 0; i < 12; i++) console.log('line', i);
  console.log('x'.repeat(20000));
  return true;
};`
	execs := simulate(t, code, nil, bakery(), opts)
	got := summarize(execs)[0].Logs
	want := []string{"info: line 0", "info: line 1", "info: line 2", "info: line 3", "info: line 4",
		"warn: log limit of 5 lines reached: 8 more lines were dropped"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// One huge line is cut.
	execs = simulate(t, `const beforeTransaction = () => { console.log('é'.repeat(10000)); return true; };`, nil, bakery(), fast)
	c := execs[0].Logs[0].Content
	if !strings.HasSuffix(c, "… (truncated)") || len(c) > maxLogContent+len("… (truncated)") || !strings.HasPrefix(c, "éé") {
		t.Errorf("long line: len %d, suffix %q", len(c), c[len(c)-20:])
	}
	if strings.ContainsRune(c, '\uFFFD') {
		t.Error("truncation split a character")
	}
}

func TestNoWayOut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, code, wantErr string
	}{
		{"fetch rejects", "const beforeTransaction = async () => {\n  const r = await fetch('https://example.com');\n  return r.ok;\n};",
			"Error: fetch is not available in the offline emulator: card code has no network access here (main.js:2:24)"},
		{"require throws", "const beforeTransaction = () => {\n  const fs = require('fs');\n  return true;\n};",
			`Error: require is not available in the offline emulator: card code cannot load modules (require("fs")) (main.js:2:21)`},
		{"no XMLHttpRequest", "const beforeTransaction = () => { new XMLHttpRequest(); return true; };",
			"ReferenceError: XMLHttpRequest is not defined (main.js:1:39)"},
		{"no process.exit", "const beforeTransaction = () => { process.exit(0); };",
			"TypeError: Object has no member 'exit' (main.js:1:47)"},
		{"no WebSocket", "const beforeTransaction = () => { new WebSocket('wss://x'); };",
			"ReferenceError: WebSocket is not defined (main.js:1:39)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			execs := simulate(t, tt.code, nil, bakery(), fast)
			if want := tt.wantErr + declinedSuffix; len(execs) != 1 || execs[0].Error != want {
				t.Errorf("got %+v\nwant error %q", summarize(execs), want)
			}
		})
	}

	// Code that handles network failure can be exercised.
	code := `const beforeTransaction = async () => {
  try { await fetch('https://example.com'); return true; }
  catch (e) { console.warn('offline:', e.message); return false; }
};`
	got := summarize(simulate(t, code, nil, bakery(), fast))
	want := []summary{{Type: TypeBeforeTransaction, Approved: "false", Logs: []string{
		"warn: offline: fetch is not available in the offline emulator: card code has no network access here"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("caught fetch (-want +got):\n%s", diff)
	}

	// Nothing of the host is reachable from the global object.
	code = `const beforeTransaction = () => {
  const names = Object.getOwnPropertyNames(globalThis).filter((n) => /^(fetch|require|process|console|setTimeout|XMLHttpRequest|module|exports|Deno|Bun|__.*)$/.test(n));
  console.log(names.sort().join(','), typeof globalThis.module, typeof globalThis.exports, typeof host);
  return true;
};`
	got = summarize(simulate(t, code, nil, bakery(), fast))
	if diff := cmp.Diff([]string{"info: console,fetch,process,require,setTimeout undefined undefined undefined"}, got[0].Logs); diff != "" {
		t.Errorf("globals (-want +got):\n%s", diff)
	}

	// import is not available in any form.
	for _, code := range []string{
		"import fs from 'fs';\nconst beforeTransaction = () => true;",
		"const beforeTransaction = async () => { const fs = await import('fs'); return true; };",
	} {
		execs := simulate(t, code, nil, bakery(), fast)
		if len(execs) != 1 || Approved(execs) || !strings.HasPrefix(execs[0].Error, "SyntaxError: ") {
			t.Errorf("%q: got %+v, want a declined SyntaxError", code, summarize(execs))
		}
	}
}

func TestTimers(t *testing.T) {
	t.Parallel()
	code := `
const beforeTransaction = async () => {
  const order = [];
  setTimeout(() => order.push('b'), 20);
  setTimeout((x, y) => order.push(x + y), 10, 'a', '!');
  const cancelled = setTimeout(() => order.push('never'), 5);
  clearTimeout(cancelled);
  queueMicrotask(() => order.push('micro'));
  let ticks = 0;
  await new Promise((resolve) => {
    const id = setInterval(() => { if (++ticks === 3) { clearInterval(id); resolve(); } }, 2);
  });
  await new Promise((resolve) => setTimeout(resolve, 30)); // after 'b' (20ms), whatever the load
  console.log(order.join(' '), ticks);
  return true;
};
`
	got := summarize(simulate(t, code, nil, bakery(), fast))
	if diff := cmp.Diff([]string{"info: micro a! b 3"}, got[0].Logs); diff != "" || got[0].Error != "" {
		t.Errorf("timers (-want +got):\n%s\nerror %q", diff, got[0].Error)
	}
	// An error thrown in a timer callback fails the run.
	got = summarize(simulate(t, "const beforeTransaction = () => new Promise(() => setTimeout(() => {\n  throw new Error('in timer');\n}, 1));", nil, bakery(), fast))
	if want := "Error: in timer (main.js:2:9)" + declinedSuffix; got[0].Error != want {
		t.Errorf("timer error: %q, want %q", got[0].Error, want)
	}
}

func TestDateFollowsTheClock(t *testing.T) {
	t.Parallel()
	code := `const beforeTransaction = () => { console.log(new Date().toISOString(), Date.now()); return true; };`
	got := summarize(simulate(t, code, nil, bakery(), fast))
	want := fmt.Sprintf("info: 2026-03-04T10:30:00.000Z %d", fixedNow.UnixMilli())
	if diff := cmp.Diff([]string{want}, got[0].Logs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestExecutionMetadata(t *testing.T) {
	t.Parallel()
	clock := fixedNow
	opts := fast
	opts.Now = func() time.Time { clock = clock.Add(time.Millisecond); return clock }
	code := `const beforeTransaction = () => { console.log('b'); return true; }; const afterTransaction = () => {};`
	execs := simulate(t, code, nil, bakery(), opts)
	if len(execs) != 2 {
		t.Fatalf("got %d executions", len(execs))
	}
	uuid := regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)
	for _, e := range execs {
		if !uuid.MatchString(e.ID) {
			t.Errorf("ID %q is not an upper-case UUID", e.ID)
		}
		if !e.Sandbox {
			t.Error("a simulation is not marked sandbox")
		}
		if !e.CompletedAt.After(e.StartedAt) {
			t.Errorf("completed %v not after started %v", e.CompletedAt, e.StartedAt)
		}
	}
	if execs[0].ID == execs[1].ID {
		t.Error("executions share an ID")
	}
	if !execs[1].StartedAt.After(execs[0].CompletedAt) {
		t.Error("afterTransaction started before beforeTransaction completed")
	}
	if l := execs[0].Logs[0].CreatedAt; !l.After(execs[0].StartedAt) || !l.Before(execs[0].CompletedAt) {
		t.Errorf("log time %v outside its execution", l)
	}
	if execs[1].Approved != nil {
		t.Error("after_transaction has an approval")
	}

	real := bakery()
	real.Reference = "card swipe"
	if execs := simulate(t, code, nil, real, fast); execs[0].Sandbox {
		t.Error("a non-simulation is marked sandbox")
	}
}

func TestContextCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	code := `const beforeTransaction = async () => { while (true) {} }; const afterDecline = () => {};`
	execs, err := Simulate(ctx, code, nil, bakery(), Options{})
	took := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// Well before the 2 s limit, so it was the cancel that stopped it (loose, for busy machines).
	if took > 1800*time.Millisecond {
		t.Errorf("took %v after a cancel at 100ms", took)
	}
	if len(execs) != 1 || Approved(execs) || !strings.HasPrefix(execs[0].Error, "cancelled: context canceled") {
		t.Errorf("got %+v, want the interrupted before_transaction, declined", summarize(execs))
	}

	// Cancelled before it starts: nothing runs.
	execs, err = Simulate(ctx, `const beforeTransaction = () => { console.log('ran'); return true; };`, nil, bakery(), fast)
	if !errors.Is(err, context.Canceled) || len(execs) != 1 || Approved(execs) || len(execs[0].Logs) != 0 {
		t.Errorf("already cancelled: err %v, %+v", err, summarize(execs))
	}

	// A deadline on the context works the same way.
	dctx, dcancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer dcancel()
	_, err = Simulate(dctx, `const beforeTransaction = () => new Promise(() => {});`, nil, bakery(), Options{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: err = %v", err)
	}
}

func TestRunHook(t *testing.T) {
	t.Parallel()
	code := `const afterReversal = async (t) => console.log('reversed', t.centsAmount);`
	e, found, err := RunHook(context.Background(), code, nil, AfterReversal, bakery(), fast)
	if err != nil || !found || e.Type != TypeAfterReversal || e.Error != "" || len(e.Logs) != 1 || e.Logs[0].Content != "reversed 10000" {
		t.Errorf("afterReversal: found %v err %v %+v", found, err, e)
	}
	if _, found, err := RunHook(context.Background(), code, nil, AfterAdjustment, bakery(), fast); found || err != nil {
		t.Errorf("undefined afterAdjustment: found %v err %v", found, err)
	}
	if _, _, err := RunHook(context.Background(), code, nil, Hook("sideways"), bakery(), fast); err == nil {
		t.Error("unknown hook accepted")
	}
	e, found, _ = RunHook(context.Background(), "const afterDecline = (;", nil, AfterDecline, bakery(), fast)
	if !found || e.Type != TypeAfterDecline || !strings.HasPrefix(e.Error, "SyntaxError") || e.Approved != nil {
		t.Errorf("syntax error in RunHook: found %v %+v", found, e)
	}
}

func TestAllocationCaps(t *testing.T) {
	t.Parallel()
	for _, expr := range []string{
		"'x'.repeat(2 ** 30)",
		"'x'.padStart(2 ** 30)",
		"'x'.padEnd(2 ** 30, 'y')",
		"new Array(2 ** 31).join('x')",
		"new Array(2 ** 31).fill(0)",
		"Array.from({ length: 2 ** 31 })",
		"new ArrayBuffer(2 ** 31)",
		"new Uint8Array(2 ** 31)",
		"new Float64Array(2 ** 28)",
		"new Int32Array({ length: 2 ** 30 })",
	} {
		t.Run(expr, func(t *testing.T) {
			t.Parallel()
			code := fmt.Sprintf("const beforeTransaction = () => { %s; return true; };", expr)
			// Without the cap this would allocate gigabytes (memory guard) or
			// run for seconds (time limit); the cap's RangeError comes first.
			execs := simulate(t, code, nil, bakery(), fast)
			if len(execs) != 1 || !strings.HasPrefix(execs[0].Error, "RangeError: ") || !strings.Contains(execs[0].Error, "too large for the card code emulator") {
				t.Errorf("got %+v, want a RangeError from the cap", summarize(execs))
			}
		})
	}
	// Ordinary sizes still work, and the wrapped built-ins behave as before.
	code := `const beforeTransaction = () => {
  const ok = 'ab'.repeat(3) === 'ababab' && '5'.padStart(3, '0') === '005' && [1, 2].join('-') === '1-2'
    && new Array(3).fill(7).join('') === '777' && Array.from('abc').length === 3
    && new Uint8Array([1, 2, 3]).length === 3 && new ArrayBuffer(8).byteLength === 8
    && new Uint8Array(4) instanceof Uint8Array && String.prototype.repeat.name === 'repeat'
    && String.prototype.padStart.length === 1 && Array.from({ length: 2 }, (_, i) => i * 2)[1] === 2
    && new Float64Array(new ArrayBuffer(16)).length === 2 && Uint8Array.BYTES_PER_ELEMENT === 1
    && Uint8Array.from([1, 2]).length === 2 && new (class Bytes extends Uint8Array {})(2) instanceof Uint8Array
    && Uint8Array.name === 'Uint8Array';
  return ok;
};`
	if execs := simulate(t, code, nil, bakery(), fast); !Approved(execs) || execs[0].Error != "" {
		t.Errorf("ordinary use of the capped built-ins: %+v", summarize(execs))
	}
}

// TestUninterruptibleBuiltinIsAbandoned is not parallel: it waits for the
// abandoned goroutine so the CPU it burns does not slow other tests.
func TestUninterruptibleBuiltinIsAbandoned(t *testing.T) {
	// indexOf over 20 million holes runs natively for about a second and
	// cannot be interrupted; the run is abandoned at the limit instead.
	prg, err := compile(`const beforeTransaction = () => { new Array(2e7).indexOf(1); console.log('finished'); return true; };`)
	if err != nil {
		t.Fatal(err)
	}
	opts := fast.withDefaults()
	opts.BeforeTimeout = 100 * time.Millisecond
	start := time.Now()
	ex, out, exited, err := runTracked(context.Background(), prg, BeforeTransaction, nil, bakery(), opts)
	returned := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if !out.stopped || *ex.Approved || !strings.Contains(ex.Error, "timed out") || len(ex.Logs) != 0 {
		t.Errorf("got %+v, want a declined timeout with no logs", ex)
	}
	select {
	case <-exited:
		t.Fatalf("the run's goroutine finished within %v: the built-in was not slow enough to test abandonment", returned)
	default:
	}
	select {
	case <-exited:
	case <-time.After(time.Minute):
		t.Fatal("the abandoned goroutine never finished")
	}
	finished := time.Since(start)
	if returned > 100*time.Millisecond+interruptGrace+300*time.Millisecond || finished <= returned {
		t.Errorf("run returned after %v and its goroutine finished after %v; want a return at the limit plus grace, well before", returned, finished)
	}
	if l := len(ex.Logs); l != 0 {
		t.Errorf("the abandoned run's late console.log reached the execution (%d lines)", l)
	}
}

// TestMemoryGuard is not parallel: the guard watches the whole process's
// heap, and a bomb must not interrupt other tests.
func TestMemoryGuard(t *testing.T) {
	opts := fast
	opts.BeforeTimeout = 20 * time.Second // the guard, not the clock, must stop it
	opts.MaxMemory = 32 << 20
	code := `const beforeTransaction = () => { let s = 'x'; for (;;) s += s; };`
	start := time.Now()
	execs := simulate(t, code, nil, bakery(), opts)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v", took)
	}
	if len(execs) != 1 || Approved(execs) || !strings.Contains(execs[0].Error, "memory grew by more than 32 MiB") {
		t.Errorf("got %+v, want a declined run stopped by the memory guard", summarize(execs))
	}
}

func TestConcurrentSimulations(t *testing.T) {
	t.Parallel()
	code := `const beforeTransaction = async (a) => {
  await new Promise((r) => setTimeout(r, 5));
  console.log(process.env.n, a.centsAmount);
  return a.centsAmount % 2 === 0;
};
const afterDecline = (t) => console.log('odd', t.centsAmount);`
	const n = 16
	errs := make(chan error, n)
	for i := range n {
		go func() {
			tx := bakery()
			tx.CentsAmount = domain.Money(100 + i)
			execs, err := Simulate(context.Background(), code, map[string]string{"n": fmt.Sprint(i)}, tx, fast)
			switch {
			case err != nil:
				errs <- err
			case execs[0].Logs[0].Content != fmt.Sprintf("%d %d", i, 100+i):
				errs <- fmt.Errorf("run %d logged %q", i, execs[0].Logs[0].Content)
			case Approved(execs) != (i%2 == 0):
				errs <- fmt.Errorf("run %d approved %v", i, Approved(execs))
			default:
				errs <- nil
			}
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
