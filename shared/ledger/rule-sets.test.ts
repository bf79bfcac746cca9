import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../collections/fixtures/json-schema.ts';
import { COLLECTIONS } from '../collections/index.ts';
import type { RuleSetPolicy } from '../collections/policies.ts';
import type { RuleDefinition } from '../collections/rule.ts';
import { context, LIBRARY, residentOf, TOWNSHIP, VILLAGE } from './fixtures/ledger.ts';
import { recordEntry } from './recording.ts';
import {
  adoptRuleSet,
  buildRules,
  draftNextVersion,
  draftRuleSet,
  editRuleSetDraft,
  findRule,
  ruleSetInForce,
} from './rule-sets.ts';
import { DEFAULT_SCORING_POLICY, scoreSubject } from './score.ts';

const place = { villageCode: VILLAGE, townshipCode: TOWNSHIP };
const ctx = context('2025-01-10');

const dogItem: RuleDefinition = {
  code: 'V-DOG',
  category: '村规民约',
  nameZh: '养犬不拴养、不清理犬粪',
  nameEn: 'Dog left loose or fouling',
  indicator: '每次查实',
  direction: '-',
  points: -3,
  subject: 'person',
  capText: '',
  evidence: '村干部查实',
  validityMonths: 12,
  repeatMultiplier: 2,
  visibility: 'anonymised',
  noticeRequired: true,
};

function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

function draftOf(rules: readonly RuleDefinition[]): RuleSetPolicy {
  return value(
    draftRuleSet(
      { title: '南港村积分细则（2025版）', effectiveFrom: '2025-01-01', rules },
      LIBRARY,
      place,
      undefined,
      ctx,
    ),
  );
}

const meeting = { meetingRef: '南港村村民代表大会〔2024〕第4次', meetingOn: '2024-12-20' };

describe('building a village rule set from the template library', () => {
  it('picks templates, fixes or narrows a range within the template, and adds village items', () => {
    const rules = value(
      buildRules(
        [
          { templateCode: 'P-BLOOD' },
          { templateCode: 'P-CLEAN', points: 3 },
          { templateCode: 'P-MEDIATE', pointsMin: 2, pointsMax: 6, indicator: '按调解难度' },
          { templateCode: 'N-LITTER', visibility: 'named' },
        ],
        [dogItem],
        LIBRARY,
      ),
    );
    expect(rules.map((r) => r.code)).toEqual([
      'P-BLOOD',
      'P-CLEAN',
      'P-MEDIATE',
      'N-LITTER',
      'V-DOG',
    ]);
    expect(rules[1]).toMatchObject({ points: 3, templateCode: 'P-CLEAN' });
    expect(rules[1]).not.toHaveProperty('pointsMin');
    expect(rules[2]).toMatchObject({ pointsMin: 2, pointsMax: 6, indicator: '按调解难度' });
    expect(rules[3]).toMatchObject({ points: -5, visibility: 'named', repeatMultiplier: 2 });
    expect(rules[4]).not.toHaveProperty('templateCode');
  });

  it('refuses points outside the template’s range, naming the range', () => {
    expect(buildRules([{ templateCode: 'P-CLEAN', points: 6 }], [], LIBRARY)).toEqual({
      ok: false,
      error: {
        code: 'ledger.points-out-of-range',
        params: { code: 'P-CLEAN', min: 1, max: 5, value: 6 },
      },
    });
    expect(buildRules([{ templateCode: 'P-BLOOD', points: 12 }], [], LIBRARY)).toMatchObject({
      ok: false,
      error: { code: 'ledger.points-out-of-range', params: { min: 10, max: 10, value: 12 } },
    });
  });

  it('refuses an unknown template, a village item under a template’s code and a contradictory item', () => {
    expect(buildRules([{ templateCode: 'P-NOPE' }], [], LIBRARY)).toMatchObject({
      error: { code: 'ledger.rule-unknown', params: { code: 'P-NOPE' } },
    });
    expect(buildRules([], [{ ...dogItem, code: 'P-BLOOD' }], LIBRARY)).toMatchObject({
      error: { code: 'ledger.rule-code-duplicate', params: { code: 'P-BLOOD' } },
    });
    expect(buildRules([], [{ ...dogItem, points: 3 }], LIBRARY)).toMatchObject({
      error: { code: 'ledger.rule-invalid', params: { code: 'V-DOG' } },
    });
    expect(buildRules([], [dogItem, dogItem], LIBRARY)).toMatchObject({
      error: { code: 'ledger.rule-code-duplicate' },
    });
    const { points: _points, ...noPoints } = dogItem;
    expect(buildRules([], [noPoints], LIBRARY)).toMatchObject({
      error: { code: 'ledger.rule-invalid' },
    });
  });
});

describe('adopting and versioning rule sets', () => {
  it('records the adoption by the villagers’ representative meeting', () => {
    const draft = draftOf(value(buildRules([{ templateCode: 'P-BLOOD' }], [dogItem], LIBRARY)));
    expect(draft).toMatchObject({ status: 'draft', setVersion: 1 });
    const [adopted, ...others] = value(adoptRuleSet(draft, meeting, undefined, ctx));
    expect(others).toEqual([]);
    expect(adopted).toMatchObject({
      status: 'adopted',
      adoption: { meetingRef: meeting.meetingRef, meetingOn: '2024-12-20', by: ctx.userId },
    });
    expect(schemaErrors(COLLECTIONS.policies.schema, adopted)).toEqual([]);
  });

  it('refuses an adoption without its meeting, and never changes an adopted version', () => {
    const draft = draftOf(value(buildRules([{ templateCode: 'P-BLOOD' }], [], LIBRARY)));
    expect(adoptRuleSet(draft, { ...meeting, meetingRef: ' ' }, undefined, ctx)).toMatchObject({
      error: { code: 'ledger.adoption-incomplete' },
    });
    expect(
      adoptRuleSet(draft, { ...meeting, meetingOn: '2024-13-01' }, undefined, ctx),
    ).toMatchObject({
      error: { code: 'ledger.date-invalid' },
    });
    const [adopted] = value(adoptRuleSet(draft, meeting, undefined, ctx));
    if (adopted === undefined) throw new Error('not adopted');
    expect(editRuleSetDraft(adopted, { title: '改' }, LIBRARY, ctx)).toMatchObject({
      error: { code: 'ledger.rule-set-not-draft', params: { version: 1 } },
    });
    expect(adoptRuleSet(adopted, meeting, undefined, ctx)).toMatchObject({
      error: { code: 'ledger.rule-set-not-draft' },
    });
  });

  it('makes a change a new version that supersedes the old one, which still applies to earlier acts', () => {
    const v1Draft = draftOf(
      value(buildRules([{ templateCode: 'P-CLEAN', points: 2 }], [], LIBRARY)),
    );
    const [v1] = value(adoptRuleSet(v1Draft, meeting, undefined, ctx));
    if (v1 === undefined) throw new Error('not adopted');
    const renamed = v1.rules.map((r) => ({ ...r, nameZh: '参加人居环境整治', points: 4 }));
    const later = context('2025-06-30');
    const v2Draft = value(
      draftNextVersion(v1, { effectiveFrom: '2025-07-01', rules: renamed }, LIBRARY, later),
    );
    expect(v2Draft).toMatchObject({ setVersion: 2, supersedesId: v1.id, status: 'draft' });
    const written = value(
      adoptRuleSet(v2Draft, { meetingRef: '〔2025〕第2次', meetingOn: '2025-06-28' }, v1, later),
    );
    expect(written.map((s) => [s.setVersion, s.status])).toEqual([
      [2, 'adopted'],
      [1, 'superseded'],
    ]);
    const [v2, v1Superseded] = written;
    if (v2 === undefined || v1Superseded === undefined) throw new Error('missing');
    expect(ruleSetInForce(written, '2025-03-01')?.setVersion).toBe(1);
    expect(ruleSetInForce(written, '2025-07-01')?.setVersion).toBe(2);
    expect(ruleSetInForce(written, '2024-12-31')).toBeUndefined();
    expect(findRule(v2, 'P-CLEAN')?.points).toBe(4);

    // An act under v1, recorded after v2 was adopted, keeps v1's rule as it was.
    const zhang = residentOf('张三', 'R-ZHANG');
    const recorded = value(
      recordEntry(
        zhang,
        { ruleCode: 'P-CLEAN', occurredOn: '2025-06-15', quantity: 1, note: '', evidence: [] },
        { ruleSet: v1Superseded },
        [],
        context('2025-07-05'),
        'import',
      ),
    );
    expect(recorded.event.rule).toMatchObject({ nameZh: '参加或配合环境整治', points: 2 });
    const score = scoreSubject(
      'resident',
      'R-ZHANG',
      [recorded.event],
      [],
      DEFAULT_SCORING_POLICY,
      '2025-07-05',
    );
    expect(score.counted[0]?.rule?.nameZh).toBe('参加或配合环境整治');
    expect(score.score).toBe(1002);
  });
});
