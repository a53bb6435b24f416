import { t, type MessageKey } from '$lib/i18n';
import type { AuditJson } from '$lib/audit';

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
        : t('cases.timeline.date', { field: k, date: String(v) || '—' })
    );
    return `${t('cases.timeline.case.updated')} ${parts.join(', ')}`;
  }
  return t(`cases.timeline.${action}` as MessageKey, { who: people });
}
