import type {RouteObject} from 'react-router';

import {Shell} from './Shell';
import {BeneficiariesView} from './views/BeneficiariesView';
import {CategoriesView} from './views/CategoriesView';
import {DashboardView} from './views/DashboardView';
import {ExportView} from './views/ExportView';
import {HomeRedirect} from './views/HomeRedirect';
import {NotFoundView} from './views/NotFoundView';
import {OnboardingView, welcomePath} from './views/OnboardingView';
import {PayView} from './views/PayView';
import {RouteErrorView} from './views/RouteErrorView';
import {SettingsView} from './views/SettingsView';
import {StatementsView} from './views/StatementsView';
import {TransactionsView} from './views/TransactionsView';
import {pathOf} from './navigation';

/**
 * The app's routes. main.tsx mounts them on a hash router (#/transactions),
 * so the view and, later, its filters live in the URL and Back works; tests
 * mount them on a memory router.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    children: [
      {
        // A pathless layout route, so a failing view is replaced inside the shell.
        errorElement: <RouteErrorView />,
        children: [
          {index: true, element: <HomeRedirect />},
          {path: welcomePath, element: <OnboardingView />},
          {path: pathOf('dashboard'), element: <DashboardView />},
          {path: pathOf('transactions'), element: <TransactionsView />},
          {path: `${pathOf('transactions')}/categories`, element: <CategoriesView />},
          {path: `${pathOf('dashboard')}/beneficiaries`, element: <BeneficiariesView />},
          {path: pathOf('pay'), element: <PayView />},
          {path: pathOf('statements'), element: <StatementsView />},
          // The card code editor (CodeMirror, a third of the app's script)
          // loads when the Cards view is first opened, not at start-up.
          {
            path: pathOf('cards'),
            lazy: async () => ({Component: (await import('./views/CardsView')).CardsView}),
            hydrateFallbackElement: (
              <p className="muted" role="status" data-testid="view-loading">
                Opening Cards…
              </p>
            ),
          },
          {path: pathOf('export'), element: <ExportView />},
          {path: pathOf('settings'), element: <SettingsView />},
          {path: '*', element: <NotFoundView />},
        ],
      },
    ],
  },
];
