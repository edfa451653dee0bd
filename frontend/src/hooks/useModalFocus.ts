import {useEffect, type RefObject} from 'react';

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * useModalFocus gives the dialog in ref what a modal owes the keyboard:
 * focus moves to its [data-autofocus] element (the safe choice) when it
 * opens and returns where it was when it closes, Tab and Shift+Tab stay
 * inside it, and Escape calls onCancel unless busy.
 */
export function useModalFocus(ref: RefObject<HTMLElement | null>, busy: boolean, onCancel: () => void): void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      before?.focus();
    };
  }, [ref]);

  useEffect(() => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) {
        e.stopPropagation();
        onCancel();
        return;
      }
      if (e.key !== 'Tab') {
        return;
      }
      const items = Array.from(el.querySelectorAll<HTMLElement>(focusable));
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        return;
      }
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    el.addEventListener('keydown', onKeyDown);
    return () => {
      el.removeEventListener('keydown', onKeyDown);
    };
  }, [ref, busy, onCancel]);
}
