/**
 * The renderer build: used by electron-vite (desktop) and by `npm run web` (browser shell),
 * so both ship exactly the same bundle. The platform port is chosen at run time.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

// import.meta.url, not import.meta.dirname: electron-vite bundles this file into its own
// config and rewrites only import.meta.url to the original location.
const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(resolve(root, '../package.json'), 'utf8')) as {
  version: string;
};

export const rendererConfig = {
  root,
  base: './',
  plugins: [react()],
  define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(version) },
  build: {
    outDir: resolve(root, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { input: resolve(root, 'index.html') },
  },
} satisfies UserConfig;

export default rendererConfig;
