import {render} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {StrictMode} from 'react';
import {createMemoryRouter, RouterProvider} from 'react-router';

import {routes} from '../routes';

/**
 * renderApp renders the whole app, as main.tsx does but on a memory router
 * starting at path, under StrictMode (so effects run twice, as in dev).
 */
export function renderApp(path = '/') {
  const router = createMemoryRouter(routes, {initialEntries: [path]});
  const user = userEvent.setup();
  const result = render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
  );
  return {...result, router, user};
}
