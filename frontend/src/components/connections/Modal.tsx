import {useId, useRef, type ReactNode} from 'react';

import {useModalFocus} from '../../hooks/useModalFocus';

/** ModalProps are the props of Modal. */
export interface ModalProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The label while the confirmed action runs, e.g. "Removing…". */
  busyLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** A problem to show above the buttons (announced). */
  error?: ReactNode;
  /** Draw the confirm button as dangerous (removing, resetting). */
  danger?: boolean;
  testId?: string;
}

/**
 * Modal asks the person to confirm something that cannot be undone. Focus
 * moves to Cancel (the safe choice), Tab stays inside, Escape cancels, and
 * focus returns where it was when it closes.
 */
export function Modal({title, children, confirmLabel, busyLabel, onConfirm, onCancel, busy = false, error, danger = false, testId}: ModalProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useModalFocus(ref, busy, onCancel);

  return (
    <div className="cn-backdrop">
      <div ref={ref} className="cn-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <h2 id={titleId} className="cn-dialog__title">
          {title}
        </h2>
        <div className="cn-dialog__body">{children}</div>
        {error ? (
          <div className="cn-dialog__error" data-testid="dialog-error">
            {error}
          </div>
        ) : null}
        <div className="row row--end">
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy} data-autofocus data-testid="dialog-cancel">
            Cancel
          </button>
          <button
            type="button"
            className={`button ${danger ? 'cn-button--danger' : 'button--primary'}`}
            onClick={onConfirm}
            disabled={busy}
            data-testid="dialog-confirm"
          >
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
