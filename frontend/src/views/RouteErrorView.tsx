import {isRouteErrorResponse, Link, useRouteError} from 'react-router';

import {pathOf} from '../navigation';

/**
 * RouteErrorView replaces a view that failed to render. It shows the
 * error's message as text and offers a way back.
 */
export function RouteErrorView() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <div className="main__inner" role="alert" data-testid="view-error">
      <h1 className="page-header__title">Something went wrong</h1>
      <p className="muted">{message}</p>
      <p>
        <Link to={pathOf('dashboard')}>Go to the Dashboard</Link>
      </p>
    </div>
  );
}
