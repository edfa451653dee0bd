/** ProgressBarProps are the props of ProgressBar. */
export interface ProgressBarProps {
  /** From 0 to 1; undefined while the amount is unknown. */
  fraction: number | undefined;
  label: string;
  testId?: string;
}

/** ProgressBar is an accessible progress bar (role="progressbar"). */
export function ProgressBar({fraction, label, testId}: ProgressBarProps) {
  const pct = fraction === undefined ? undefined : Math.round(Math.min(Math.max(fraction, 0), 1) * 100);
  return (
    <div
      className="sx-bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      data-testid={testId}
    >
      <div className="sx-bar__fill" style={{width: `${pct ?? 5}%`}} />
    </div>
  );
}
