import {useId, useRef, type ReactNode} from 'react';

import {useModalFocus} from '../../hooks/useModalFocus';

/** ConfirmDialogProps are the props of ConfirmDialog. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** While busy the buttons are disabled and the confirm button says so. */
  busy?: boolean;
  /** A problem to show above the buttons (announced). */
  error?: string;
  /** Disable confirming (e.g. nothing to do). */
  confirmDisabled?: boolean;
  testId?: string;
  /** Wide dialogs hold a side-by-side diff. */
  wide?: boolean;
}

/**
 * ConfirmDialog asks the person to confirm a change before it is sent to the
 * bank. It is modal: focus moves into it, Tab stays inside, Escape cancels,
 * and focus returns where it was when it closes. Nothing happens until the
 * confirm button is pressed.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  error,
  confirmDisabled = false,
  testId,
  wide = false,
}: ConfirmDialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useModalFocus(ref, busy, onCancel);

  return (
    <div className="cc-dialog-backdrop">
      <div
        ref={ref}
        className={`cc-dialog${wide ? ' cc-dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        <h2 id={titleId} className="cc-dialog__title">
          {title}
        </h2>
        <div className="cc-dialog__body">{children}</div>
        {error ? (
          <p className="notice notice--danger cc-alert" role="alert" data-testid="dialog-error">
            {error}
          </p>
        ) : null}
        <div className="cc-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={onConfirm}
            disabled={busy || confirmDisabled}
            data-testid="dialog-confirm"
          >
            {busy ? 'Sending…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
