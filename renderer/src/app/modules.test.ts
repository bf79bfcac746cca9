import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODULE,
  MODULE_IDS,
  MODULE_PLAN,
  hashOfModule,
  moduleFromHash,
} from './modules.ts';

describe('module routing', () => {
  it('maps each module to its hash and back', () => {
    for (const id of MODULE_IDS) expect(moduleFromHash(hashOfModule(id))).toBe(id);
  });

  it('falls back to the residents module for an empty or unknown address', () => {
    expect(moduleFromHash('')).toBe(DEFAULT_MODULE);
    expect(moduleFromHash('#/no-such-module')).toBe(DEFAULT_MODULE);
    expect(moduleFromHash('#/../../etc/passwd')).toBe(DEFAULT_MODULE);
  });

  it('keeps sub-paths and queries for later modules without losing the module', () => {
    expect(moduleFromHash('#/residents/abc?tab=ledger')).toBe('residents');
  });

  it('has a stated plan for every module that is not built yet, and none for settings', () => {
    for (const id of MODULE_IDS) expect(MODULE_PLAN[id] === undefined).toBe(id === 'settings');
  });
});
