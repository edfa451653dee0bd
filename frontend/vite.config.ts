import react from '@vitejs/plugin-react';
import {defineConfig} from 'vite';

import {cspPlugin} from './vite/csp';
import {gitkeepPlugin} from './vite/gitkeep';

// https://vite.dev/config/
export default defineConfig({
  plugins: [react(), cspPlugin(), gitkeepPlugin()],
  build: {
    // Wails embeds dist/ in the binary; no source maps in the release.
    sourcemap: false,
    target: 'es2022',
  },
});
