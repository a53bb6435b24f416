import { z } from 'zod';
import { uuidSchema } from './common';

/** Deleting a case at review: the holder confirms by sending the case's id again. */
export const deleteCaseSchema = z.strictObject({ caseId: uuidSchema });

/** The statistics page's period: a calendar year, or everything. */
export const statisticsQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional()
});
