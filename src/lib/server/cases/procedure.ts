/**
 * What the organisation's procedure allows a case to do next, checked by the server from facts
 * it holds (stage, dates, the audit trail, units): the reporter asking for the next stage or an
 * outside body, and the chair forming a stage-3 panel. Each refusal says why, in words a person
 * can act on; the browser shows the same rule before anything is sent ($lib/routing/further).
 */
import { inArray } from 'drizzle-orm';
import {
  bodiesAt,
  nextStage,
  panelCandidates,
  stageOf,
  type BodyKind,
  type Policy,
  type RosterMember
} from '$lib/routing';
import type { Database } from '../db';
import { personRoles } from '../db/schema';
import { eligibleHolderIds } from './holders';
import { stage2InvestigatorFromAudit } from './staff-queries';
import type { CaseRecord } from './types';

export interface Refusal {
  /** `window_closed`, `not_answered`, `final_stage`, `not_offered`, `not_inside`, `no_panel`, `investigator`, `not_on_panel`. */
  code: string;
  message: string;
}

function dayInWords(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric'
  });
}

const BODY_NAMES: Record<BodyKind, string> = {
  naccc: 'NACCC',
  lado: 'the LADO',
  childrens_services: "children's services",
  other_body: 'that organisation'
};

/** Why the reporter may not take the case there today, or null when they may. */
export function escalationRefusal(
  policy: Policy,
  record: CaseRecord,
  target: { kind: 'next_stage' } | { kind: 'body'; body: BodyKind },
  day: string
): Refusal | null {
  if (!policy.tracks[record.track]) {
    return {
      code: 'not_offered',
      message: 'This organisation no longer takes that kind of report.'
    };
  }
  if (target.kind === 'next_stage') {
    const next = nextStage(policy, { ...record, receivedOn: record.stageStartedOn }, day);
    switch (next.state) {
      case 'final':
        return {
          code: 'final_stage',
          message: `Stage ${record.stage} is the last stage of this procedure: there is no further stage to ask for.`
        };
      case 'awaiting_reply':
        return {
          code: 'not_answered',
          message: `Stage ${next.stage} can be asked for once stage ${record.stage} has been answered.`
        };
      case 'closed':
        return {
          code: 'window_closed',
          message:
            `The time to ask for stage ${next.stage} ended on ${dayInWords(next.closedOn)}` +
            (next.source ? ` (${next.source}).` : '.') +
            ' You can still write to the people on your case.'
        };
      default:
        return null;
    }
  }
  const offered = bodiesAt(policy, record);
  if (offered.now.includes(target.body)) return null;
  if (offered.later.includes(target.body)) {
    return {
      code: 'not_answered',
      message: `You can take this to ${BODY_NAMES[target.body]} once stage ${record.stage} has been answered.`
    };
  }
  return { code: 'not_offered', message: 'That body is not part of this procedure at this stage.' };
}

/**
 * Why these people may not be added as the case's stage-3 panel, or null when they may: the stage
 * must have a panel, and each person must be one `panelCandidates` offers (inside the
 * organisation, available, holding a panel role) and never the stage-2 investigator, known from
 * the audit trail. Whether someone is named as involved only browsers can tell; they refuse that
 * before sealing.
 */
export async function panelRefusal(
  db: Database,
  policy: Policy | null | undefined,
  record: CaseRecord,
  personIds: readonly string[]
): Promise<Refusal | null> {
  let hasPanel: boolean;
  try {
    hasPanel = Boolean(policy && stageOf(policy, record.track, record.stage).panel);
  } catch {
    hasPanel = false;
  }
  if (!policy || !hasPanel) return { code: 'no_panel', message: 'This stage has no panel.' };
  const units = await eligibleHolderIds(db, record.organisationId, personIds);
  if (units.size !== new Set(personIds).size) {
    return { code: 'not_inside', message: 'Someone listed cannot receive cases here.' };
  }
  if ([...units.values()].some((u) => u.unitKind !== 'organisation')) {
    return { code: 'not_inside', message: 'A panel is made of people inside the organisation.' };
  }
  const investigator = await stage2InvestigatorFromAudit(db, record.id);
  const roles = await db
    .select({ personId: personRoles.personId, role: personRoles.role })
    .from(personRoles)
    .where(inArray(personRoles.personId, [...personIds]));
  const members: RosterMember[] = personIds.map((personId) => ({
    personId,
    unitId: record.organisationId,
    unitKind: 'organisation',
    displayName: personId,
    roles: roles.filter((r) => r.personId === personId).map((r) => r.role),
    status: 'active'
  }));
  const found = panelCandidates(policy, members, {
    track: record.track,
    stage: record.stage,
    involved: [],
    stage2Investigator: investigator
  });
  const refused = found.excluded.map((e) => e.reason);
  if (refused.includes('stage2_investigator')) {
    return {
      code: 'investigator',
      message: 'The person who investigated at stage 2 cannot sit on the panel.'
    };
  }
  if (found.candidates.length !== personIds.length) {
    return { code: 'not_on_panel', message: 'Only committee members may sit on the panel.' };
  }
  return null;
}
