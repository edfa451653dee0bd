// The emulator's prelude. It runs in every fresh runtime before the card's
// code and evaluates to a function that receives the Go host object and
// returns the helpers the Go side calls. Everything it needs is captured here,
// before card code runs, so card code that replaces a global cannot confuse
// the emulator (it can only confuse itself).
(function (host) {
  'use strict';

  const G = globalThis;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const StringCtor = String;
  const NumberCtor = Number;
  const PromiseCtor = Promise;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const setPrototypeOf = Object.setPrototypeOf;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const ArrayBufferCtor = ArrayBuffer;
  const symbolToString = Symbol.prototype.toString;
  const regexpExec = RegExp.prototype.exec;
  const stringReplace = String.prototype.replace;
  const stringTrimEnd = String.prototype.trimEnd;
  const arrayMap = Array.prototype.map;
  const arrayJoin = Array.prototype.join;

  const define = (obj, name, value) =>
    defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

  // --- console -------------------------------------------------------------

  const location = /main\.js:(\d+):(\d+)/;
  const goPC = /(main\.js:\d+:\d+)\(\d+\)/g;

  // format turns one console argument into text the way Investec's logs
  // show it: strings as they are, objects as JSON, errors as their stack.
  function format(v) {
    try {
      switch (typeof v) {
        case 'string':
          return v;
        case 'undefined':
          return 'undefined';
        case 'function':
          return '[Function: ' + (v.name || '(anonymous)') + ']';
        case 'bigint':
          return StringCtor(v) + 'n';
        case 'symbol':
          return apply(symbolToString, v, []);
        case 'object': {
          if (v === null) return 'null';
          if (v instanceof ErrorCtor) {
            const stack = v.stack;
            if (typeof stack === 'string' && stack !== '') {
              return apply(stringTrimEnd, apply(stringReplace, stack, [goPC, '$1']), []);
            }
            return StringCtor(v);
          }
          try {
            const s = stringify(v);
            if (typeof s === 'string') return s;
          } catch (e) {
            // Circular or holding a BigInt: fall back to String below.
          }
          return StringCtor(v);
        }
        default:
          return StringCtor(v);
      }
    } catch (e) {
      return '[unprintable value]';
    }
  }

  const emit = (level) =>
    function () {
      host.log(level, apply(arrayJoin, apply(arrayMap, arguments, [format]), [' ']));
    };
  const console = {};
  define(console, 'log', emit('info'));
  define(console, 'info', emit('info'));
  define(console, 'debug', emit('info'));
  define(console, 'trace', emit('info'));
  define(console, 'warn', emit('warn'));
  define(console, 'error', emit('error'));
  define(G, 'console', console);

  // --- process.env ---------------------------------------------------------

  const env = freeze(parse(host.env));
  defineProperty(G, 'process', {
    value: freeze({ env }),
    writable: false,
    configurable: false,
    enumerable: false,
  });

  // --- no way out -----------------------------------------------------------

  define(G, 'fetch', function fetch() {
    return PromiseCtor.reject(
      new ErrorCtor('fetch is not available in the offline emulator: card code has no network access here'),
    );
  });
  define(G, 'require', function require(name) {
    throw new ErrorCtor(
      'require is not available in the offline emulator: card code cannot load modules (require(' +
        stringify(StringCtor(name)) +
        '))',
    );
  });

  // --- timers --------------------------------------------------------------

  const timer = (name, repeat) =>
    ({
      [name](callback, delay, ...args) {
        if (typeof callback !== 'function') {
          throw new TypeErrorCtor(name + ': the callback must be a function');
        }
        const id = host.setTimer(() => apply(callback, undefined, args), NumberCtor(delay) || 0, repeat);
        if (id < 0) throw new RangeErrorCtor(name + ': too many pending timers');
        return id;
      },
    })[name];
  define(G, 'setTimeout', timer('setTimeout', false));
  define(G, 'setInterval', timer('setInterval', true));
  define(G, 'clearTimeout', function clearTimeout(id) {
    host.clearTimer(NumberCtor(id) || 0);
  });
  define(G, 'clearInterval', function clearInterval(id) {
    host.clearTimer(NumberCtor(id) || 0);
  });
  define(G, 'queueMicrotask', function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor('queueMicrotask: the callback must be a function');
    }
    PromiseCtor.resolve().then(() => callback());
  });

  // --- caps on built-ins that allocate a lot in one uninterruptible call ----

  const maxLength = host.maxLength; // elements or UTF-16 code units
  const maxBytes = host.maxBytes;
  const tooBig = (what) =>
    new RangeErrorCtor(what + ' is too large for the card code emulator (limit ' + maxLength + ')');
  const lengthOf = (v) => (v === null || v === undefined ? 0 : NumberCtor(v.length) || 0);

  const guard = (obj, name, check) => {
    const original = obj[name];
    const wrapped = {
      [name](...args) {
        check(this, args);
        return apply(original, this, args);
      },
    }[name];
    defineProperty(wrapped, 'length', { value: original.length, configurable: true });
    define(obj, name, wrapped);
  };
  guard(String.prototype, 'repeat', (self, args) => {
    if (lengthOf(StringCtor(self)) * (NumberCtor(args[0]) || 0) > maxLength) throw tooBig('String.prototype.repeat result');
  });
  for (const name of ['padStart', 'padEnd']) {
    guard(String.prototype, name, (self, args) => {
      if ((NumberCtor(args[0]) || 0) > maxLength) throw tooBig('String.prototype.' + name + ' result');
    });
  }
  for (const name of ['join', 'fill']) {
    guard(Array.prototype, name, (self) => {
      if (lengthOf(self) > maxLength) throw tooBig('Array.prototype.' + name + ' on an array whose length');
    });
  }
  guard(Array, 'from', (self, args) => {
    if (lengthOf(args[0]) > maxLength) throw tooBig('Array.from source length');
  });

  // A function that stands in for a constructor: same prototype (so
  // instanceof works), inherits the statics, checks the size, then builds
  // the real thing.
  const capConstructor = (name, bytesPerElement) => {
    const original = G[name];
    const capped = function (...args) {
      if (new.target === undefined) throw new TypeErrorCtor('Constructor ' + name + " requires 'new'");
      const first = args[0];
      let count = 0;
      if (typeof first === 'number') {
        count = first;
      } else if (typeof first === 'object' && first !== null && !(first instanceof ArrayBufferCtor)) {
        count = lengthOf(first);
      }
      if (count * bytesPerElement > maxBytes) throw tooBig(name + ' size');
      return construct(original, args, new.target === capped ? original : new.target);
    };
    defineProperty(capped, 'name', { value: name, configurable: true });
    defineProperty(capped, 'prototype', { value: original.prototype, writable: false, configurable: false, enumerable: false });
    defineProperty(capped, 'length', { value: original.length, configurable: true });
    setPrototypeOf(capped, original);
    define(G, name, capped);
  };
  capConstructor('ArrayBuffer', 1);
  for (const name of [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
    'BigInt64Array',
    'BigUint64Array',
  ]) {
    capConstructor(name, G[name].BYTES_PER_ELEMENT);
  }

  // --- helpers for the Go side ---------------------------------------------

  return freeze({
    format,
    parse: (text) => parse(text),
    resolve: (v) => PromiseCtor.resolve(v),
    // describe turns a thrown value into one line: "TypeError: message
    // (main.js:3:9)" for errors, "Uncaught <value>" for anything else.
    describe(v) {
      try {
        if (v instanceof ErrorCtor) {
          let text = StringCtor(v);
          const m = apply(regexpExec, location, [typeof v.stack === 'string' ? v.stack : '']);
          if (m) text += ' (main.js:' + m[1] + ':' + m[2] + ')';
          return text;
        }
        return 'Uncaught ' + format(v);
      } catch (e) {
        return 'Uncaught exception (it could not be described)';
      }
    },
  });
});
