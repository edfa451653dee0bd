import '@testing-library/jest-dom/vitest';

import {cleanup, configure} from '@testing-library/react';
import {afterEach} from 'vitest';

// findBy*/waitFor wait up to 5 s (not 1 s): CI machines are shared and a busy
// one can take over a second to render a view; a wait that passes returns at once.
configure({asyncUtilTimeout: 5_000});

afterEach(() => {
  cleanup();
});
