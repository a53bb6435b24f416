import { z } from 'zod';

/** An organisation's batch interval for reporter-triggered notices; never "at once". */
export const noticeSettingsSchema = z.strictObject({
  intervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)])
});
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;
