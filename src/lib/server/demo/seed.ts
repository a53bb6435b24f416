import { eq } from 'drizzle-orm';
import {
  enrolStaff,
  generateUnitSigningKey,
  randomBytes,
  ready,
  sealUnitSigningKey,
  signRosterEntry,
  signRosterList,
  signUnitLink,
  toBase64,
  type BoxPublicKey,
  type SignKeyPair,
  type SignPublicKey
} from '$lib/crypto';
import { presetById, rosterTags } from '$lib/routing';
import type { Database } from '../db';
import {
  credentials,
  organisations,
  people,
  personRoles,
  personTeams,
  signingKeyGrants,
  unitLinks
} from '../db/schema';
import { hashLoginSecret } from '../auth/login';
import { DEMO_MENTORING, mentoringPolicy } from './bridgeway';
import { DEMO_LADOS } from './lados';
import { DEMO_NACCC } from './naccc';
import { DEMO_ORGANISATION } from './riverside';
import type { DemoPerson, DemoUnit } from './types';

export type { DemoPerson, DemoUnit } from './types';
export { DEMO_ORGANISATION } from './riverside';
export { DEMO_MENTORING, DEMO_MENTORING_TEAMS, mentoringPolicy } from './bridgeway';
export { DEMO_NACCC } from './naccc';
export { DEMO_LADOS } from './lados';

/**
 * The fictional demo: Riverside Child Contact Centre with a person in every role its policies
 * name, plus NACCC and a LADO as external bodies; and Bridgeway Mentoring, a youth mentoring
 * charity run on the Mentoring Plus child protection policy, with two teams (projects). Keys are
 * made with the same crypto calls a browser makes. Tests seed through this very function.
 */

/** The external bodies, seeded after the two organisations. */
export const DEMO_BODIES: DemoUnit[] = [DEMO_NACCC, ...DEMO_LADOS];

export interface SeededPerson extends DemoPerson {
  personId: string;
  unitId: string;
  unitSlug: string;
  password: string;
  recoveryCode: string;
}

export interface DemoSeed {
  organisationId: string;
  /** Bridgeway Mentoring, the charity with teams. */
  mentoringOrganisationId: string;
  people: Record<string, SeededPerson>;
}

/** A password good enough for a demo, made from the CSPRNG. */
function demoPassword(): string {
  return `demo-${toBase64(randomBytes(9))}`;
}

async function seedUnit(
  db: Database,
  unit: DemoUnit,
  policy: unknown,
  password: (person: DemoPerson) => string
): Promise<{ unitId: string; unitKey: SignKeyPair; people: SeededPerson[] }> {
  const unitKey: SignKeyPair = generateUnitSigningKey();
  const [row] = await db
    .insert(organisations)
    .values({
      slug: unit.slug,
      name: unit.name,
      kind: unit.kind,
      policy,
      // So every journey can be tried by hand without an authenticator app; admins see the
      // warning that it is off (docs/THREAT-MODEL.md, "second factor by default").
      safeguardingTotpOff: true,
      signingPublicKey: unitKey.publicKey,
      publicInfo: unit.kind === 'organisation' ? { childrensServicesPhone: '0300 123 4567' } : {}
    })
    .returning({ id: organisations.id });
  const unitId = row!.id;
  const seeded: SeededPerson[] = [];
  const enrolments: { boxPublicKey: BoxPublicKey; signPublicKey: SignPublicKey }[] = [];
  for (const person of unit.people) {
    const chosen = password(person);
    const enrolment = await enrolStaff(chosen);
    const [p] = await db
      .insert(people)
      .values({
        organisationId: unitId,
        displayName: person.displayName,
        email: person.email,
        status: 'active',
        isAdmin: person.isAdmin ?? false,
        isHost: unit.kind === 'organisation' && (person.isAdmin ?? false)
      })
      .returning({ id: people.id });
    const personId = p!.id;
    if (person.roles.length > 0) {
      await db.insert(personRoles).values(person.roles.map((role) => ({ personId, role })));
    }
    if (person.teams?.length) {
      await db.insert(personTeams).values(person.teams.map((teamId) => ({ personId, teamId })));
    }
    const s = enrolment.server;
    enrolments.push(s);
    await db.insert(credentials).values({
      personId,
      boxPublicKey: s.boxPublicKey,
      signPublicKey: s.signPublicKey,
      passwordSalt: s.passwordSalt,
      passwordWrappedKeys: s.passwordWrappedKeys,
      recoveryWrappedKeys: s.recoveryWrappedKeys,
      loginHash: await hashLoginSecret(s.loginSecret),
      recoveryHash: await hashLoginSecret(s.recoveryProof),
      rosterSignature: signRosterEntry(unitKey.privateKey, {
        unitId,
        personId,
        roles: rosterTags(person.roles, person.teams),
        boxPublicKey: s.boxPublicKey,
        signPublicKey: s.signPublicKey
      }),
      rosterSignedAt: new Date()
    });
    if (person.isAdmin) {
      await db.insert(signingKeyGrants).values({
        organisationId: unitId,
        personId,
        sealedSigningKey: sealUnitSigningKey(s.boxPublicKey, unitKey)
      });
    }
    seeded.push({
      ...person,
      personId,
      unitId,
      unitSlug: unit.slug,
      password: chosen,
      recoveryCode: enrolment.recoveryCode
    });
  }
  // The roster list an admin's browser signs once everyone's keys are in (docs/PROTOCOL.md §6).
  const rosterList = signRosterList(unitKey.privateKey, {
    unitId,
    version: 1,
    members: seeded.map((person, i) => ({
      personId: person.personId,
      displayName: person.displayName,
      status: 'active' as const,
      // Team membership travels as `team:<id>` tags with the roles (docs/ROUTING.md).
      roles: rosterTags(person.roles, person.teams),
      boxPublicKey: enrolments[i]!.boxPublicKey,
      signPublicKey: enrolments[i]!.signPublicKey
    }))
  });
  await db
    .update(organisations)
    .set({ rosterList, rosterListVersion: 1 })
    .where(eq(organisations.id, unitId));
  return { unitId, unitKey, people: seeded };
}

/**
 * Seeds the demo unless its organisation already exists (then returns null: the passwords were
 * printed when it was made and are not kept).
 */
export async function seedDemo(
  db: Database,
  options: { password?: (person: DemoPerson) => string } = {}
): Promise<DemoSeed | null> {
  await ready();
  const [existing] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, DEMO_ORGANISATION.slug));
  if (existing) return null;
  const password = options.password ?? demoPassword;
  const policy = presetById('default')!.policy;
  const organisation = await seedUnit(db, DEMO_ORGANISATION, policy, password);
  const mentoring = await seedUnit(db, DEMO_MENTORING, mentoringPolicy(), password);
  const all: SeededPerson[] = [...organisation.people, ...mentoring.people];
  for (const body of DEMO_BODIES) {
    const seeded = await seedUnit(db, body, {}, password);
    // Riverside is served by NACCC and its LADO; Bridgeway by its own council's LADO.
    const servedBy = DEMO_MENTORING.bodies!.includes(body.slug) ? mentoring : organisation;
    // Each side's admin signs the link with its unit key, as their browsers do.
    const link = {
      organisationId: servedBy.unitId,
      organisationKey: servedBy.unitKey.publicKey,
      bodyId: seeded.unitId,
      bodyKind: body.kind,
      bodyName: body.name,
      bodyKey: seeded.unitKey.publicKey
    };
    await db.insert(unitLinks).values({
      organisationId: servedBy.unitId,
      bodyId: seeded.unitId,
      organisationSignature: signUnitLink(servedBy.unitKey.privateKey, link),
      bodySignature: signUnitLink(seeded.unitKey.privateKey, link)
    });
    all.push(...seeded.people);
  }
  return {
    organisationId: organisation.unitId,
    mentoringOrganisationId: mentoring.unitId,
    people: Object.fromEntries(all.map((person) => [person.key, person]))
  };
}

/** The one time demo passwords are shown: on the console of whoever started the demo. */
export function describeDemo(seed: DemoSeed, origin: string): string {
  const lines = [
    '',
    'Demo seeded: Riverside Child Contact Centre, with NACCC and the Riverside Council LADO;',
    'and Bridgeway Mentoring (teams: Schools project, Community project) with its LADO.',
    `Report a concern:  ${origin}/o/${DEMO_ORGANISATION.slug}`,
    `                   ${origin}/o/${DEMO_MENTORING.slug}`,
    `Staff sign-in:     ${origin}/staff/sign-in`,
    'These passwords are shown once and not stored anywhere:',
    ...Object.values(seed.people).map(
      (p) =>
        `  ${p.displayName.padEnd(16)} ${p.email.padEnd(34)} ${p.password}  (${p.roles.join(', ') || 'admin'})`
    ),
    ''
  ];
  return lines.join('\n');
}
