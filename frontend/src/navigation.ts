import type {SidebarItem} from './components/Sidebar';

/**
 * The app's views, in sidebar order. The id is what ShellReady reports and
 * what tests use (data-testid="nav-<id>", "view-<id>"); the path is the hash
 * route (#/transactions).
 */
export const views = [
  {id: 'dashboard', path: '/dashboard', label: 'Dashboard', icon: 'dashboard'},
  {id: 'transactions', path: '/transactions', label: 'Transactions', icon: 'transactions'},
  {id: 'pay', path: '/pay', label: 'Pay & Transfer', icon: 'pay'},
  {id: 'statements', path: '/statements', label: 'Statements', icon: 'statements'},
  {id: 'cards', path: '/cards', label: 'Cards', icon: 'cards'},
  {id: 'export', path: '/export', label: 'Export', icon: 'export'},
  {id: 'settings', path: '/settings', label: 'Settings', icon: 'settings'},
] as const satisfies readonly SidebarItem[];

/** ViewId names one of the app's views. */
export type ViewId = (typeof views)[number]['id'];

/** viewIds lists the view ids in sidebar order. */
export const viewIds: readonly ViewId[] = views.map((v) => v.id);

/** pathOf returns the route path of a view. */
export function pathOf(id: ViewId): string {
  return views.find((v) => v.id === id)?.path ?? '/';
}

/** viewAt returns the view whose route is pathname, if any. */
export function viewAt(pathname: string): (typeof views)[number] | undefined {
  return views.find((v) => pathname === v.path || pathname.startsWith(`${v.path}/`));
}
