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
import { presetById } from '$lib/routing';
import type { Role, UnitKind } from '$lib/schemas/common';
import type { Database } from '../db';
import {
  credentials,
  organisations,
  people,
  personRoles,
  signingKeyGrants,
  unitLinks
} from '../db/schema';
import { hashLoginSecret } from '../auth/login';

/**
 * The fictional demo: Riverside Child Contact Centre with a person in every role its policies
 * name, plus NACCC and a LADO as external bodies. Keys are made with the same crypto calls a
 * browser makes. Tests seed through this very function.
 */
export interface DemoPerson {
  key: string;
  displayName: string;
  email: string;
  roles: Role[];
  isAdmin?: boolean;
}

export interface DemoUnit {
  slug: string;
  name: string;
  kind: UnitKind;
  people: DemoPerson[];
}

export const DEMO_ORGANISATION: DemoUnit = {
  slug: 'riverside',
  name: 'Riverside Child Contact Centre',
  kind: 'organisation',
  people: [
    {
      key: 'admin',
      displayName: 'Olivia Hart',
      email: 'admin@riverside.example',
      roles: [],
      isAdmin: true
    },
    {
      key: 'coordinator',
      displayName: 'Priya Shah',
      email: 'coordinator@riverside.example',
      roles: ['coordinator']
    },
    {
      key: 'teamLeader1',
      displayName: 'Tom Baker',
      email: 'tom.baker@riverside.example',
      roles: ['team_leader']
    },
    {
      key: 'teamLeader2',
      displayName: 'Grace Okafor',
      email: 'grace.okafor@riverside.example',
      roles: ['team_leader']
    },
    {
      key: 'chair',
      displayName: 'Margaret Ellis',
      email: 'chair@riverside.example',
      roles: ['chair', 'committee_member']
    },
    {
      key: 'committee1',
      displayName: 'David Chen',
      email: 'david.chen@riverside.example',
      roles: ['committee_member']
    },
    {
      key: 'committee2',
      displayName: 'Helen Price',
      email: 'helen.price@riverside.example',
      // The trustee with responsibility for safeguarding.
      roles: ['committee_member', 'safeguarding_lead']
    },
    {
      key: 'committee3',
      displayName: 'Samuel Adeyemi',
      email: 'samuel.adeyemi@riverside.example',
      roles: ['committee_member']
    },
    {
      key: 'complaintsOfficer',
      displayName: 'Rachel Green',
      email: 'complaints@riverside.example',
      roles: ['complaints_officer']
    },
    {
      key: 'safeguardingLead',
      displayName: 'Aisha Khan',
      email: 'safeguarding@riverside.example',
      roles: ['safeguarding_lead']
    },
    {
      key: 'deputySafeguardingLead',
      displayName: 'Ben Morgan',
      email: 'ben.morgan@riverside.example',
      roles: ['deputy_safeguarding_lead']
    }
  ]
};

export const DEMO_BODIES: DemoUnit[] = [
  {
    slug: 'naccc',
    name: 'NACCC',
    kind: 'naccc',
    people: [
      {
        key: 'nacccChiefExecutive',
        displayName: 'Jane Whitfield',
        email: 'ceo@naccc.example',
        roles: ['chief_executive'],
        isAdmin: true
      },
      {
        key: 'nacccSafeguardingManager',
        displayName: 'Mark Lewis',
        email: 'safeguarding@naccc.example',
        roles: ['safeguarding_manager']
      }
    ]
  },
  {
    slug: 'riverside-lado',
    name: 'Riverside Council LADO',
    kind: 'lado',
    people: [
      {
        key: 'lado',
        displayName: 'Sarah Nolan',
        email: 'lado@riverside-council.example',
        roles: ['external_member'],
        isAdmin: true
      }
    ]
  }
];

export interface SeededPerson extends DemoPerson {
  personId: string;
  unitId: string;
  unitSlug: string;
  password: string;
  recoveryCode: string;
}

export interface DemoSeed {
  organisationId: string;
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
        roles: person.roles,
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
      roles: person.roles,
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
  const all: SeededPerson[] = [...organisation.people];
  for (const body of DEMO_BODIES) {
    const seeded = await seedUnit(db, body, {}, password);
    // Each side's admin signs the link with its unit key, as their browsers do.
    const link = {
      organisationId: organisation.unitId,
      organisationKey: organisation.unitKey.publicKey,
      bodyId: seeded.unitId,
      bodyKind: body.kind,
      bodyName: body.name,
      bodyKey: seeded.unitKey.publicKey
    };
    await db.insert(unitLinks).values({
      organisationId: organisation.unitId,
      bodyId: seeded.unitId,
      organisationSignature: signUnitLink(organisation.unitKey.privateKey, link),
      bodySignature: signUnitLink(seeded.unitKey.privateKey, link)
    });
    all.push(...seeded.people);
  }
  return {
    organisationId: organisation.unitId,
    people: Object.fromEntries(all.map((person) => [person.key, person]))
  };
}

/** The one time demo passwords are shown: on the console of whoever started the demo. */
export function describeDemo(seed: DemoSeed, origin: string): string {
  const lines = [
    '',
    'Demo seeded: Riverside Child Contact Centre, with NACCC and the Riverside Council LADO.',
    `Report a concern:  ${origin}/o/${DEMO_ORGANISATION.slug}`,
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
