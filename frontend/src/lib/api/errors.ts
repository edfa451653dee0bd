import {domain} from '../../../wailsjs/go/models';

/**
 * ErrorCode is what a failed call is about: one of the backend's
 * domain.Code values, or `bridge_unavailable` when the page runs without the
 * Go backend (plain `vite`, Vitest, a browser pointed at the wrong URL).
 */
export type ErrorCode = `${domain.Code}` | 'bridge_unavailable';

/** Codes, as a value, for comparisons in views (`e.code === Codes.Invalid`). */
export const Codes = {
  ...domain.Code,
  BridgeUnavailable: 'bridge_unavailable',
} as const;

/** FieldProblem is one problem with one input field of a form. */
export interface FieldProblem {
  field: string;
  message: string;
}

const knownCodes: ReadonlySet<string> = new Set<string>([...Object.values(domain.Code), 'bridge_unavailable']);

/**
 * AppError is the only error type the API gateway throws. It mirrors the Go
 * side's domain.ErrorPayload: a code, a message that is safe to show a
 * person, and, for invalid input, the problem with each field.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly fields: readonly FieldProblem[];

  constructor(code: ErrorCode, message: string, fields: readonly FieldProblem[] = []) {
    super(message);
    this.code = code;
    this.fields = fields;
  }

  /**
   * fieldErrors returns the field problems keyed by field name (the first
   * problem per field), for a form to show beside each input.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) {
      out[f.field] ??= f.message;
    }
    return out;
  }

  /**
   * from turns whatever a rejected Wails call produced into an AppError.
   *
   * The Go ErrorFormatter sends {code, message, fields?}. Depending on the
   * Wails runtime that arrives as that object, as a JSON string, or as an
   * Error whose message is that JSON string (Wails v2.16.0 wraps every
   * non-Error rejection in `new Error(...)`). Anything else (a timeout, an
   * unregistered method, a thrown TypeError) becomes `internal` with its text.
   */
  static from(e: unknown): AppError {
    if (e instanceof AppError) {
      return e;
    }
    const payload = asPayload(e);
    if (payload) {
      return payload;
    }
    if (e instanceof Error) {
      return asPayload(e.message) ?? new AppError('internal', e.message || 'Something went wrong.');
    }
    if (typeof e === 'string') {
      return new AppError('internal', e || 'Something went wrong.');
    }
    return new AppError('internal', 'Something went wrong.');
  }
}

/** isAppError reports whether e is an AppError, optionally with the given code. */
export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}

function asPayload(v: unknown): AppError | undefined {
  if (typeof v === 'string') {
    const s = v.trim();
    if (!s.startsWith('{')) {
      return undefined;
    }
    try {
      return asPayload(JSON.parse(s) as unknown);
    } catch {
      return undefined;
    }
  }
  if (typeof v !== 'object' || v === null || v instanceof Error) {
    return undefined;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.code !== 'string' || typeof o.message !== 'string') {
    return undefined;
  }
  const code: ErrorCode = knownCodes.has(o.code) ? (o.code as ErrorCode) : 'internal';
  const fields: FieldProblem[] = [];
  if (Array.isArray(o.fields)) {
    for (const f of o.fields as unknown[]) {
      if (typeof f === 'object' && f !== null) {
        const {field, message} = f as Record<string, unknown>;
        if (typeof field === 'string' && typeof message === 'string') {
          fields.push({field, message});
        }
      }
    }
  }
  return new AppError(code, o.message, fields);
}
