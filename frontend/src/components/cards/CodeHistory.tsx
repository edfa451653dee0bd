import type {CodeVersion} from '../../lib/cardcode';
import {shortId} from '../../lib/cardcode';
import {formatDateTime} from '../../lib/format';

/** CodeHistoryProps are the props of CodeHistory. */
export interface CodeHistoryProps {
  versions: readonly CodeVersion[];
  /** onRestore puts a version's code into the editor (it still needs saving). */
  onRestore: (v: CodeVersion) => void;
  /** The saved code's ID, to mark the current version. */
  savedId?: string;
  publishedId?: string;
}

/**
 * CodeHistory lists every version of the card's code saved or published
 * (kept on this computer), newest first, each restorable into the editor.
 */
export function CodeHistory({versions, onRestore, savedId, publishedId}: CodeHistoryProps) {
  if (versions.length === 0) {
    return <p className="muted">No versions recorded yet.</p>;
  }
  return (
    <ol className="cc-history" data-testid="code-history">
      {versions.map((v) => {
        const current = (v.kind === 'saved' && v.codeId === savedId) || (v.kind === 'published' && v.codeId === publishedId);
        return (
          <li key={v.id} className="cc-history__item" data-testid="history-item" data-kind={v.kind}>
            <span className={`badge ${v.kind === 'published' ? 'badge--accent' : 'badge--muted'}`}>
              {v.kind === 'published' ? 'Published' : 'Saved'}
            </span>
            <span className="cc-history__when">{formatDateTime(v.at)}</span>
            <span className="muted cc-mono" title={`Version ${v.codeId}, SHA-256 ${v.sha256}`}>
              {shortId(v.codeId)} · sha256 {v.sha256.slice(0, 8)}
            </span>
            {current ? <span className="muted">current</span> : null}
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                onRestore(v);
              }}
              data-testid="history-restore"
            >
              Restore<span className="visually-hidden"> the {v.kind} version of {formatDateTime(v.at)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
