/**
 * System entries (an escalation, a referral) say what happened to the case, for everyone on it.
 * They hold no content, only facts the audit log holds too, so they are stored in the clear:
 * `0x00 ‖ UTF-8 JSON`. The leading zero can never start a real entry (those start with their
 * version byte, 0x01), so no reader mistakes one for the other.
 */
export interface SystemRecord {
  event: 'escalated' | 'referred' | 'granted';
  personIds: string[];
  stage?: number;
  [fact: string]: string | number | string[] | undefined;
}

export const SYSTEM_RECORD_MARKER = 0x00;

export function encodeSystemRecord(record: SystemRecord): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(record));
  const out = new Uint8Array(json.length + 1);
  out[0] = SYSTEM_RECORD_MARKER;
  out.set(json, 1);
  return out;
}

export function decodeSystemRecord(bytes: Uint8Array): SystemRecord | null {
  if (bytes[0] !== SYSTEM_RECORD_MARKER) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes.subarray(1))) as SystemRecord;
  } catch {
    return null;
  }
}
