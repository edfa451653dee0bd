import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Plugin, ResolvedConfig} from 'vite';

/**
 * gitkeepPlugin writes an empty dist/.gitkeep after every build. Vite empties
 * the output directory first, and main.go's `//go:embed all:frontend/dist`
 * needs the committed placeholder to compile on a fresh clone.
 */
export function gitkeepPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'investec-desk:gitkeep',
    apply: 'build',
    configResolved(config: ResolvedConfig) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      writeFileSync(join(outDir, '.gitkeep'), '');
    },
  };
}
