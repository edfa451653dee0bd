import {Link} from 'react-router';

import {formatMoney, formatRelative} from '../../lib/format';
import type {Account} from '../../lib/review/types';

/** AccountCardProps are the props of AccountCard. */
export interface AccountCardProps {
  account: Account;
  now: Date;
  /** Where the account's transactions are listed. */
  transactionsTo: string;
}

/**
 * AccountCard shows one account: its reference name first (what the person
 * calls it), the account name, number and product, the current and
 * available balance and any budget, straight or cash figure Investec sent,
 * and when its transactions were last synced.
 */
export function AccountCard({account: a, now, transactionsTo}: AccountCardProps) {
  const b = a.balance;
  const extras: [string, number | undefined][] = [
    ['Budget', b?.budget],
    ['Straight', b?.straight],
    ['Cash', b?.cash],
  ];
  return (
    <article className="card account-card" aria-labelledby={`acct-${a.id}`} data-testid="account-card" data-account-id={a.id}>
      <header className="account-card__head">
        <h3 className="account-card__name" id={`acct-${a.id}`} data-testid="account-reference">
          {a.referenceName || a.name || a.productName}
        </h3>
        <p className="muted account-card__sub">
          {a.name}
          {a.number ? ` · ${a.number}` : ''}
        </p>
        <p className="muted account-card__sub">
          {a.productName}
          {a.kind === 'business' ? ' · Business' : ''}
        </p>
      </header>
      {b ? (
        <dl className="account-card__balances">
          <div>
            <dt>Current balance</dt>
            <dd className="account-card__current" data-testid="account-current" data-cents={b.current}>
              <span className={`money${b.current < 0 ? ' money--debit' : ''}`}>{formatMoney(b.current)}</span>
            </dd>
          </div>
          <div>
            <dt>Available</dt>
            <dd data-testid="account-available" data-cents={b.available}>
              <span className="money">{formatMoney(b.available)}</span>
            </dd>
          </div>
          {extras.map(([label, v]) =>
            v === undefined ? null : (
              <div key={label}>
                <dt>{label}</dt>
                <dd>
                  <span className="money">{formatMoney(v)}</span>
                </dd>
              </div>
            ),
          )}
        </dl>
      ) : (
        <p className="muted">No balance fetched yet.</p>
      )}
      <footer className="account-card__foot">
        <span className="muted" data-testid="account-synced">
          {a.lastSyncedAt ? `Synced ${formatRelative(a.lastSyncedAt, now)}` : 'Never synced'}
        </span>
        <Link to={transactionsTo} className="account-card__link" aria-label={`Transactions of ${a.referenceName || a.name}`}>
          Transactions
        </Link>
      </footer>
    </article>
  );
}
