/**
 * problemsOf reads a failed call's problems for a form: each field's message
 * under its name, and the general message under "" when no field is named.
 * It reads the AppError shape ({message, fields}) structurally, so
 * presentational components need not import the API gateway.
 */
export function problemsOf(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof e !== 'object' || e === null) {
    out[''] = 'Something went wrong.';
    return out;
  }
  const {message, fields} = e as {message?: unknown; fields?: unknown};
  if (Array.isArray(fields)) {
    for (const f of fields as unknown[]) {
      if (typeof f === 'object' && f !== null) {
        const {field, message: m} = f as {field?: unknown; message?: unknown};
        if (typeof field === 'string' && typeof m === 'string') {
          out[field] ??= m;
        }
      }
    }
  }
  if (Object.keys(out).length === 0) {
    out[''] = typeof message === 'string' && message !== '' ? message : 'Something went wrong.';
  }
  return out;
}
