/**
 * What a browser remembers about each unit it has verified: the unit key, and the highest roster
 * list version seen. A staff browser keeps it in localStorage (public keys and numbers only); a
 * reporter's browser keeps nothing, so its pins come from the case itself.
 */
export interface UnitPin {
  signingPublicKey: string;
  listVersion: number;
}

export interface PinStore {
  get(unitId: string): UnitPin | null;
  /** Records a unit that verified; the list version never goes down. */
  put(unitId: string, pin: UnitPin): void;
}

export const PIN_STORAGE_KEY = 'candour.unit-pins.v1';

function isPin(value: unknown): value is UnitPin {
  const pin = value as UnitPin;
  return (
    typeof pin === 'object' &&
    pin !== null &&
    typeof pin.signingPublicKey === 'string' &&
    Number.isInteger(pin.listVersion) &&
    pin.listVersion >= 0
  );
}

/** Pins held in memory only, optionally starting from known ones (a reporter's case). */
export function memoryPins(initial: Record<string, UnitPin> = {}): PinStore & {
  all(): Record<string, UnitPin>;
} {
  const pins = new Map(Object.entries(initial));
  return {
    get: (unitId) => pins.get(unitId) ?? null,
    put(unitId, pin) {
      const old = pins.get(unitId);
      pins.set(unitId, {
        signingPublicKey: pin.signingPublicKey,
        listVersion: Math.max(pin.listVersion, old?.listVersion ?? 0)
      });
    },
    all: () => Object.fromEntries(pins)
  };
}

/** A staff browser's pins, in localStorage; a corrupt entry counts as no pin for that unit. */
export function browserPins(storage: Storage = localStorage): PinStore {
  const read = (): Record<string, unknown> => {
    try {
      const value = JSON.parse(storage.getItem(PIN_STORAGE_KEY) ?? '{}') as unknown;
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    get(unitId) {
      const pin = read()[unitId];
      return isPin(pin) ? pin : null;
    },
    put(unitId, pin) {
      const all = read();
      const old = all[unitId];
      all[unitId] = {
        signingPublicKey: pin.signingPublicKey,
        listVersion: Math.max(pin.listVersion, isPin(old) ? old.listVersion : 0)
      };
      storage.setItem(PIN_STORAGE_KEY, JSON.stringify(all));
    }
  };
}
