import { t, type MessageKey } from '$lib/i18n';
import type { Track } from '$lib/routing';
import { CATEGORIES, type ReportDocument } from './report';

/** The report form's pages, in the order a reporter meets them. */
export type Step =
  | 'track'
  | 'category'
  | 'what'
  | 'when'
  | 'team'
  | 'involved'
  | 'staff'
  | 'others'
  | 'outcome'
  | 'contact'
  | 'preview'
  | 'sending'
  | 'key';

export interface FieldProblem {
  field?: string;
  message: string;
}

/** The questions asked for a track: a compliment needs no category, people or outcome. */
export function stepsFor(track: Track, hasTeams: boolean): Step[] {
  if (track === 'compliment') return ['track', 'what', 'when', 'contact', 'preview'];
  return [
    'track',
    'category',
    'what',
    'when',
    ...(hasTeams ? (['team'] as const) : []),
    'involved',
    'staff',
    'others',
    'outcome',
    'contact',
    'preview'
  ];
}

/** Each free-text field's limit and its name in the "must be N characters or fewer" message. */
export const LIMITS = {
  what: { step: 'what', max: 20_000, name: 'field.name.what' },
  when: { step: 'when', max: 500, name: 'field.name.when' },
  where: { step: 'when', max: 500, name: 'field.name.where' },
  'involved-others': { step: 'involved', max: 2000, name: 'field.name.involvedOthers' },
  others: { step: 'others', max: 5000, name: 'field.name.others' },
  outcome: { step: 'outcome', max: 5000, name: 'field.name.outcome' },
  contact: { step: 'contact', max: 500, name: 'field.name.contact' }
} as const satisfies Record<string, { step: Step; max: number; name: MessageKey }>;
export type LimitedField = keyof typeof LIMITS;

function fieldValue(report: ReportDocument, field: LimitedField): string {
  return {
    what: report.whatHappened,
    when: report.when,
    where: report.where,
    'involved-others': report.involvedOthers,
    others: report.othersKnow,
    outcome: report.outcome,
    contact: report.contact
  }[field];
}

export function errorFor(errors: readonly FieldProblem[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** What stops the reporter leaving `step`, each problem naming the field it is about. */
export function checkStep(
  step: Step,
  report: ReportDocument,
  trackChosen: boolean,
  tracks: readonly Track[]
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (step === 'track' && !trackChosen)
    problems.push({ field: `track-${tracks[0]}`, message: t('reporter.error.track') });
  if (step === 'category' && !report.category)
    problems.push({ field: `category-${CATEGORIES[0]}`, message: t('reporter.error.category') });
  if (step === 'what' && !report.whatHappened.trim())
    problems.push({ field: 'what', message: t('reporter.error.what') });
  for (const [field, limit] of Object.entries(LIMITS) as [
    LimitedField,
    (typeof LIMITS)[LimitedField]
  ][]) {
    if (limit.step === step && fieldValue(report, field).length > limit.max)
      problems.push({
        field,
        message: t('count.tooLong', {
          field: t(limit.name),
          max: limit.max.toLocaleString('en-GB')
        })
      });
  }
  return problems;
}
