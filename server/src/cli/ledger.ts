/**
 * The town CLI's ledger commands, for townships migrating paper ledgers and checking
 * figures on the server's store:
 *
 * - `rules adopt-defaults`: a village adopts the township's template library as its rule set;
 * - `ledger import`: historical entries (积分台账, .xlsx) recorded effective, all or nothing,
 *   with the app's checks and a report row by row;
 * - `ledger template`: an empty 台账 with the right headers and the rule codes beside it;
 * - `score`: a resident's or a household's figures as JSON, explained event by event.
 *
 * The rules are shared/ledger's; server/src/ledger/ reads and writes the store. Arguments
 * are checked before the data directory is opened; the clock is read here.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { sortableId } from '../../../shared/collections/ids.ts';
import type { RuleCap, RuleDefinition } from '../../../shared/collections/rule.ts';
import type { AppError } from '../../../shared/errors.ts';
import type { LedgerContext } from '../../../shared/ledger/context.ts';
import { chinaDateOf, isCalendarDate } from '../../../shared/ledger/dates.ts';
import { pointsRange, ruleSetInForce } from '../../../shared/ledger/rule-sets.ts';
import { defaultRules } from '../../../shared/ledger/templates.ts';
import { validateVillageCode } from '../../../shared/places/division-codes.ts';
import { parseCitizenId } from '../../../shared/residents/citizen-id.ts';
import { writeXlsxTable } from '../../../shared/xlsx/write.ts';
import { adoptDefaultRules } from '../ledger/adopt.ts';
import { importLedger } from '../ledger/import.ts';
import { LEDGER_COLUMNS, type IgnoredColumn, type LedgerProblem } from '../ledger/ledger-table.ts';
import { scoreInVillage, type ScoreTarget } from '../ledger/score.ts';
import { loadRuleSets } from '../ledger/village-documents.ts';
import { describeError } from '../messages.ts';
import { readWorkbookFile } from './workbook-file.ts';
import { findVillage } from '../places/places.ts';
import { CLI_ACTOR, type ResidentsContext } from './residents.ts';

/** What a command did: run.ts turns it into the exit code. */
export type LedgerOutcome = 'ok' | 'rejected' | 'usage';

export type LedgerCliContext = ResidentsContext;

/** The meeting reference recorded when none is given: says so, since adoption is final. */
export const NO_MEETING_REF = '未登记会议文号（镇服务器命令行采用默认细则）';

function ledgerContext(now: number): LedgerContext {
  return {
    now,
    today: chinaDateOf(now),
    userId: CLI_ACTOR,
    deviceId: CLI_ACTOR,
    newId: () => sortableId(Date.now(), randomBytes(10)),
  };
}

// ---------------------------------------------------------------------------------------
// rules adopt-defaults

export async function rulesAdoptDefaults(
  values: Readonly<Record<string, string>>,
  context: LedgerCliContext,
): Promise<LedgerOutcome> {
  const villageCode = validateVillageCode(values['village'] ?? '');
  if (!villageCode.ok) return rejected(context, villageCode.error);
  const now = Date.now();
  const today = chinaDateOf(now);
  const meetingOn = values['meeting-on'] ?? today;
  const effectiveFrom = values['effective-from'] ?? meetingOn;
  for (const date of [meetingOn, effectiveFrom])
    if (!isCalendarDate(date))
      return rejected(context, { code: 'ledger.date-invalid', params: { value: date } });
  const meetingRef = values['meeting-ref'] ?? NO_MEETING_REF;

  return context.withDatabase(async (db) => {
    const village = await findVillage(db, villageCode.value);
    if (village === undefined) return villageUnknown(context, villageCode.value);
    const outcome = await adoptDefaultRules(db, {
      villageCode: village.code,
      title: `${village.name}积分细则`,
      meetingRef,
      meetingOn,
      effectiveFrom,
      context: ledgerContext(now),
    });
    if (!outcome.ok) return rejected(context, outcome.error);
    const { ruleSet } = outcome;
    const lines = [
      `${village.name}（${village.code}）已采用积分细则第 ${ruleSet.setVersion} 版「${ruleSet.title}」：` +
        `${ruleSet.rules.length} 条规则，适用于 ${ruleSet.effectiveFrom} 起发生的事项；` +
        `村民代表大会 ${meetingOn}，${meetingRef}。`,
    ];
    if (outcome.publishedTemplates + outcome.publishedSchemes > 0)
      lines.push(
        `乡镇 ${village.townshipCode} 的规则模板库此前没有这些内容，已一并发布：` +
          `${outcome.publishedTemplates} 条规则模板，${outcome.publishedSchemes} 个信用等级方案。`,
      );
    if (values['meeting-ref'] === undefined)
      lines.push(
        '没有给出会议文号（--meeting-ref）；细则一经采用不能再改，如需记录会议文号，请在软件中新建一版并登记。',
      );
    lines.push(
      `${village.name} (${village.code}) adopted version ${ruleSet.setVersion} of its rule set: ` +
        `${ruleSet.rules.length} rules, for acts from ${ruleSet.effectiveFrom}; ` +
        `representative meeting of ${meetingOn}, ${meetingRef}.`,
    );
    if (outcome.publishedTemplates + outcome.publishedSchemes > 0)
      lines.push(
        `Township ${village.townshipCode}'s template library lacked them, so it was published too: ` +
          `${outcome.publishedTemplates} rule templates, ${outcome.publishedSchemes} tier schemes.`,
      );
    context.stdout(`${lines.join('\n')}\n`);
    return 'ok';
  });
}

// ---------------------------------------------------------------------------------------
// ledger import

export async function ledgerImport(
  villageArgument: string,
  file: string,
  context: LedgerCliContext,
): Promise<LedgerOutcome> {
  const villageCode = validateVillageCode(villageArgument);
  if (!villageCode.ok) return rejected(context, villageCode.error);
  const sheet = await readWorkbookFile(file);
  if (!sheet.ok) return rejected(context, sheet.error);

  const now = Date.now();
  return context.withDatabase(async (db) => {
    const village = await findVillage(db, villageCode.value);
    if (village === undefined) return villageUnknown(context, villageCode.value);
    const outcome = await importLedger(db, {
      villageCode: village.code,
      table: sheet.value.rows,
      context: ledgerContext(now),
      crypto: globalThis.crypto,
    });
    if (!outcome.ok) {
      context.stderr(ledgerProblemReport(outcome.problems, outcome.summary.ignoredColumns));
      return 'rejected';
    }
    const accruals = outcome.events.filter((e) => e.kind === 'accrual').length;
    const deductions = outcome.events.length - accruals;
    const lines = [
      `已从 ${file} 为 ${village.name}（${village.code}）导入历史积分记录 ${outcome.events.length} 条` +
        `（加分 ${accruals} 条，扣分 ${deductions} 条），涉及村民 ${outcome.residents} 人、户 ${outcome.households} 户；` +
        '每条记录自发生日期起生效，有效期从发生日期起算。',
      ...ignoredColumnsLines(outcome.summary.ignoredColumns),
      `Imported ${outcome.events.length} historical entries (${accruals} bonuses, ${deductions} deductions) ` +
        `about ${outcome.residents} resident(s) and ${outcome.households} household(s) into ${village.name} (${village.code}) from ${file}; ` +
        'each is effective from the date of its act, and its validity runs from that date.',
    ];
    context.stdout(`${lines.join('\n')}\n`);
    return 'ok';
  });
}

/**
 * One line per problem, 「第 N 行 · 列名 · 值：message」 in Chinese and the same in English
 * below it, then the columns not read and a summary line.
 */
export function ledgerProblemReport(
  problems: readonly LedgerProblem[],
  ignoredColumns: readonly IgnoredColumn[],
): string {
  const lines: string[] = [];
  for (const problem of problems) {
    const place = [problem.column, problem.value].filter((part) => part !== '');
    const message = describeError(problem.code, problem.params);
    lines.push(`${[`第 ${problem.row} 行`, ...place].join(' · ')}：${message.zh}`);
    lines.push(`  ${[`Row ${problem.row}`, ...place].join(' · ')}: ${message.en}`);
  }
  lines.push(...ignoredColumnsLines(ignoredColumns));
  const rows = new Set(problems.map((problem) => problem.row)).size;
  lines.push(
    `共 ${problems.length} 个问题，涉及 ${rows} 行；没有导入任何记录。请按上面的说明改正文件后重新导入。`,
    `${problems.length} problem(s) in ${rows} row(s); nothing was imported. Correct the file as described above and import again.`,
  );
  return `${lines.join('\n')}\n`;
}

function ignoredColumnsLines(ignored: readonly IgnoredColumn[]): string[] {
  if (ignored.length === 0) return [];
  const names = ignored.map((column) => `「${column.column}」`).join('、');
  return [`以下列不是积分台账的内容，没有读取：${names}。`];
}

// ---------------------------------------------------------------------------------------
// ledger template

const PERIOD_WORDS: { readonly [P in RuleCap['per']]: string } = {
  event: '每次记录',
  month: '每月',
  'two-months': '每两个月',
  quarter: '每季度',
  'half-year': '每半年',
  year: '每年',
  lifetime: '累计',
};

function capWords(cap: RuleCap | undefined): string {
  if (cap === undefined) return '';
  const limits = [
    ...(cap.times === undefined ? [] : [`${cap.times} 次`]),
    ...(cap.points === undefined ? [] : [`${cap.points} 分`]),
  ];
  return `${PERIOD_WORDS[cap.per]}最多 ${limits.join('、')}`;
}

function pointsWords(rule: RuleDefinition): string {
  const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
  if (rule.points !== undefined) return signed(rule.points);
  const { min, max } = pointsRange(rule);
  return `${signed(min)} 至 ${signed(max)}（一事一议，填「分值」）`;
}

const GUIDE_ROWS: readonly (readonly string[])[] = [
  ['积分台账导入说明'],
  [
    '第一个工作表「积分台账」是要导入的记录：每行一条，表头按名称识别，列的顺序不限，多余的列不读取，空行跳过。',
  ],
  ['身份证号', '个人规则填村民的身份证号（须已登记在本村）；与户编号只填一个。'],
  ['户编号', '户规则填户编号（须已登记在本村）；与身份证号只填一个。'],
  ['规则编码', '本村积分细则中的规则编码，见工作表「规则编码」，如 P-BLOOD。'],
  [
    '发生日期',
    '事项发生的日期，如 2025-03-01；有效期从这一天起算。须在积分细则施行之后、不晚于今天。',
  ],
  ['数量', '次数或单位数，1 至 10000 的整数；不填按 1。'],
  ['分值', '一事一议的规则填每次的分值（在规则的范围内；扣分可不写负号）；固定分值的规则不填。'],
  ['备注', '事项说明（可不填）。'],
  [
    '同一村民（户）、同一规则、同一天只能有一条记录；每条规则的次数和分值上限照样检查。有一处问题就什么都不导入。',
  ],
  ['例', '身份证号 11010519491231002X，规则编码 P-BLOOD，发生日期 2025-03-01，数量 1。'],
];

export async function ledgerTemplate(
  values: Readonly<Record<string, string>>,
  context: LedgerCliContext,
): Promise<LedgerOutcome> {
  const file = values['file'] ?? '';
  const villageArgument = values['village'];
  let rules: readonly RuleDefinition[] = defaultRules();
  let source = '默认规则模板库';
  if (villageArgument !== undefined) {
    const villageCode = validateVillageCode(villageArgument);
    if (!villageCode.ok) return rejected(context, villageCode.error);
    const today = chinaDateOf(Date.now());
    const found = await context.withDatabase(async (db) => {
      const village = await findVillage(db, villageCode.value);
      if (village === undefined) return undefined;
      return { village, set: ruleSetInForce(await loadRuleSets(db, village.code), today) };
    });
    if (found === undefined) return villageUnknown(context, villageCode.value);
    if (found.set === undefined)
      return rejected(context, { code: 'ledger.no-rule-set', params: { date: today } });
    rules = found.set.rules;
    source = `${found.village.name}积分细则第 ${found.set.setVersion} 版`;
  }
  const headers = LEDGER_COLUMNS.map((column) => column.header);
  const bytes = writeXlsxTable([
    {
      name: '积分台账',
      rows: [headers],
      headerRows: 1,
      // IDs, 户编号 and codes stay text (no 3.2E+17, no 001 → 1).
      textColumns: [0, 1, 2],
      columnWidths: [22, 10, 16, 12, 8, 8, 30],
    },
    { name: '填写说明', rows: GUIDE_ROWS, columnWidths: [12, 100] },
    {
      name: '规则编码',
      rows: [
        [`规则编码（${source}）`, '类别', '名称', '分值', '记分对象', '上限', '有效期（月）'],
        ...rules.map((rule) => [
          rule.code,
          rule.category,
          rule.nameZh,
          pointsWords(rule),
          rule.subject === 'person' ? '个人（填身份证号）' : '户（填户编号）',
          capWords(rule.cap),
          rule.validityMonths,
        ]),
      ],
      headerRows: 1,
      columnWidths: [24, 10, 36, 30, 18, 20, 12],
    },
  ]);
  try {
    await writeFile(file, bytes, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return rejected(context, { code: 'ledger.template-file-exists', params: { file } });
    throw error;
  }
  context.stdout(
    `已写出积分台账模板 ${file}（${rules.length} 条规则编码见工作表「规则编码」，来自${source}）。\n` +
      `Wrote the ledger template ${file} (${rules.length} rule codes in the sheet 规则编码).\n`,
  );
  return 'ok';
}

// ---------------------------------------------------------------------------------------
// score

export async function score(
  values: Readonly<Record<string, string>>,
  context: LedgerCliContext,
): Promise<LedgerOutcome> {
  const villageCode = validateVillageCode(values['village'] ?? '');
  if (!villageCode.ok) return rejected(context, villageCode.error);
  const id = values['id'];
  const householdNo = values['household'];
  if ((id === undefined) === (householdNo === undefined)) {
    const problem =
      id === undefined
        ? { problem: 'missing-option', detail: '--id | --household' }
        : {
            problem: 'exclusive-options',
            detail: '--id 和 --household 只能用一个 (use either --id or --household)',
          };
    return rejected(
      context,
      { code: 'cli.usage', params: { ...problem, help: 'npm run town -- score --help' } },
      'usage',
    );
  }
  const now = Date.now();
  const today = chinaDateOf(now);
  const asOf = values['as-of'] ?? today;
  if (!isCalendarDate(asOf))
    return rejected(context, { code: 'ledger.date-invalid', params: { value: asOf } });
  let target: ScoreTarget;
  if (id !== undefined) {
    const parsed = parseCitizenId(id, today);
    if (!parsed.ok) return rejected(context, parsed.error);
    target = { type: 'resident', idNumber: parsed.value.number };
  } else target = { type: 'household', householdNo: (householdNo ?? '').trim() };

  return context.withDatabase(async (db) => {
    const village = await findVillage(db, villageCode.value);
    if (village === undefined) return villageUnknown(context, villageCode.value);
    const report = await scoreInVillage(db, {
      village: { code: village.code, name: village.name },
      target,
      asOf,
      crypto: globalThis.crypto,
    });
    if (!report.ok) return rejected(context, report.error);
    context.stdout(`${JSON.stringify(report.value, null, 2)}\n`);
    return 'ok';
  });
}

// ---------------------------------------------------------------------------------------

function villageUnknown(context: LedgerCliContext, code: string): LedgerOutcome {
  return rejected(context, { code: 'place.village-unknown', params: { code } });
}

function rejected(
  context: LedgerCliContext,
  error: AppError,
  outcome: LedgerOutcome = 'rejected',
): LedgerOutcome {
  const message = describeError(error.code, error.params ?? {});
  context.stderr(`错误：${message.zh}\nError: ${message.en}\n`);
  return outcome;
}
