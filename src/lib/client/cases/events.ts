/**
 * What happened to a case, as the person who did it wrote it: an event entry in the case's
 * chain, signed by that person's browser (staff: an action under the content key; the reporter:
 * a message). Old cases also hold records the server wrote in the clear, `0x00 ‖ JSON`; those
 * are claims nobody signed and are shown as such, never as facts.
 */
export const EVENT_TYPES = [
  'acknowledged',
  'status',
  'referred',
  'granted',
  'revoked',
  'escalated'
] as const;
export type CaseEventType = (typeof EVENT_TYPES)[number];

export interface CaseEvent {
  event: CaseEventType;
  personIds: string[];
  stage?: number;
  /** An external body's kind, or `next_tier` / `next_stage`. */
  body?: string;
  status?: string;
  purpose?: string;
}

/** The event an entry body carries, if it is a well-formed one. */
export function eventOf(body: unknown): CaseEvent | null {
  const value = (body as { event?: unknown } | null)?.event as Partial<CaseEvent> | undefined;
  if (!value || typeof value !== 'object') return null;
  if (!EVENT_TYPES.includes(value.event as CaseEventType)) return null;
  return {
    event: value.event as CaseEventType,
    personIds: Array.isArray(value.personIds)
      ? value.personIds.filter((p): p is string => typeof p === 'string')
      : [],
    ...(typeof value.stage === 'number' ? { stage: value.stage } : {}),
    ...(typeof value.body === 'string' ? { body: value.body } : {}),
    ...(typeof value.status === 'string' ? { status: value.status } : {}),
    ...(typeof value.purpose === 'string' ? { purpose: value.purpose } : {})
  };
}

/** An old case's clear server record (`0x00 ‖ UTF-8 JSON`), or null. */
export function decodeServerRecord(bytes: Uint8Array): CaseEvent | null {
  if (bytes[0] !== 0x00) return null;
  try {
    return eventOf({ event: JSON.parse(new TextDecoder().decode(bytes.subarray(1))) });
  } catch {
    return null;
  }
}
