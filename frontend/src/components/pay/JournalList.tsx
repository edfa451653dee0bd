import {formatDate, formatDateTime, formatMoney} from '../../lib/format';
import {statusTone, targetSummary, type PayAttempt} from '../../lib/pay';
import {toneVariant} from './tone';

/** JournalListProps are the props of JournalList. */
export interface JournalListProps {
  entries: readonly PayAttempt[];
}

/**
 * JournalList is the local journal of every transfer and payment that was
 * confirmed: when, from and to where, how much, and what became of it
 * (the bank's reference, its status lines, the error, or the posted
 * transaction a sync matched to an unknown outcome). Each entry opens for
 * the details.
 */
export function JournalList({entries}: JournalListProps) {
  return (
    <ul className="pay-journal" data-testid="pay-journal">
      {entries.map((a) => (
        <li key={a.id} className="pay-entry" data-testid="pay-journal-row" data-status={a.status}>
          <details>
            <summary>
              <span className="muted">{a.sentAt ? formatDateTime(a.sentAt) : '—'}</span>
              <span className="pay-entry__what">
                {a.kind === 'transfer' ? 'Transfer' : 'Payment'} from {a.from.name} to {targetSummary(a)}
                {a.batchCount > 1 ? ` (batch ${String(a.batchIndex)} of ${String(a.batchCount)})` : ''}
              </span>
              <span className="money">{formatMoney(a.total)}</span>
              <span className={`badge badge--${toneVariant[statusTone(a.status)]}`} data-testid="pay-journal-status">
                {a.statusText}
              </span>
            </summary>
            <div className="pay-entry__body">
              {a.errorMessage ? <p>{a.errorMessage}</p> : null}
              {a.bankMessage && !a.errorMessage.includes(a.bankMessage) ? <p>Investec said: {a.bankMessage}</p> : null}
              {a.authorisers ? (
                <p>
                  Authorisers {a.authorisers.authoriserA.name} and {a.authorisers.authoriserB.name}; may wait {a.authorisers.period.name.toLowerCase()}.
                </p>
              ) : null}
              <table className="table pay-table">
                <thead>
                  <tr>
                    <th scope="col">To</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">References</th>
                    <th scope="col">Investec</th>
                  </tr>
                </thead>
                <tbody>
                  {a.lines.map((l, i) => (
                    <tr key={`${String(i)}-${l.targetId}`}>
                      <td>
                        {l.targetName}
                        <div className="muted">{a.kind === 'transfer' ? l.targetNumber : `${l.targetBank} ${l.targetNumber}`}</div>
                      </td>
                      <td className="num money">{formatMoney(l.amount)}</td>
                      <td>
                        {l.myReference}
                        <div className="muted">{l.theirReference}</div>
                      </td>
                      <td>
                        {l.paymentReference ? `${l.paymentReference}${l.paymentDate ? `, ${formatDate(l.paymentDate)}` : ''}` : '—'}
                        {l.bankStatus.map((s) => (
                          <div key={s} className="muted">
                            {s}
                          </div>
                        ))}
                        {l.fasterPayment ? <div className="muted">Faster payment</div> : null}
                        {l.match ? (
                          <div data-testid="pay-journal-match">
                            Matched: {l.match.description}, posted {formatDate(l.match.postingDate)}
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
