/**
 * Short money labels for chart axes, computed from integer cents with
 * BigInt (no float arithmetic): R 12,3k, R 1,5m, -R 800.
 */

/** compactRand formats cents as rand with at most one decimal and a k/m/bn suffix. */
export function compactRand(cents: number): string {
  const c = BigInt(Math.trunc(cents));
  const negative = c < 0n;
  const abs = negative ? -c : c;
  const rands = abs / 100n;
  const steps: [bigint, string][] = [
    [1_000_000_000n, 'bn'],
    [1_000_000n, 'm'],
    [1_000n, 'k'],
  ];
  let text = rands.toString();
  for (const [unit, suffix] of steps) {
    if (rands >= unit) {
      // Tenths of the unit, rounded half up.
      const tenths = (rands * 10n + unit / 2n) / unit;
      const whole = tenths / 10n;
      const frac = tenths % 10n;
      text = `${whole.toString()}${frac === 0n ? '' : `,${frac.toString()}`}${suffix}`;
      break;
    }
  }
  return `${negative ? '-' : ''}R ${text}`;
}
