import type {KeyboardEvent} from 'react';
import {NavLink} from 'react-router';

import {BrandMark, Icon, type IconName} from './Icon';

/** SidebarItem is one entry of the sidebar. */
export interface SidebarItem {
  id: string;
  path: string;
  label: string;
  icon: IconName;
}

/** SidebarProps are the props of Sidebar. */
export interface SidebarProps {
  items: readonly SidebarItem[];
  /** Small print at the bottom, e.g. the version. */
  footer?: string;
}

const nextKey: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Sidebar is the app's main navigation. Every item is a link in the Tab
 * order; inside the list, ArrowUp/ArrowDown (wrapping), Home and End move
 * focus between items, and Enter opens one. The active item carries
 * aria-current="page".
 */
export function Sidebar({items, footer}: SidebarProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const move = nextKey[e.key];
    if (!move || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) {
      return;
    }
    const links = Array.from(e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-nav-item]'));
    const current = links.findIndex((a) => a === document.activeElement);
    // From outside the links, ArrowDown starts at the first, ArrowUp at the last.
    const from = current >= 0 ? current : e.key === 'ArrowUp' ? 0 : links.length - 1;
    e.preventDefault();
    links[move(from, links.length)]?.focus();
  };

  return (
    <nav className="sidebar" aria-label="Main" data-testid="sidebar">
      <div className="sidebar__brand">
        <BrandMark />
        <span>Investec Desk</span>
      </div>
      {/* The list handles arrow keys for the links inside it. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <ul className="sidebar__list" onKeyDown={onKeyDown}>
        {items.map((item) => (
          <li key={item.id}>
            <NavLink
              to={item.path}
              className="sidebar__link"
              data-nav-item={item.id}
              data-testid={`nav-${item.id}`}
            >
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
      {footer ? <p className="sidebar__footer" data-testid="sidebar-footer">{footer}</p> : null}
    </nav>
  );
}
