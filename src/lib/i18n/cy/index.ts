import type { ReporterFacingKey } from '../en/index';
import { common } from './common';
import { files } from './files';
import { further } from './further';
import { receipt } from './receipt';
import { pow } from './pow';
import { reporter } from './reporter';
import { routingReporter } from './routing';
import { trust } from './trust';
import { usability } from './usability';

/**
 * Cymraeg, for every page a reporter can meet. Staff pages stay in English for now, so their
 * keys are not here. Written by a fluent non-native writer: a native speaker should review it.
 */
export const cy = {
  ...common,
  ...reporter,
  ...further,
  ...receipt,
  ...pow,
  ...routingReporter,
  ...trust,
  ...usability,
  ...files
} as const satisfies Record<ReporterFacingKey, string>;
