import { t, type MessageKey } from '$lib/i18n';
import type { AuditJson } from '$lib/audit';
import { longDate } from '$lib/client/reporter/labels';

const KNOWN = new Set([
  'case.submitted',
  'case.referred',
  'case.granted',
  'case.escalated',
  'case.revoked',
  'case.keys_reset',
  'case.updated',
  'entry.message',
  'entry.note',
  'entry.action'
]);

/** Fields a case update may change, in words (see updateCase in $lib/server/cases/store). */
const FIELD_LABELS: Record<string, MessageKey> = {
  stage: 'timeline.field.stage',
  acknowledgedOn: 'timeline.field.acknowledgedOn',
  respondedOn: 'timeline.field.respondedOn',
  closedOn: 'timeline.field.closedOn',
  stageStartedOn: 'timeline.field.stageStartedOn'
};

function dayOrValue(value: AuditJson): string {
  const text = String(value ?? '');
  if (!text) return t('timeline.field.cleared');
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? longDate(text) : text;
}

/** A plain-language line for one audit event (actions and facts only; never content). */
export function actionLabel(
  action: string,
  detail: Record<string, AuditJson>,
  nameOf: (id: string | null) => string
): string {
  if (!KNOWN.has(action)) return action;
  const people = Array.isArray(detail.personIds)
    ? detail.personIds.map((id) => nameOf(String(id))).join(', ')
    : typeof detail.personId === 'string'
      ? nameOf(detail.personId)
      : '';
  if (action === 'case.updated') {
    const parts = Object.entries(detail).map(([k, v]) =>
      k === 'status'
        ? t('cases.timeline.status', { status: t(`cases.status.${String(v)}` as MessageKey) })
        : k in FIELD_LABELS
          ? t(FIELD_LABELS[k]!, { value: dayOrValue(v) })
          : t('cases.timeline.date', { field: k, date: String(v) || '—' })
    );
    return `${t('cases.timeline.case.updated')} ${parts.join(', ')}`;
  }
  return t(`cases.timeline.${action}` as MessageKey, { who: people });
}
