/** English: the reporter's pages (landing, report, case key, follow-up). */
export const reporter = {} as const;
