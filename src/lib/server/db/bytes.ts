import { customType } from 'drizzle-orm/pg-core';

/**
 * postgres.js returns bytea as Buffer, PGlite as Uint8Array: every binary column goes through
 * this one type so the rest of Candour only ever sees a plain Uint8Array.
 */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) {
    return Object.getPrototypeOf(value) === Uint8Array.prototype
      ? value
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (typeof value === 'string' && value.startsWith('\\x')) {
    return Uint8Array.from(Buffer.from(value.slice(2), 'hex'));
  }
  throw new TypeError('expected a bytea value');
}

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => toBytes(value)
});
