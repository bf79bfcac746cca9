/**
 * `town residents import` and `town residents count`: how a township loads a village's
 * register from its household records (村民花名册, .xlsx) before the village's devices
 * first sync, with the app's rules and the app's report, row by row, in Chinese.
 *
 * Everything that can be checked without the database is checked first (the village code,
 * the file), so a bad argument opens nothing. The clock is read here, in the CLI layer.
 */
import { chinaDateOf } from '../../../shared/ledger/dates.ts';
import { randomBytes } from 'node:crypto';
import { sortableId } from '../../../shared/collections/ids.ts';
import { validateVillageCode } from '../../../shared/places/division-codes.ts';
import type { ImportProblem } from '../../../shared/residents/import/problems.ts';
import type { ImportSummary } from '../../../shared/residents/import/validate.ts';
import type { AppError } from '../../../shared/errors.ts';
import type { Database } from '../db/database.ts';
import { describeError } from '../messages.ts';
import { readWorkbookFile } from './workbook-file.ts';
import { findVillage, type Village } from '../places/places.ts';
import { countResidents, importRegister } from '../residents/register.ts';

/** What a command did: run.ts turns it into the exit code. */
export type Outcome = 'ok' | 'rejected';

export interface ResidentsContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Opens the configured database (locking an embedded data directory), runs `fn`, closes. */
  readonly withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
}

/** Who the imported documents say created them: this CLI, not a person or a device. */
export const CLI_ACTOR = 'town-cli';

export async function residentsImport(
  villageArgument: string,
  file: string,
  context: ResidentsContext,
): Promise<Outcome> {
  const villageCode = validateVillageCode(villageArgument);
  if (!villageCode.ok) return rejected(context, villageCode.error);

  const sheet = await readWorkbookFile(file);
  if (!sheet.ok) return rejected(context, sheet.error);

  const now = Date.now();
  return context.withDatabase(async (db) => {
    const village = await findVillage(db, villageCode.value);
    if (village === undefined)
      return rejected(context, {
        code: 'place.village-unknown',
        params: { code: villageCode.value },
      });
    const outcome = await importRegister(db, {
      villageCode: village.code,
      table: sheet.value.rows,
      now,
      today: chinaDateOf(now),
      newId: () => sortableId(Date.now(), randomBytes(10)),
      userId: CLI_ACTOR,
      deviceId: CLI_ACTOR,
      crypto: globalThis.crypto,
    });
    if (!outcome.ok) {
      context.stderr(problemReport(outcome.problems, outcome.summary, outcome.knownGroups));
      return 'rejected';
    }
    context.stdout(
      importedReport(village, file, outcome.summary, outcome.households, outcome.residents),
    );
    return 'ok';
  });
}

export async function residentsCount(
  villageArgument: string,
  context: ResidentsContext,
): Promise<Outcome> {
  const villageCode = validateVillageCode(villageArgument);
  if (!villageCode.ok) return rejected(context, villageCode.error);
  return context.withDatabase(async (db) => {
    const village = await findVillage(db, villageCode.value);
    if (village === undefined)
      return rejected(context, {
        code: 'place.village-unknown',
        params: { code: villageCode.value },
      });
    const { total, byStatus } = await countResidents(db, village.code);
    context.stdout(
      `${village.name}（${village.code}）共有村民 ${total} 人` +
        `（在册 ${byStatus.registered}，迁出 ${byStatus['moved-out']}，死亡 ${byStatus.deceased}）。\n` +
        `${village.name} (${village.code}) has ${total} resident(s) ` +
        `(${byStatus.registered} registered, ${byStatus['moved-out']} moved out, ${byStatus.deceased} deceased).\n`,
    );
    return 'ok';
  });
}

// ---------------------------------------------------------------------------------------
// Reports

/**
 * One line per problem, as the app's report has one row per problem:
 * 「第 N 行 · 列名 · 值：message」 (the column and value left out where there is none),
 * then what was ignored, the hint about unknown groups, and a summary line.
 */
export function problemReport(
  problems: readonly ImportProblem[],
  summary: ImportSummary,
  knownGroups: readonly string[],
): string {
  const lines = problems.map((problem) => {
    const place = [`第 ${problem.row} 行`];
    if (problem.column !== '') place.push(problem.column);
    if (problem.value !== '') place.push(problem.value);
    return `${place.join(' · ')}：${describeError(problem.code, problem.params).zh}`;
  });
  lines.push(...ignoredColumnsLines(summary));

  if (summary.unknownGroups.length > 0) {
    const names = summary.unknownGroups
      .map((group) => `「${group.name}」（第 ${group.rows.join('、')} 行）`)
      .join('、');
    const existing =
      knownGroups.length === 0
        ? '本村目前还没有任何小组'
        : `本村已有的小组：${knownGroups.join('、')}`;
    lines.push(
      `村民小组${names}在本村还没有（${existing}）。命令行不能新建小组：` +
        '可以把「村民小组」一列留空后导入，待村里在软件中建好小组后再为各户指定；' +
        '或先在村里的软件中新建这些小组并同步到镇服务器，再导入本文件。',
    );
  }

  const rows = new Set(problems.map((problem) => problem.row)).size;
  lines.push(
    `共 ${problems.length} 个问题，涉及 ${rows} 行；没有导入任何数据。请按上面的说明改正文件后重新导入。`,
    `${problems.length} problem(s) in ${rows} row(s); nothing was imported. Correct the file as described above and import again.`,
  );
  return `${lines.join('\n')}\n`;
}

function importedReport(
  village: Village,
  file: string,
  summary: ImportSummary,
  households: number,
  residents: number,
): string {
  const lines = [
    `已从 ${file} 导入 ${village.name}（${village.code}）：${households} 户，${residents} 位村民。`,
  ];
  for (const converted of summary.convertedIds) {
    lines.push(
      `第 ${converted.row} 行的 15 位身份证号 ${converted.from} 已转换为 18 位：${converted.to}。`,
    );
  }
  lines.push(...ignoredColumnsLines(summary));
  lines.push(
    `Imported ${households} household(s) and ${residents} resident(s) into ${village.name} (${village.code}) from ${file}.`,
  );
  if (summary.convertedIds.length > 0) {
    lines.push(
      `${summary.convertedIds.length} legacy 15-digit ID number(s) were converted to 18 digits (listed above).`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function ignoredColumnsLines(summary: ImportSummary): string[] {
  if (summary.ignoredColumns.length === 0) return [];
  const names = summary.ignoredColumns.map((column) => `「${column.column}」`).join('、');
  return [`以下列不是花名册的内容，没有读取：${names}。`];
}

// ---------------------------------------------------------------------------------------

function rejected(context: ResidentsContext, error: AppError): Outcome {
  const message = describeError(error.code, error.params ?? {});
  context.stderr(`错误：${message.zh}\nError: ${message.en}\n`);
  return 'rejected';
}
