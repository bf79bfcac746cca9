/**
 * Entry point of the Electron main process (bundled by electron-vite to out/main/index.js).
 */
import { startShell } from './app.ts';

startShell({ mainDir: import.meta.dirname, resourcesPath: process.resourcesPath });
