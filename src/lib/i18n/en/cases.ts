/** English: case handling for recipients (inbox, case view, actions). */
export const cases = {} as const;
