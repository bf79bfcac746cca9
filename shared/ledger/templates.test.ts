import { describe, expect, it } from 'vitest';
import { catalogId } from '../collections/catalog.ts';
import { schemaErrors } from '../collections/fixtures/json-schema.ts';
import { COLLECTIONS } from '../collections/index.ts';
import { DEFAULT_TEMPLATE_LIBRARY } from './default-templates.ts';
import { context, TOWNSHIP } from './fixtures/ledger.ts';
import { validateRule } from './rule-sets.ts';
import {
  CAP_MEANINGS,
  defaultRules,
  defaultTierScheme,
  ruleFromSource,
  ruleFromTemplate,
  templateCatalogDocuments,
} from './templates.ts';

const library = DEFAULT_TEMPLATE_LIBRARY;

describe('the packaged template library', () => {
  it('is the complete reference library: 60 rules, both tier schemes and the examples', () => {
    // Figures of shared/data/rule-templates.json: 33 bonuses, 27 deductions, fixed points
    // summing to -302, validity months summing to 1032.
    expect(library.rules).toHaveLength(60);
    expect(library.rules.filter((r) => r.direction === '+')).toHaveLength(33);
    expect(library.rules.filter((r) => r.direction === '-')).toHaveLength(27);
    expect(library.rules.reduce((sum, r) => sum + (r.points ?? 0), 0)).toBe(-302);
    expect(library.rules.reduce((sum, r) => sum + r.validityMonths, 0)).toBe(1032);
    expect(library.tierSchemes.map((s) => s.id)).toEqual(['credit1000', 'stars5']);
    expect(library.rewardExamples).toHaveLength(4);
    expect(library.loanProductExamples).toHaveLength(1);
    expect(library.validityDefaults.lateEntryDays).toBe(30);
  });

  it('keeps the source codes as rule codes, each once', () => {
    const codes = library.rules.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain('P-BLOOD');
    expect(codes).toContain('N-DEBTOR');
    for (const code of codes) expect(code).toMatch(/^[PN]-[A-Z0-9-]+$/);
  });

  it('signs every rule as its direction and gives fixed points or a range', () => {
    for (const rule of library.rules) {
      const values = rule.points === undefined ? [rule.pointsMin, rule.pointsMax] : [rule.points];
      for (const value of values) {
        expect(value, rule.code).toBeDefined();
        expect(Math.sign(value ?? 0), rule.code).toBe(rule.direction === '+' ? 1 : -1);
      }
    }
  });

  it('has a meaning for every cap text it uses', () => {
    for (const rule of library.rules)
      if (rule.cap !== undefined) expect(CAP_MEANINGS, rule.code).toHaveProperty([rule.cap]);
  });

  it('carries the real Wendeng values', () => {
    const byCode = new Map(defaultRules().map((r) => [r.code, r]));
    expect(byCode.get('P-BLOOD')).toMatchObject({
      points: 10,
      validityMonths: 12,
      subject: 'person',
      repeatMultiplier: 1,
      visibility: 'named',
      templateCode: 'P-BLOOD',
    });
    expect(byCode.get('N-DEBTOR')).toMatchObject({
      points: -100,
      validityMonths: 60,
      directRating: 'D',
      repeatMultiplier: 2,
      visibility: 'anonymised',
    });
    expect(byCode.get('P-CLEAN')).toMatchObject({ pointsMin: 1, pointsMax: 5 });
    expect(byCode.get('P-TRAIN')).toMatchObject({
      cap: { per: 'year', times: 3 },
      capText: 'at most 3 a year',
    });
    expect(byCode.get('P-DONATE')?.cap).toEqual({ per: 'year', points: 40 });
    const scheme = defaultTierScheme();
    expect(scheme.base).toBe(1000);
    expect(scheme.bands.map((b) => b.tier)).toEqual(['AAA', 'AA', 'A', 'B', 'C', 'D']);
    expect(scheme.directRatingValidityMonths).toEqual({ B: 24, C: 36, D: 60 });
  });

  it('turns every rule into a valid rule definition', () => {
    for (const source of library.rules) {
      const result = validateRule(ruleFromSource(source));
      expect(result.ok, source.code).toBe(true);
    }
  });

  it('publishes as catalog documents the schema accepts, with deterministic ids', () => {
    const docs = templateCatalogDocuments(TOWNSHIP, context('2025-01-01', 'u-township-zhou'));
    expect(docs).toHaveLength(62);
    for (const doc of docs)
      expect(schemaErrors(COLLECTIONS.catalog.schema, doc), doc.id).toEqual([]);
    expect(docs.map((d) => d.id)).toContain(catalogId(TOWNSHIP, 'rule-template', 'P-BLOOD'));
    expect(docs.map((d) => d.id)).toContain(catalogId(TOWNSHIP, 'tier-scheme', 'credit1000'));
    expect(docs.every((d) => d.villageCode === '' && d.status === 'published')).toBe(true);
  });

  it('reads a synced catalog template back as the same rule', () => {
    const docs = templateCatalogDocuments(TOWNSHIP, context('2025-01-01', 'u-township-zhou'));
    const fromCatalog = docs.flatMap((d) =>
      d.kind === 'rule-template' ? [ruleFromTemplate(d)] : [],
    );
    expect(fromCatalog).toEqual(defaultRules());
  });
});
