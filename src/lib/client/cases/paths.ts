/** Paths of the staff case pages. */
export const casePaths = {
  inbox: '/staff/inbox',
  overdue: '/staff/overdue',
  case: (caseId: string) => `/staff/cases/${encodeURIComponent(caseId)}`,
  record: (caseId: string) => `/staff/cases/${encodeURIComponent(caseId)}/record`
} as const;
