/**
 * Keyboard handling of the transaction table, as pure functions: which row
 * a key selects, and whether a key press belongs to a text field (so "/"
 * types a slash there instead of jumping to the search box).
 */

/**
 * moveSelection returns the row a navigation key selects, from current
 * (undefined: none yet) in a list of count rows with pageRows rows visible
 * at once, or undefined when the key does not move the selection.
 * ArrowDown/ArrowUp move one row, PageDown/PageUp a screenful, Home/End to
 * the first/last row; the selection stays inside the list.
 */
export function moveSelection(current: number | undefined, key: string, count: number, pageRows: number): number | undefined {
  if (count <= 0) {
    return undefined;
  }
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  const page = Math.max(1, pageRows - 1);
  switch (key) {
    case 'ArrowDown':
      return current === undefined ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current === undefined ? 0 : clamp(current - 1);
    case 'PageDown':
      return clamp((current ?? 0) + page);
    case 'PageUp':
      return clamp((current ?? 0) - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

/** EventTargetLike is the part of an event target isTextEntry looks at. */
export interface EventTargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const nonTextInputs = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** isTextEntry reports whether typing into target enters text (inputs, text areas, selects, editable content). */
export function isTextEntry(target: EventTargetLike | null | undefined): boolean {
  if (!target) {
    return false;
  }
  if (target.isContentEditable) {
    return true;
  }
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') {
    return true;
  }
  return tag === 'INPUT' && !nonTextInputs.has((target.type ?? 'text').toLowerCase());
}

/**
 * isSearchShortcut reports whether a key press should move the focus to the
 * search box: "/" without modifiers, outside text fields.
 */
export function isSearchShortcut(e: {key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTargetLike | null | undefined}): boolean {
  return e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextEntry(e.target);
}
