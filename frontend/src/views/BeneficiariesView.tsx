import {useId, useMemo, useState} from 'react';
import {Link} from 'react-router';

import {CompactField} from '../components/Field';
import {PageHeader} from '../components/PageHeader';
import '../components/transactions/transactions.css';
import {useBeneficiaries} from '../hooks/useReviewData';
import {formatDate, formatMoney} from '../lib/format';
import {pathOf} from '../navigation';

/**
 * BeneficiariesView lists the beneficiaries set up in Investec Online, as
 * last synced: read-only, offline, with each one's bank, account and last
 * payment, and whether it can receive a faster payment.
 */
export function BeneficiariesView() {
  const id = useId();
  const list = useBeneficiaries();
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = list.data ?? [];
    return needle === ''
      ? all
      : all.filter((b) =>
          [b.name, b.beneficiaryName, b.bank, b.accountNumber, b.referenceName].some((v) => v.toLowerCase().includes(needle)),
        );
  }, [list.data, q]);

  return (
    <div data-testid="view-beneficiaries" className="stack">
      <PageHeader
        title="Beneficiaries"
        description="The people and businesses you pay, as set up in Investec Online and last synced. To pay one, use Pay & Transfer."
      />
      <p className="row-actions">
        <Link to={pathOf('dashboard')}>← Dashboard</Link>
        <Link to={pathOf('pay')}>Pay &amp; Transfer</Link>
      </p>
      {list.error ? (
        <p className="notice notice--danger" role="alert">
          {list.error.message}
        </p>
      ) : null}
      <CompactField id={`${id}-q`} label="Find a beneficiary">
        {(control) => (
          <input
            {...control}
            className="input input--search"
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
            }}
            data-testid="beneficiary-search"
          />
        )}
      </CompactField>
      {list.data && list.data.length === 0 ? (
        <p className="notice notice--info">No beneficiaries are cached yet. They arrive with the next sync.</p>
      ) : (
        <div className="card" style={{overflowX: 'auto'}}>
          <table className="list-table" data-testid="beneficiary-table">
            <caption className="visually-hidden">Beneficiaries</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Bank</th>
                <th scope="col">Account number</th>
                <th scope="col">Branch</th>
                <th scope="col">Their reference</th>
                <th scope="col">Last paid</th>
                <th scope="col" className="num">
                  Last amount
                </th>
                <th scope="col">Faster payment</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((b) => (
                <tr key={b.id} data-testid="beneficiary-row">
                  <th scope="row">
                    {b.name}
                    {b.beneficiaryName && b.beneficiaryName !== b.name ? <div className="muted">{b.beneficiaryName}</div> : null}
                  </th>
                  <td>{b.bank}</td>
                  <td>
                    <code>{b.accountNumber}</code>
                  </td>
                  <td>{b.branchCode}</td>
                  <td>{b.referenceName}</td>
                  <td>{b.lastPaymentDate ? formatDate(b.lastPaymentDate) : <span className="muted">Never</span>}</td>
                  <td className="num">
                    {b.lastPaymentAmount === undefined ? <span className="muted">—</span> : <span className="money">{formatMoney(b.lastPaymentAmount)}</span>}
                  </td>
                  <td>
                    {b.fasterPaymentAllowed ? (
                      <span className="badge badge--accent tx-badge" data-testid="faster-badge">
                        Faster payment
                      </span>
                    ) : (
                      <span className="muted">No</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
