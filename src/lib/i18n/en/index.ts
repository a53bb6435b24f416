import { admin } from './admin';
import { cases } from './cases';
import { common } from './common';
import { reporter } from './reporter';
import { routing } from './routing';
import { staff } from './staff';
import { trust } from './trust';

/**
 * The English catalogue, one file per area so areas can grow without touching each other.
 * Another language is another folder with the same keys.
 */
export const en = {
  ...common,
  ...staff,
  ...admin,
  ...reporter,
  ...routing,
  ...cases,
  ...trust
} as const;

export type MessageKey = keyof typeof en;
