import './connections.css';

import {useEffect, useId, useRef, useState, type KeyboardEvent} from 'react';
import {Link} from 'react-router';

import {kindLabel} from '../../lib/connections';
import type {Connection, NetState} from '../../lib/types';

/** ConnectionSwitcherProps are the props of ConnectionSwitcher. */
export interface ConnectionSwitcherProps {
  /** The connection in use, or undefined when the status is not known. */
  current?: Pick<Connection, 'name' | 'kind' | 'business'> | undefined;
  net: NetState;
  /** The connections to offer; undefined until loaded. */
  connections?: readonly Connection[] | undefined;
  /** Why the list could not be loaded, or why switching failed. */
  error?: string | undefined;
  /** The id of the connection being switched to. */
  switching?: string | undefined;
  /** Called when the menu opens, to (re)load the list. */
  onOpen: () => void;
  onSwitch: (id: string) => void;
  /** Where the connections are managed (Settings). */
  manageHref: string;
}

const netLabel: Record<NetState, string> = {
  online: 'online',
  offline: 'offline',
  unknown: 'not checked yet',
};

/**
 * ConnectionSwitcher is the top bar's connection chip: it shows the
 * connection in use (name, kind, and a dot for whether the bank can be
 * reached) and opens a menu to switch to another connection or to manage
 * them in Settings. It follows the menu button pattern: Enter, Space or
 * ArrowDown open it on the checked item, arrows, Home and End move, Escape
 * closes it and returns to the button.
 */
export function ConnectionSwitcher({current, net, connections, error, switching, onOpen, onSwitch, manageHref}: ConnectionSwitcherProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) {
      buttonRef.current?.focus();
    }
  };

  const show = () => {
    setOpen(true);
    onOpen();
  };

  // Focus the checked item (else the first) once the menu and its items are drawn.
  useEffect(() => {
    if (!open) {
      return;
    }
    const all = items();
    const checked = all.find((el) => el.getAttribute('aria-checked') === 'true');
    (checked ?? all[0])?.focus();
  }, [open, connections]);

  // A click outside closes the menu.
  useEffect(() => {
    if (!open) {
      return undefined;
    }
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      show();
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => {
      e.preventDefault();
      all[(n + all.length) % all.length]?.focus();
    };
    switch (e.key) {
      case 'ArrowDown':
        go(i + 1);
        break;
      case 'ArrowUp':
        go(i - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(all.length - 1);
        break;
      case 'Escape':
        e.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  };

  const name = current?.name ?? 'No connection';
  return (
    <div className="cn-switcher">
      <button
        ref={buttonRef}
        type="button"
        className="chip cn-switcher__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          if (open) {
            close(false);
          } else {
            show();
          }
        }}
        onKeyDown={onButtonKey}
        data-testid="connection-chip"
      >
        <span className="chip__dot" data-net={net} aria-hidden="true" />
        <span data-testid="connection-name">{name}</span>
        {current ? (
          <span className="cn-switcher__kind" data-testid="connection-kind-chip">
            {kindLabel(current)}
          </span>
        ) : null}
        <span className="visually-hidden">, {netLabel[net]}; switch connection</span>
        <svg className="cn-switcher__caret" width="12" height="12" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div ref={menuRef} id={menuId} className="cn-menu" role="menu" aria-label="Connections" tabIndex={-1} onKeyDown={onMenuKey} data-testid="connection-menu">
          {connections === undefined && !error ? (
            <p className="hint cn-menu__note" role="none">
              Loading…
            </p>
          ) : null}
          {(connections ?? []).map((c) => (
            <button
              key={c.id}
              type="button"
              role="menuitemradio"
              aria-checked={c.active}
              tabIndex={-1}
              className="cn-menu__item"
              disabled={switching !== undefined}
              onClick={() => {
                if (!c.active) {
                  onSwitch(c.id);
                }
                close(true);
              }}
              data-testid={`switch-to-${c.id}`}
            >
              <span className="cn-menu__check" aria-hidden="true">
                {c.active ? '✓' : ''}
              </span>
              <span className="cn-menu__text">
                <span className="cn-menu__name">{switching === c.id ? `${c.name} (switching…)` : c.name}</span>
                <span className="hint">{kindLabel(c)}</span>
              </span>
            </button>
          ))}
          {error ? (
            <p className="hint cn-menu__note cn-menu__note--error" role="none" data-testid="switcher-error">
              {error}
            </p>
          ) : null}
          <div className="cn-menu__sep" role="separator" />
          <Link
            to={manageHref}
            role="menuitem"
            tabIndex={-1}
            className="cn-menu__item cn-menu__item--link"
            onClick={() => {
              close(false);
            }}
            data-testid="manage-connections"
          >
            Manage connections…
          </Link>
        </div>
      ) : null}
    </div>
  );
}
