import { stageOf, type Policy, type Role, type RoleSelector, type Track } from './policy';

const roleOf = (selector: RoleSelector): Role =>
  typeof selector === 'string' ? selector : selector.role;

/**
 * Every role that some rule of the track can send a case to, at any stage: its tiers, the roles
 * it always includes, its conditional inclusions and its panels. Someone holding one of these
 * can come to read a case of the track; which of them does depends on the case.
 */
export function rolesEligibleFor(policy: Policy, track: Track): Set<Role> {
  const roles = new Set<Role>();
  const trackPolicy = policy.tracks[track];
  if (!trackPolicy) return roles;
  trackPolicy.stages.forEach((_, i) => {
    const stage = stageOf(policy, track, i + 1);
    const selectors = [
      ...stage.tiers.flatMap((tier) => tier.roles),
      ...stage.alwaysInclude,
      ...(stage.includeIf ?? []).flatMap((rule) => rule.roles),
      ...(stage.panel?.roles ?? [])
    ];
    for (const selector of selectors) roles.add(roleOf(selector));
  });
  return roles;
}
