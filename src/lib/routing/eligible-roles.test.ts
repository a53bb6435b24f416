import { describe, expect, it } from 'vitest';
import { presetById } from './presets/index';
import { rolesEligibleFor } from './eligible-roles';

describe('rolesEligibleFor', () => {
  it('lists the roles a safeguarding case can reach under the default policy', () => {
    const roles = rolesEligibleFor(presetById('default')!.policy, 'safeguarding');
    expect(roles.has('safeguarding_lead')).toBe(true);
    expect(roles.has('deputy_safeguarding_lead')).toBe(true);
    expect(roles.has('external_member')).toBe(false);
  });

  it('is empty for a track the policy does not offer', () => {
    const policy = presetById('default')!.policy;
    expect(
      rolesEligibleFor(
        { ...policy, tracks: { complaint: policy.tracks.complaint } },
        'safeguarding'
      ).size
    ).toBe(0);
  });
});
