import {accountLabel, reconciled, type AccountReconciliation} from '../../lib/statements';
import {Money} from '../Money';

/** ReconciliationTableProps are the props of ReconciliationTable. */
export interface ReconciliationTableProps {
  accounts: readonly AccountReconciliation[];
}

/**
 * ReconciliationTable shows each exported account's opening balance, money
 * in and out, closing balance and whether they reconcile (OK, or the
 * difference and where it was found), as on the workbook's Summary sheet.
 */
export function ReconciliationTable({accounts}: ReconciliationTableProps) {
  return (
    <div className="sx-table-wrap">
      <table className="table sx-table" data-testid="reconciliation">
        <caption>Reconciliation</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col" className="sx-num">
              Opening
            </th>
            <th scope="col" className="sx-num">
              Money in
            </th>
            <th scope="col" className="sx-num">
              Money out
            </th>
            <th scope="col" className="sx-num">
              Closing
            </th>
            <th scope="col" className="sx-num">
              Transactions
            </th>
            <th scope="col">Reconciles</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((r) => {
            const check = reconciled(r);
            return (
              <tr key={r.accountId} data-testid={`reconciliation-${r.accountId}`}>
                <th scope="row">
                  {accountLabel({number: r.accountNumber, productName: r.productName, referenceName: '', name: r.accountName})}
                </th>
                <td className="sx-num">
                  <Money cents={r.opening} />
                </td>
                <td className="sx-num">
                  <Money cents={r.in} />
                </td>
                <td className="sx-num">
                  <Money cents={r.out} />
                </td>
                <td className="sx-num">
                  <Money cents={r.closing} />
                </td>
                <td className="sx-num">{r.transactions}</td>
                <td>
                  <span
                    className={`sx-status ${check.ok ? 'sx-status--ok' : 'sx-status--bad'}`}
                    data-testid="reconciliation-status"
                  >
                    <span aria-hidden="true">{check.ok ? '\u2713' : '\u2717'}</span>
                    {check.text}
                  </span>
                  {check.detail ? <p className="hint">{check.detail}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
