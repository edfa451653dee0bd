import './styles/index.css';

import {StrictMode} from 'react';
import {createRoot} from 'react-dom/client';
import {createHashRouter} from 'react-router';
import {RouterProvider} from 'react-router/dom';

import {routes} from './routes';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no #root element');
}

createRoot(container).render(
  <StrictMode>
    <RouterProvider router={createHashRouter(routes)} />
  </StrictMode>,
);
