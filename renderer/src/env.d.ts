interface ImportMetaEnv {
  /** Injected by renderer/vite.config.ts from package.json. */
  readonly VITE_APP_VERSION?: string;
}
