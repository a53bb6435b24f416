import type { Role, UnitKind } from '$lib/schemas/common';

export interface DemoPerson {
  key: string;
  displayName: string;
  email: string;
  roles: Role[];
  /** Team ids from the organisation's policy; signed with the roles. */
  teams?: string[];
  isAdmin?: boolean;
}

export interface DemoUnit {
  slug: string;
  name: string;
  kind: UnitKind;
  people: DemoPerson[];
  /** Slugs of the external bodies that serve an organisation. */
  bodies?: string[];
}
