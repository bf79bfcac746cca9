/**
 * How often things happen in a generated village: expected entries per person (by age) or
 * per household and year for each rule of the default library (shared/ledger/
 * default-templates.ts), and the notes clerks write. The figures are plausible orders of
 * magnitude from the schemes the library comes from (a volunteer stint or a clean-up day
 * most months, a few per cent deductions, a direct rating a handful of times a year in a
 * village of thousands), not statistics of a real village.
 *
 * Two kinds of acts are recorded in batches, as villages do: the monthly clean-up day
 * (P-CLEAN, everyone who took part) and the quarterly household hygiene inspection
 * (P-HYGIENE, every household that passed). Everything else is one act of one subject.
 */

export interface RuleRate {
  readonly code: string;
  /** Expected acts per subject and year. */
  readonly perYear: number;
  /** Units per act (quantity), inclusive; default 1. */
  readonly quantity?: readonly [number, number];
  /** For a case-by-case rule (一事一议): unit points, inclusive, signed as the rule. */
  readonly points?: readonly [number, number];
}

/** People aged 16-69. */
const ADULT: readonly RuleRate[] = [
  { code: 'P-VOL-4H', perYear: 1.0 },
  { code: 'P-VOL-10H', perYear: 0.12 },
  { code: 'P-VOL-50H', perYear: 0.03 },
  { code: 'P-VOL-100H', perYear: 0.008 },
  { code: 'P-TRAIN', perYear: 0.7 },
  { code: 'P-HELP', perYear: 0.5 },
  { code: 'P-ELDER', perYear: 0.12 },
  { code: 'P-FILIAL', perYear: 0.04 },
  { code: 'P-MEDIATE', perYear: 0.04, points: [2, 8] },
  { code: 'P-BRAVE', perYear: 0.002 },
  { code: 'P-FOUND-S', perYear: 0.04 },
  { code: 'P-FOUND-M', perYear: 0.015 },
  { code: 'P-FOUND-L', perYear: 0.004 },
  { code: 'P-DONATE', perYear: 0.15, quantity: [1, 5] },
  { code: 'P-BLOOD', perYear: 0.04 },
  { code: 'P-MARROW', perYear: 0.0005 },
  { code: 'P-SUGGEST', perYear: 0.15 },
  { code: 'P-REPORT', perYear: 0.02 },
  { code: 'P-HONOR-TOWN', perYear: 0.02 },
  { code: 'P-HONOR-COUNTY', perYear: 0.005 },
  { code: 'P-HONOR-CITY', perYear: 0.0015 },
  { code: 'P-HONOR-PROV', perYear: 0.0003 },
  { code: 'P-HONOR-NATION', perYear: 0.00003 },
  { code: 'P-ARMY', perYear: 0.002 },
  { code: 'P-COMMIT-KEPT', perYear: 0.25 },
  { code: 'N-LITTER', perYear: 0.04 },
  { code: 'N-BURN', perYear: 0.03 },
  { code: 'N-OCCUPY', perYear: 0.015 },
  { code: 'N-GREEN', perYear: 0.008 },
  { code: 'N-FIGHT', perYear: 0.008 },
  { code: 'N-CROP-THEFT', perYear: 0.002 },
  { code: 'N-GAMBLE', perYear: 0.004 },
  { code: 'N-TREE-CUT', perYear: 0.0015 },
  { code: 'N-OBSTRUCT', perYear: 0.002 },
  { code: 'N-ELDER-ABUSE', perYear: 0.0008 },
  { code: 'N-FALSE-INFO', perYear: 0.0008 },
  { code: 'N-FALSE-COMPLAINT', perYear: 0.0008 },
  { code: 'N-RUMOR', perYear: 0.0015 },
  { code: 'N-VILLAGE-RULES', perYear: 0.025 },
  { code: 'N-VILLAGE-RULES-SERIOUS', perYear: 0.004 },
  { code: 'N-COMMIT-BROKEN', perYear: 0.008 },
  // Direct ratings (直接判级): a handful a year in a large village.
  { code: 'N-CULT', perYear: 0.0002 },
  { code: 'N-FRAUD-SUBSIDY', perYear: 0.0003 },
  { code: 'N-DEBTOR', perYear: 0.0003 },
  { code: 'N-DETENTION', perYear: 0.0003 },
];

/** Children under 16. */
const MINOR: readonly RuleRate[] = [
  { code: 'P-VOL-4H', perYear: 0.3 },
  { code: 'P-HELP', perYear: 0.1 },
  { code: 'P-FOUND-S', perYear: 0.05 },
  { code: 'P-HONOR-TOWN', perYear: 0.01 },
  { code: 'P-SUGGEST', perYear: 0.01 },
  { code: 'N-LITTER', perYear: 0.005 },
];

/** People of 70 and over. */
const ELDER: readonly RuleRate[] = [
  { code: 'P-VOL-4H', perYear: 0.2 },
  { code: 'P-HELP', perYear: 0.15 },
  { code: 'P-MEDIATE', perYear: 0.05, points: [2, 6] },
  { code: 'P-SUGGEST', perYear: 0.1 },
  { code: 'P-COMMIT-KEPT', perYear: 0.1 },
  { code: 'P-DONATE', perYear: 0.05, quantity: [1, 3] },
  { code: 'N-BURN', perYear: 0.02 },
  { code: 'N-VILLAGE-RULES', perYear: 0.005 },
];

export type AgeClass = 'minor' | 'adult' | 'elder';

export const PERSON_RATES: { readonly [C in AgeClass]: readonly RuleRate[] } = {
  minor: MINOR,
  adult: ADULT,
  elder: ELDER,
};

export function ageClassOf(age: number): AgeClass {
  return age < 16 ? 'minor' : age < 70 ? 'adult' : 'elder';
}

/** Per active household and year (the household's own rules). */
export const HOUSEHOLD_RATES: readonly RuleRate[] = [
  { code: 'P-YARD', perYear: 1.0 },
  { code: 'P-WASTE', perYear: 1.5 },
  { code: 'P-WEDDING', perYear: 0.03 },
  { code: 'P-ECOM-HONEST', perYear: 0.02 },
  { code: 'P-LAND', perYear: 0.01 },
  { code: 'P-DEMOLISH', perYear: 0.005 },
  { code: 'N-SEWAGE', perYear: 0.03 },
  { code: 'N-LAVISH', perYear: 0.01 },
  { code: 'N-NO-COOP', perYear: 0.015 },
  { code: 'N-CONTRACT', perYear: 0.004 },
  { code: 'N-FARMLAND', perYear: 0.0004 },
  { code: 'N-ILLEGAL-BUILD', perYear: 0.0008 },
  { code: 'N-ECOM-FAKE', perYear: 0.0002 },
];

/** Monthly clean-up day (P-CLEAN, 1-5 points a day): the share of each class taking part. */
export const CLEAN_UP_SHARE: { readonly [C in AgeClass]: number } = {
  minor: 0,
  adult: 0.15,
  elder: 0.03,
};

/** Quarterly hygiene inspection (P-HYGIENE): the share of households that pass. */
export const HYGIENE_PASS_SHARE = 0.6;

/** Expected entries a year of one subject of a class (batches included). */
export function expectedPerYear(rates: readonly RuleRate[], batchShare: number): number {
  return rates.reduce((sum, rate) => sum + rate.perYear, 0) + batchShare;
}

/** Notes clerks write for some rules (most entries have none). */
export const NOTES: { readonly [code: string]: readonly string[] } = {
  'P-VOL-4H': ['参加志愿服务：敬老院帮扶', '参加志愿服务：交通劝导', '参加志愿服务：防汛值守'],
  'P-VOL-10H': ['全年志愿服务累计满10小时'],
  'P-CLEAN': ['参加村庄环境集中整治'],
  'P-TRAIN': ['参加农技培训', '参加普法讲座', '参加防诈骗宣传会'],
  'P-HELP': ['帮助邻居抢收', '帮助独居老人买药'],
  'P-DONATE': ['向村教育基金捐款'],
  'P-SUGGEST': ['提出村道路灯改造建议，被村委会采纳'],
  'P-YARD': ['庭院整洁，评为美丽庭院'],
  'P-HYGIENE': ['季度卫生检查合格'],
  'P-WASTE': ['垃圾分类检查合格'],
  'N-LITTER': ['在村道乱扔垃圾，经劝导'],
  'N-BURN': ['焚烧秸秆'],
  'N-SEWAGE': ['生活污水直排沟渠'],
  'N-VILLAGE-RULES': ['违反村规民约，经调解'],
};

export const RETURN_NOTES: readonly string[] = [
  '请补充现场照片或证明人',
  '发生日期与登记本不一致，请核对后重新提交',
];
export const REJECT_NOTES: readonly string[] = ['经核实不符合本条加分条件', '同一事项已由他人登记'];
export const OBJECTION_REASONS: readonly string[] = [
  '当天本人不在村里，记录有误',
  '情况与事实不符，请村委会核实',
  '扣分过重，申请复核',
];
export const UPHELD_NOTES: readonly string[] = ['经核实，记录有误，予以撤销'];
export const DISMISSED_NOTES: readonly string[] = ['经核实，情况属实，维持原记录'];
export const CORRECTION_REASONS: readonly string[] = [
  '录入错误：记错了村民',
  '录入错误：规则选错',
  '重复登记，予以冲正',
];
export const REFUSED_CONFIRMATION_NOTES: readonly string[] = ['证据不足，不予确认'];
export const CANCEL_REASONS: readonly string[] = ['村民要求取消兑换，积分退回'];
