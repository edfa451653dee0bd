import {javascript} from '@codemirror/lang-javascript';
import {MergeView} from '@codemirror/merge';
import {EditorState} from '@codemirror/state';
import {EditorView} from '@codemirror/view';
import {useEffect, useRef} from 'react';

/** CodeDiffProps are the props of CodeDiff. */
export interface CodeDiffProps {
  /** The old text (left), e.g. the published code. */
  before: string;
  /** The new text (right), e.g. the saved code or the editor's text. */
  after: string;
  beforeLabel: string;
  afterLabel: string;
  testId?: string;
}

/**
 * CodeDiff shows two versions of card code side by side with the changed
 * lines marked (CodeMirror's merge view, read-only), plus a plain count of
 * changed lines for screen readers.
 */
export function CodeDiff({before, after, beforeLabel, afterLabel, testId = 'code-diff'}: CodeDiffProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const parent = host.current;
    if (!parent) {
      return;
    }
    const readOnly = [javascript(), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping];
    const view = new MergeView({
      a: {doc: before, extensions: readOnly},
      b: {doc: after, extensions: readOnly},
      parent,
      collapseUnchanged: {margin: 3, minSize: 6},
      gutter: true,
    });
    return () => {
      view.destroy();
    };
  }, [before, after]);

  const same = before === after;
  return (
    <figure className="cc-diff" data-testid={testId}>
      <div className="cc-diff__labels" aria-hidden="true">
        <span>{beforeLabel}</span>
        <span>{afterLabel}</span>
      </div>
      <figcaption className="visually-hidden">
        {beforeLabel} compared with {afterLabel}
      </figcaption>
      <p className="muted" data-testid="diff-summary">
        {same ? 'No differences.' : diffSummary(before, after)}
      </p>
      <div ref={host} className="cc-diff__view" />
    </figure>
  );
}

/** diffSummary counts lines only on one side, e.g. "2 lines removed, 3 added". */
export function diffSummary(before: string, after: string): string {
  const count = (a: string[], b: string[]) => {
    const rest = new Map<string, number>();
    for (const l of b) {
      rest.set(l, (rest.get(l) ?? 0) + 1);
    }
    let n = 0;
    for (const l of a) {
      const k = rest.get(l) ?? 0;
      if (k > 0) {
        rest.set(l, k - 1);
      } else {
        n++;
      }
    }
    return n;
  };
  const a = before.split('\n');
  const b = after.split('\n');
  const removed = count(a, b);
  const added = count(b, a);
  const plural = (n: number) => (n === 1 ? 'line' : 'lines');
  return `${removed} ${plural(removed)} removed, ${added} ${plural(added)} added.`;
}
