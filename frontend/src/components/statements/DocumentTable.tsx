import {formatDate} from '../../lib/format';
import {formatBytes, type DocumentEntry, type DocumentKey} from '../../lib/statements';

/** DocumentRowState is what is happening to one document. */
export interface DocumentRowState {
  busy?: 'download' | 'open';
  error?: string;
}

/** DocumentTableProps are the props of DocumentTable. */
export interface DocumentTableProps {
  documents: readonly DocumentEntry[];
  /** Row states by document key (accountId|documentType|documentDate). */
  rows: Readonly<Record<string, DocumentRowState>>;
  /** Investec cannot be reached: only downloaded documents can be opened. */
  offline: boolean;
  /** Another download (all of the period) is running. */
  busy: boolean;
  onDownload: (k: DocumentKey) => void;
  onOpen: (k: DocumentKey) => void;
}

function rowKey(d: DocumentKey): string {
  return `${d.accountId}|${d.documentType}|${d.documentDate}`;
}

/**
 * DocumentTable lists statements and tax certificates, one table per
 * account, newest first: type, date, whether the file is on this computer
 * (with its size), and Download and Open buttons.
 */
export function DocumentTable({documents, rows, offline, busy, onDownload, onOpen}: DocumentTableProps) {
  const groups: {accountId: string; label: string; number: string; docs: DocumentEntry[]}[] = [];
  for (const d of documents) {
    let g = groups.find((x) => x.accountId === d.accountId);
    if (!g) {
      g = {accountId: d.accountId, label: d.accountLabel, number: d.accountNumber, docs: []};
      groups.push(g);
    }
    g.docs.push(d);
  }
  return (
    <div className="sx-accounts">
      {groups.map((g) => (
        <div key={g.accountId} className="sx-table-wrap">
          <table className="table sx-table" data-testid={`documents-${g.accountId}`}>
            <caption>
              {g.label} <span className="muted">({g.number})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Date</th>
                <th scope="col">On this computer</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {g.docs.map((d) => {
                const k = rowKey(d);
                const state = rows[k] ?? {};
                const name = `${d.typeLabel} of ${formatDate(d.documentDate)}`;
                const cannotFetch = offline && !d.downloaded;
                return (
                  <tr key={k} data-testid="document-row" data-downloaded={d.downloaded}>
                    <th scope="row">{d.typeLabel}</th>
                    <td>{formatDate(d.documentDate)}</td>
                    <td data-testid="document-status">
                      {d.downloaded ? `Downloaded · ${formatBytes(d.size)}` : 'Not downloaded'}
                      {state.error ? (
                        <p className="sx-error" role="alert">
                          {state.error}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <div className="sx-actions">
                        {d.downloaded ? null : (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            disabled={state.busy !== undefined || busy || cannotFetch}
                            aria-label={`Download the ${name}`}
                            onClick={() => {
                              onDownload(d);
                            }}
                            data-testid="document-download"
                          >
                            {state.busy === 'download' ? 'Downloading…' : 'Download'}
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={state.busy !== undefined || cannotFetch}
                          aria-label={`Open the ${name}`}
                          onClick={() => {
                            onOpen(d);
                          }}
                          data-testid="document-open"
                        >
                          {state.busy === 'open' ? 'Opening…' : 'Open'}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
