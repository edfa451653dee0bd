// Package cardcode is an offline emulator for Investec programmable-card code.
//
// Investec runs a card's JavaScript on every card transaction:
// beforeTransaction(authorization) decides, within about 2 seconds, whether
// the authorization is approved (true) or declined (false); afterTransaction
// runs after an approved one (15 second limit) and afterDecline after a
// declined one. afterReversal and afterAdjustment exist too.
//
// This package runs the same code in pure Go on github.com/dop251/goja, with
// no network and no file access, and reports what happened as Executions that
// map one to one onto the execution items of Investec's
// POST /za/v1/cards/{cardKey}/code/execute (see Execution.Item). The app uses
// it to try card code offline, and the built-in sandbox uses it to serve that
// endpoint. The package also holds the reference data Investec serves under
// /za/v1/cards/merchants, /countries and /currencies, and a set of starter
// templates.
//
// # The JavaScript environment
//
// Each hook runs in a fresh JavaScript runtime: the code is loaded (its top
// level runs), the hook is looked up by name (const, let, var and function
// declarations all work; async or not) and called with the authorization
// object. If it returns a Promise, promise jobs and timers run until it
// settles or the hook's time limit passes. Nothing is shared between hooks or
// between runs.
//
// The globals are those of ECMAScript (goja implements ES2015 and much of
// later editions, including async/await) plus:
//
//   - console.log, info, debug (level info), warn (warn) and error (error).
//     Each call becomes one LogLine; strings are written as they are,
//     objects as JSON (as Investec's own logs show them), errors as their
//     stack, and several arguments are joined by spaces. Format directives
//     such as %s are not interpreted.
//   - process.env: the card's environment variables, all strings, frozen.
//   - setTimeout, clearTimeout, setInterval, clearInterval and
//     queueMicrotask. Timers run on the real clock and only while the hook's
//     promise is pending; they cannot extend the hook's time limit.
//   - fetch exists but always returns a rejected promise ("fetch is not
//     available in the offline emulator"), so code that handles network
//     failure can be exercised. require throws a similar error. There is no
//     XMLHttpRequest, WebSocket, module loader, process.exit or any other way
//     out of the runtime; import statements are syntax errors.
//
// Date follows Options.Now, so tests and simulations can fix the clock; its
// local-time methods use the machine's time zone, so portable card code uses
// the UTC methods (Investec's card code runs on servers whose zone is not
// documented).
//
// # Failing closed
//
// beforeTransaction approves only when it returns (or resolves to) exactly
// true. A false result declines. Anything else declines too and is reported
// in Execution.Error: a thrown error or rejected promise, a syntax error,
// code that fails while loading, a result that is not a boolean, running
// past the time limit (the runtime is interrupted), exceeding the memory
// guard, or cancellation of the context.
//
// # Limits
//
// Every hook has a hard time limit (Options.BeforeTimeout, 2 s by default;
// Options.AfterTimeout, 15 s). An infinite loop or a promise that never
// settles is interrupted at the limit. The call stack is capped (deep
// recursion becomes a RangeError), the log is capped (Options.MaxLogLines,
// 8 KiB per line), and a memory guard interrupts the run when the Go heap
// grows by more than Options.MaxMemory while it runs. The guard samples the
// process-wide heap, so it is approximate, and a single built-in call that
// allocates a huge amount at once cannot be stopped half way: to make that
// hard, the emulator caps String.prototype.repeat, padStart, padEnd,
// Array.prototype.join and fill, Array.from and the ArrayBuffer and typed
// array constructors at 16 Mi elements (64 MiB for buffers) and throws a
// RangeError beyond that. When an interrupted run does not unwind within a
// short grace period (it is inside such a built-in), the emulator stops
// waiting and reports the interruption; the abandoned goroutine finishes the
// built-in on its own and everything it does afterwards is discarded. For
// the same reason the package bounds regexp2's match time (the engine goja
// uses for backtracking regular expressions) process-wide to 15 s, unless
// something else already set regexp2.DefaultMatchTimeout.
package cardcode
