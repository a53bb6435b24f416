import { admin } from './admin';
import { cases } from './cases';
import { common } from './common';
import { files } from './files';
import { further } from './further';
import { receipt } from './receipt';
import { records } from './records';
import { pow } from './pow';
import { reporter } from './reporter';
import { secondFactor } from './second-factor';
import { routing, routingReporter } from './routing';
import { staff } from './staff';
import { stages } from './stages';
import { trust, trustStaff } from './trust';
import { staffErrors } from './staff-errors';
import { usability } from './usability';

/**
 * The English catalogue, one file per area so areas can grow without touching each other.
 * Another language is another folder with the same keys.
 */
export const en = {
  ...common,
  ...staff,
  ...admin,
  ...reporter,
  ...further,
  ...receipt,
  ...records,
  ...routing,
  ...routingReporter,
  ...cases,
  ...stages,
  ...trust,
  ...trustStaff,
  ...usability,
  ...staffErrors,
  ...secondFactor,
  ...pow,
  ...files
} as const;

export type MessageKey = keyof typeof en;

/** The keys a reporter can meet: each one needs a translation in every language. */
export const reporterFacing = {
  ...common,
  ...reporter,
  ...further,
  ...receipt,
  ...pow,
  ...routingReporter,
  ...trust,
  ...usability,
  ...files
} as const;
export type ReporterFacingKey = keyof typeof reporterFacing;
