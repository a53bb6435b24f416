/**
 * Per-route body templates for the fuzz suite (tests/integration/fuzz.test.ts): a valid shape for
 * each endpoint that reads a JSON body, filled with generated valid values, then spoiled in one
 * or two places by a mutation aimed at what has broken servers: non-canonical base64, NUL, lone
 * surrogates, oversized strings, wrong types, a missing or an unknown field. A body that passes
 * every check but one reaches the code behind the schema, where the old 500s were.
 */
import fc from 'fast-check';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

type Leaf =
  | { b64: number }
  | { b64Up: number }
  | 'email'
  | 'uuid'
  | 'name'
  | 'slug'
  | 'code'
  | 'token'
  | 'totpSecret'
  | 'role'
  | 'bool'
  | 'epoch'
  | { one: readonly (string | number)[] };
type Shape = Leaf | Shape[] | { [key: string]: Shape } | { optional: Shape };

const isLeafObject = (s: object): boolean => 'b64' in s || 'b64Up' in s || 'one' in s;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

function leafValue(leaf: Leaf): fc.Arbitrary<unknown> {
  if (typeof leaf === 'object') {
    if ('b64' in leaf) return bytes(leaf.b64, leaf.b64).map(base64);
    if ('b64Up' in leaf) return bytes(1, Math.min(leaf.b64Up, 300)).map(base64);
    return fc.constantFrom(...leaf.one);
  }
  switch (leaf) {
    case 'email':
      return fc.constantFrom(
        'someone.new@riverside.example',
        'admin@riverside.example',
        'chair@riverside.example',
        'nobody@elsewhere.example'
      );
    case 'uuid':
      return fc.uuid();
    case 'name':
      return fc.constantFrom('Someone New', 'Oak Tree Centre', 'Zoë Ångström');
    case 'slug':
      return fc.constantFrom('oak-tree', 'some-unit-2');
    case 'code':
      return fc.stringMatching(/^\d{6}$/);
    case 'token':
      return bytes(32, 32).map(base64);
    case 'totpSecret':
      return fc.stringMatching(/^[A-Z2-7]{32}$/);
    case 'role':
      return fc.constantFrom('committee_member', 'chair', 'safeguarding_lead');
    case 'bool':
      return fc.boolean();
    case 'epoch':
      return fc.nat({ max: 3 });
  }
}

function valueOf(shape: Shape): fc.Arbitrary<unknown> {
  if (typeof shape === 'string') return leafValue(shape);
  if (Array.isArray(shape)) return fc.tuple(...shape.map(valueOf));
  if ('optional' in shape) return valueOf(shape.optional as Shape);
  if (isLeafObject(shape)) return leafValue(shape as Leaf);
  const entries = Object.entries(shape as Record<string, Shape>);
  return fc
    .tuple(...entries.map(([, s]) => valueOf(s)))
    .map((values) => Object.fromEntries(entries.map(([key], i) => [key, values[i]])));
}

const enrolment: Shape = {
  boxPublicKey: { b64: 32 },
  signPublicKey: { b64: 32 },
  passwordSalt: { b64: 16 },
  passwordWrappedKeys: { b64Up: 512 },
  recoveryWrappedKeys: { b64Up: 512 },
  loginSecret: { b64: 32 },
  recoveryProof: { b64: 32 }
};
const signedEvent: Shape = { entryId: 'uuid', epoch: 'epoch', ciphertext: { b64Up: 8192 } };

/** `METHOD routeId` → the shape of a valid body. */
export const TEMPLATES: Record<string, Shape> = {
  'POST /staff/api/sign-in/salt': { email: 'email' },
  'POST /staff/api/sign-in': { email: 'email', loginSecret: { b64: 32 }, code: 'code' },
  'POST /staff/api/recovery/start': { email: 'email', recoveryProof: { b64: 32 }, code: 'code' },
  'POST /staff/api/recovery/finish': {
    email: 'email',
    recoveryProof: { b64: 32 },
    code: 'code',
    enrolment
  },
  'POST /setup/api': {
    organisation: { id: 'uuid', name: 'name', slug: 'slug', presetId: { one: ['default'] } },
    admin: { id: 'uuid', displayName: 'name', email: 'email', roles: ['role'] },
    enrolment,
    unit: {
      signingPublicKey: { b64: 32 },
      sealedSigningKey: { b64Up: 256 },
      adminRosterSignature: { b64: 65 }
    }
  },
  'POST /staff/api/people': {
    displayName: 'name',
    email: 'email',
    roles: ['role'],
    isAdmin: 'bool'
  },
  'PATCH /staff/api/people/[personId]': {
    status: { one: ['active', 'on_leave'] },
    roles: ['role'],
    isAdmin: 'bool'
  },
  'POST /staff/api/people/[personId]/roster-signature': { signature: { b64: 65 } },
  'POST /staff/api/people/[personId]/signing-key': { sealedSigningKey: { b64Up: 256 } },
  'POST /staff/api/host/units': {
    name: 'name',
    slug: 'slug',
    kind: { one: ['lado', 'naccc'] },
    presetId: { one: ['default'] },
    admin: { displayName: 'name', email: 'email', roles: [] }
  },
  'POST /staff/api/host/links': { organisationId: 'uuid', bodyId: 'uuid', linked: 'bool' },
  'POST /staff/api/links/[unitId]': { signature: { b64: 65 } },
  'PATCH /staff/api/organisation': {
    name: 'name',
    requireTotp: 'bool',
    publicInfo: { childrensServicesPhone: { one: ['0100 000'] }, contactNote: 'name' }
  },
  'POST /staff/api/organisation/signing-key': {
    signingPublicKey: { b64: 32 },
    transition: { b64: 129 },
    sealedSigningKey: { b64Up: 256 },
    rosterList: { b64Up: 2048 }
  },
  'POST /staff/api/roster-list': { rosterList: { b64Up: 2048 } },
  'POST /staff/api/password': {
    currentLoginSecret: { b64: 32 },
    passwordSalt: { b64: 16 },
    passwordWrappedKeys: { b64Up: 512 },
    loginSecret: { b64: 32 }
  },
  'POST /staff/api/totp/confirm': {
    secret: 'totpSecret',
    code: 'code',
    currentLoginSecret: { b64: 32 },
    currentCode: 'code'
  },
  'POST /staff/api/invitations/lookup': { token: 'token' },
  'POST /staff/api/invitations/accept': { token: 'token', enrolment },
  'PUT /staff/api/notices': { intervalMinutes: { one: [15, 30, 60] } },
  'POST /staff/api/cases/[caseId]/acknowledge': { event: signedEvent },
  'POST /staff/api/cases/[caseId]/status': { event: signedEvent },
  'POST /staff/api/cases/[caseId]/entries': signedEvent,
  'POST /o/[slug]/api/case': { lookupToken: { b64: 32 } },
  'POST /o/[slug]/api/case/messages': {
    lookupToken: { b64: 32 },
    entryId: 'uuid',
    epoch: 'epoch',
    ciphertext: { b64Up: 4096 }
  },
  'POST /o/[slug]/api/cases': {
    submissionId: 'uuid',
    caseId: 'uuid',
    track: { one: ['whistleblowing', 'complaint', 'safeguarding'] },
    lookupToken: { b64: 32 },
    reporterSignPublicKey: { b64: 32 },
    reporterBoxPublicKey: { b64: 32 },
    reportCiphertext: { b64Up: 4096 },
    recipients: [{ personId: 'uuid', sealedKey: { b64Up: 160 } }],
    reporterSealedKey: { b64Up: 160 }
  }
};

/** The same bytes' base64 with bits set in the unused end of its last character, or padded. */
export function nonCanonical(text: string, pick: number): string {
  const last = ALPHABET.indexOf(text.at(-1) ?? '');
  if (last >= 0 && text.length % 4 === 2) {
    return text.slice(0, -1) + ALPHABET[(last & 0x30) | (1 + (pick % 15))];
  }
  if (last >= 0 && text.length % 4 === 3) {
    return text.slice(0, -1) + ALPHABET[(last & 0x3c) | (1 + (pick % 3))];
  }
  return pick % 2 ? `${text}=` : text.replace(/-/g, '+').replace(/_/g, '/') + 'A';
}

type Json = unknown;
type Mutation = (value: Json, pick: number) => Json | typeof REMOVE;
const REMOVE = Symbol('remove');

const insertAt = (text: string, pick: number, what: string) => {
  const at = text.length === 0 ? 0 : pick % (text.length + 1);
  return text.slice(0, at) + what + text.slice(at);
};

/** Aimed at strings (where the old 500s were), then at types and structure. */
const MUTATIONS: [weight: number, Mutation][] = [
  [4, (v, p) => (typeof v === 'string' ? nonCanonical(v, p) : v)],
  [3, (v, p) => (typeof v === 'string' ? insertAt(v, p, '\u0000') : '\u0000')],
  [3, (v, p) => (typeof v === 'string' ? insertAt(v, p, p % 2 ? '\ud800' : '\udfff') : '\udc00')],
  [1, (v) => (typeof v === 'string' ? v + 'x'.repeat(6000) : 'x'.repeat(6000))],
  [1, (v) => (typeof v === 'string' ? v.slice(0, 1) : v)],
  [1, (_, p) => [42, -1, 1.5, true, null, [], {}, '', 'null', 1e21][p % 10]],
  [1, (v) => [v]],
  [1, () => REMOVE]
];

const leafPaths = (value: Json, path: (string | number)[] = []): (string | number)[][] => {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  return [path];
};

function mutate(root: Json, path: (string | number)[], mutation: Mutation, pick: number): Json {
  if (path.length === 0) {
    const out = mutation(root, pick);
    return out === REMOVE ? {} : out;
  }
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const index = head as number;
    const out =
      rest.length === 0 ? mutation(copy[index], pick) : mutate(copy[index], rest, mutation, pick);
    if (out === REMOVE) copy.splice(index, 1);
    else copy[index] = out;
    return copy;
  }
  const copy = { ...(root as Record<string, Json>) };
  const key = head as string;
  const out =
    rest.length === 0 ? mutation(copy[key], pick) : mutate(copy[key], rest, mutation, pick);
  if (out === REMOVE) delete copy[key];
  else copy[key] = out;
  return copy;
}

const mutation = fc.oneof(
  ...MUTATIONS.map(([weight, m]) => ({ weight, arbitrary: fc.constant(m) }))
);

/** A valid body for the route, spoiled in one or two places (sometimes in none, or with an extra field). */
export function templatedBody(key: string): fc.Arbitrary<string> | null {
  const shape = TEMPLATES[key];
  if (!shape) return null;
  return fc
    .tuple(
      valueOf(shape),
      fc.array(fc.tuple(fc.nat(), mutation, fc.nat()), { minLength: 0, maxLength: 2 }),
      fc.boolean()
    )
    .map(([valid, spoils, extra]) => {
      let body: Json = valid;
      for (const [which, m, pick] of spoils) {
        const paths = leafPaths(body);
        if (paths.length === 0) break;
        body = mutate(body, paths[which % paths.length]!, m, pick);
      }
      if (extra && spoils.length === 0 && body && typeof body === 'object') {
        body = { ...(body as object), unexpected: 'field' };
      }
      return JSON.stringify(body);
    });
}
