import { common } from './common';
import { admin } from './admin';
import { staff } from './staff';

/**
 * The English catalogue, one file per area so areas can grow without touching each other.
 * Another language is another folder with the same keys.
 */
export const en = { ...common, ...staff, ...admin } as const;

export type MessageKey = keyof typeof en;
