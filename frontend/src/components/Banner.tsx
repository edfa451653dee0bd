import type {ReactNode} from 'react';

import {Icon, type IconName} from './Icon';

/** BannerProps are the props of Banner. */
export interface BannerProps {
  tone: 'info' | 'warning' | 'danger';
  icon?: IconName;
  title: string;
  children?: ReactNode;
  testId?: string;
}

/**
 * Banner is a full-width notice under the top bar (offline, no backend).
 * Warnings and dangers are announced politely to screen readers.
 */
export function Banner({tone, icon = 'info', title, children, testId}: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'info' ? undefined : 'status'} data-testid={testId}>
      <Icon name={icon} />
      <p>
        <span className="banner__title">{title}</span> {children}
      </p>
    </div>
  );
}
