/** Route helpers, so paths are written once. */
export const paths = {
  home: '/',
  setup: '/setup',
  staff: '/staff',
  signIn: '/staff/sign-in',
  invite: '/staff/invite',
  recover: '/staff/recover',
  security: '/staff/security',
  host: '/staff/host',
  people: '/staff/admin/people',
  policy: '/staff/admin/policy',
  notices: '/staff/admin/notices',
  inbox: '/staff/inbox',
  overdue: '/staff/overdue',
  review: '/staff/records/review',
  statistics: '/staff/records/statistics',
  case: (caseId: string) => `/staff/cases/${encodeURIComponent(caseId)}`,
  caseRecord: (caseId: string) => `/staff/cases/${encodeURIComponent(caseId)}/record`,
  organisation: (slug: string) => `/o/${encodeURIComponent(slug)}`,
  report: (slug: string) => `/o/${encodeURIComponent(slug)}/report`,
  followUp: (slug: string) => `/o/${encodeURIComponent(slug)}/case`
} as const;

/** Staff and set-up pages may use a session cookie; every other page is reporter-facing. */
export function isStaffPath(pathname: string): boolean {
  return /^\/(staff|setup)(\/|$)/.test(pathname);
}
