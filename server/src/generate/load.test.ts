import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../../shared/collections/plan.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import { parseCitizenId } from '../../../shared/residents/citizen-id.ts';
import { createIdProtector } from '../../../shared/residents/id-protection.ts';
import { codeOf } from '../../test/coded-error.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import { EXIT, runTown } from '../cli/run.ts';
import { findTownshipKeys } from '../keys/township-keys.ts';
import { adoptDefaultRules } from '../ledger/adopt.ts';
import { scoreInVillage } from '../ledger/score.ts';
import { addVillage } from '../places/places.ts';
import { countDocuments, pullDocuments } from '../store/documents.ts';
import { documentProblem } from '../sync/validation.ts';
import { generateInto } from './load.ts';

const TODAY = '2026-06-15';
const TOWNSHIP = '371003190';
const VILLAGE = '371003190201';

describe.each(BACKENDS)('the generator’s loader on %s', (kind) => {
  const backend = useBackend(kind);

  it('creates the places and writes a small village a device can sync, and its figures', async () => {
    const db = await backend.fresh();
    const report = await generateInto(db, { size: 'small', seed: 21, today: TODAY });
    expect(report.townshipCode).toBe(TOWNSHIP);
    const [village] = report.villages;
    expect(village).toMatchObject({ code: VILLAGE, name: '南港村', households: 150 });
    const counts = await countDocuments(db, { villageCode: VILLAGE });
    expect(counts.get('residents')).toBe(village?.residents);
    expect(counts.get('events')).toBe(village?.events);
    expect(counts.get('catalog')).toBe(report.catalog);
    const figures = await db.query<{ count: unknown }>(
      'SELECT count(*) AS count FROM subject_figures WHERE village_code = $1 AND NOT stale',
      [VILLAGE],
    );
    expect(Number(figures.rows[0]?.count)).toBe((village?.residents ?? 0) + 150);

    // What a village device pulls: valid documents, in sequence order, every collection.
    for (const collection of COLLECTION_NAMES) {
      const pulled = await pullDocuments(db, collection, {
        afterSeq: 0,
        limit: 1000,
        scope: { villageCode: VILLAGE },
      });
      for (const doc of pulled.documents)
        expect(documentProblem(collection, doc.data), `${collection} ${doc.id}`).toBeUndefined();
    }
  });

  it('protects IDs with the township’s keys: found by their last four characters, revealed with the keys', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 22, today: TODAY });
    const keys = await findTownshipKeys(db, TOWNSHIP);
    if (keys === undefined) throw new Error('no township keys were made');
    const protector = createIdProtector(globalThis.crypto, keys);
    const [first] = (
      await db.query<{ data: ResidentDoc }>(
        `SELECT data FROM documents WHERE collection = 'residents' AND village_code = $1 ORDER BY seq LIMIT 1`,
        [VILLAGE],
      )
    ).rows;
    if (first === undefined) throw new Error('no resident');
    const number = await protector.reveal(first.data.idNumberCipher);
    expect(parseCitizenId(number, TODAY).ok).toBe(true);
    expect(JSON.stringify(first.data)).not.toContain(number);
    const found = await db.query<{ id: string }>(
      `SELECT id FROM documents WHERE collection = 'residents' AND village_code = $1
          AND data->>'idLast4' = $2`,
      [VILLAGE, number.slice(-4)],
    );
    expect(found.rows.map((row) => row.id)).toContain(first.data.id);
    // The town CLI's `score --id` finds the person by the ID's keyed hash.
    const score = await scoreInVillage(db, {
      village: { code: VILLAGE, name: '南港村' },
      target: { type: 'resident', idNumber: number },
      asOf: TODAY,
      crypto: globalThis.crypto,
    });
    expect(score.ok && score.value.subject.id).toBe(first.data.id);
  });

  it('refuses a village that already has households or an adopted rule set', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 23, today: TODAY });
    expect(await codeOf(generateInto(db, { size: 'small', seed: 23, today: TODAY }))).toBe(
      'household.number-duplicate',
    );
    const other = `${TOWNSHIP}202`;
    await addVillage(db, { code: other, name: '东河村', townshipCode: TOWNSHIP });
    const adopted = await adoptDefaultRules(db, {
      villageCode: other,
      title: '东河村积分细则',
      meetingRef: '东河村〔2026〕1号',
      meetingOn: '2026-01-10',
      effectiveFrom: '2026-01-01',
      context: {
        now: Date.parse('2026-01-10T02:00:00Z'),
        today: '2026-01-10',
        userId: 'town-cli',
        deviceId: 'town-cli',
        newId: () => '01KTESTADOPTION0000000000A',
      },
    });
    expect(adopted.ok).toBe(true);
    expect(
      await codeOf(generateInto(db, { size: 'small', seed: 24, today: TODAY, villageCode: other })),
    ).toBe('ledger.rule-set-exists');
    const events = await countDocuments(db, { villageCode: other });
    expect(events.get('events') ?? 0).toBe(0);
  });
});

describe('npm run town -- generate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'town-generate-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function town(args: readonly string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runTown(
      args,
      { TOWN_DATA_DIR: join(dir, 'data') },
      {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
      },
    );
    return { code, stdout, stderr };
  }

  it('refuses a size or a seed it does not know, before opening any data', async () => {
    const size = await town(['generate', '--size', 'huge']);
    expect(size.code).toBe(EXIT.usage);
    expect(size.stderr).toContain('small、typical、max、township');
    const seed = await town(['generate', '--size', 'small', '--seed', 'abc']);
    expect(seed.code).toBe(EXIT.usage);
    expect((await town(['generate'])).code).toBe(EXIT.usage);
    const help = await town(['generate', '--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('--size');
  });

  it('fills the default village of an embedded store and says what it wrote and how long it took', async () => {
    const result = await town(['generate', '--size', 'small', '--seed', '7']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(
      /南港村（371003190201）：村民 \d+ 人，户 150 户，积分记录 \d+ 条/,
    );
    expect(result.stdout).toContain('--seed 7');
    const again = await town(['generate', '--size', 'small', '--seed', '7']);
    expect(again.code).toBe(EXIT.failed);
    expect(again.stderr).toContain('户编号');
  });
});
