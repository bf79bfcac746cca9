import type { MessageKey } from '../i18n/catalogue.ts';

/** The modules of the main navigation, in menu order. */
export const MODULE_IDS = [
  'residents',
  'ledger',
  'redemption',
  'loans',
  'commitments',
  'printing',
  'sync',
  'settings',
] as const;

export type ModuleId = (typeof MODULE_IDS)[number];

export const DEFAULT_MODULE: ModuleId = 'residents';

export const MODULE_TITLE: { readonly [M in ModuleId]: MessageKey } = {
  residents: 'nav.residents',
  ledger: 'nav.ledger',
  redemption: 'nav.redemption',
  loans: 'nav.loans',
  commitments: 'nav.commitments',
  printing: 'nav.printing',
  sync: 'nav.sync',
  settings: 'nav.settings',
};

/** What a module that is not built yet will offer (shown instead of invented data). */
export const MODULE_PLAN: { readonly [M in ModuleId]?: MessageKey } = {
  residents: 'module.residents.plan',
  ledger: 'module.ledger.plan',
  redemption: 'module.redemption.plan',
  loans: 'module.loans.plan',
  commitments: 'module.commitments.plan',
  printing: 'module.printing.plan',
  sync: 'module.sync.plan',
};

export function isModuleId(value: string): value is ModuleId {
  return (MODULE_IDS as readonly string[]).includes(value);
}

/** `#/ledger` → 'ledger'; anything unknown → the default module. */
export function moduleFromHash(hash: string): ModuleId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isModuleId(id) ? id : DEFAULT_MODULE;
}

export function hashOfModule(id: ModuleId): string {
  return `#/${id}`;
}
