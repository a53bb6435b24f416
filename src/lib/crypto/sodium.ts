// The only file that loads libsodium. It is imported lazily so that pages which never
// touch crypto do not pay for the ~535 kB sumo build.
import type SodiumModule from 'libsodium-wrappers-sumo';
import { CryptoNotReadyError } from './errors';

export type Sodium = typeof SodiumModule;

let instance: Sodium | undefined;
let loading: Promise<void> | undefined;

export function ready(): Promise<void> {
  loading ??= (async () => {
    const mod = await import('libsodium-wrappers-sumo');
    const sodium = mod.default;
    await sodium.ready;
    instance = sodium;
  })();
  return loading;
}

export function isReady(): boolean {
  return instance !== undefined;
}

/** The loaded library; every synchronous function in this module goes through here. */
export function lib(): Sodium {
  if (!instance) throw new CryptoNotReadyError();
  return instance;
}
