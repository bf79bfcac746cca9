/**
 * `npm run town -- generate --size small|typical|max|township [--seed N] [--village <code>]`:
 * fills an empty village (or the 40 villages of a township) with a generated register and
 * five years of ledger history (village.ts), for demonstrations, trials and benchmarks.
 * Prints what it wrote and how long generating and writing took.
 */
import type { AppError } from '../../../shared/errors.ts';
import { validateVillageCode } from '../../../shared/places/division-codes.ts';
import { chinaDateOf } from '../../../shared/ledger/dates.ts';
import type { ResidentsContext } from '../cli/residents.ts';
import { describeError } from '../messages.ts';
import { generateInto, randomSeed, type LoadedVillage, type VillageTiming } from './load.ts';
import { DEFAULT_VILLAGE_CODE, isSizeName, SIZE_NAMES, SIZES } from './sizes.ts';

export type GenerateOutcome = 'ok' | 'rejected' | 'usage';

const HELP = 'npm run town -- generate --help';
const MAX_SEED = 2_147_483_647;

export async function generate(
  values: Readonly<Record<string, string>>,
  context: ResidentsContext,
): Promise<GenerateOutcome> {
  const size = values['size'] ?? '';
  if (!isSizeName(size))
    return usage(
      context,
      `--size ${size} 应为 ${SIZE_NAMES.join('、')} 之一 (--size must be one of ${SIZE_NAMES.join(', ')})`,
    );
  const seedText = values['seed'];
  const seed = seedText === undefined ? randomSeed() : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    return usage(
      context,
      `--seed ${seedText ?? ''} 应为 0 至 ${MAX_SEED} 的整数 (--seed must be an integer from 0 to ${MAX_SEED})`,
    );
  const villageCode = validateVillageCode(values['village'] ?? DEFAULT_VILLAGE_CODE);
  if (!villageCode.ok) return rejected(context, villageCode.error);

  const spec = SIZES[size];
  const today = chinaDateOf(Date.now());
  const started = performance.now();
  const report = await context.withDatabase((db) =>
    generateInto(db, {
      size,
      seed,
      today,
      villageCode: villageCode.value,
      onVillage: (village, timing) => {
        context.stdout(villageLine(village, timing));
      },
    }),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const sum = (pick: (v: LoadedVillage) => number): number =>
    report.villages.reduce((total, village) => total + pick(village), 0);
  const lines = [
    `已生成 ${size}（${spec.villages} 个村，每村约 ${spec.householdsPerVillage} 户）：` +
      `村民 ${sum((v) => v.residents)} 人，户 ${sum((v) => v.households)} 户，积分记录 ${sum((v) => v.events)} 条，` +
      `公示 ${sum((v) => v.notices)} 批，异议 ${sum((v) => v.cases)} 件，兑换 ${sum((v) => v.redemptions)} 次；` +
      `历史截至 ${today}，共用 ${seconds} 秒（生成 ${(report.generateMs / 1000).toFixed(1)} 秒，写入 ${(report.loadMs / 1000).toFixed(1)} 秒）。`,
    `所有户都带有「示例数据」标签。用 --seed ${seed} 可以再生成完全相同的数据（写入另一个空村或另一个数据库）。`,
    `Generated ${size} (${spec.villages} village(s) of about ${spec.householdsPerVillage} households): ` +
      `${sum((v) => v.residents)} residents, ${sum((v) => v.households)} households, ${sum((v) => v.events)} ledger events, ` +
      `${sum((v) => v.notices)} notices, ${sum((v) => v.cases)} objections, ${sum((v) => v.redemptions)} redemptions; ` +
      `history up to ${today}, ${seconds} s in all (generating ${(report.generateMs / 1000).toFixed(1)} s, writing ${(report.loadMs / 1000).toFixed(1)} s). ` +
      `Seed ${seed}: --seed ${seed} generates the same data again.`,
  ];
  context.stdout(`${lines.join('\n')}\n`);
  return 'ok';
}

function villageLine(village: LoadedVillage, timing: VillageTiming): string {
  return (
    `${village.name}（${village.code}）：村民 ${village.residents} 人，户 ${village.households} 户，` +
    `积分记录 ${village.events} 条（生成 ${(timing.generateMs / 1000).toFixed(1)} 秒，写入 ${(timing.loadMs / 1000).toFixed(1)} 秒）\n` +
    `  ${village.code}: ${village.residents} residents, ${village.households} households, ${village.events} events ` +
    `(generated in ${(timing.generateMs / 1000).toFixed(1)} s, written in ${(timing.loadMs / 1000).toFixed(1)} s)\n`
  );
}

function usage(context: ResidentsContext, detail: string): GenerateOutcome {
  return rejected(
    context,
    { code: 'cli.usage', params: { problem: 'invalid-value', detail, help: HELP } },
    'usage',
  );
}

function rejected(
  context: ResidentsContext,
  error: AppError,
  outcome: GenerateOutcome = 'rejected',
): GenerateOutcome {
  const message = describeError(error.code, error.params ?? {});
  context.stderr(`错误：${message.zh}\nError: ${message.en}\n`);
  return outcome;
}
