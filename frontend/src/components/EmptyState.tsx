import {useId, type ReactNode} from 'react';
import {Link} from 'react-router';

import {Icon, type IconName} from './Icon';

/** EmptyStateAction is a link to where the person can do the next step. */
export interface EmptyStateAction {
  to: string;
  label: string;
}

/** EmptyStateProps are the props of EmptyState. */
export interface EmptyStateProps {
  icon: IconName;
  title: string;
  children: ReactNode;
  /** The next step; the first is drawn as the primary action. */
  actions?: readonly EmptyStateAction[];
}

/**
 * EmptyState tells the person why a view has nothing to show yet and what
 * to do next. Its actions are real links; it never shows a button that does
 * nothing.
 */
export function EmptyState({icon, title, children, actions = []}: EmptyStateProps) {
  const titleId = useId();
  return (
    <section className="empty-state" aria-labelledby={titleId} data-testid="empty-state">
      <div className="empty-state__icon">
        <Icon name={icon} size={24} />
      </div>
      <h2 className="empty-state__title" id={titleId}>
        {title}
      </h2>
      <div className="empty-state__body">{children}</div>
      {actions.length > 0 ? (
        <div className="empty-state__actions">
          {actions.map((a, i) => (
            <Link
              key={a.to}
              to={a.to}
              className={`button ${i === 0 ? 'button--primary' : 'button--secondary'}`}
              data-testid="empty-state-action"
            >
              {a.label}
              {i === 0 ? <Icon name="arrow-right" size={16} /> : null}
            </Link>
          ))}
        </div>
      ) : null}
    </section>
  );
}
