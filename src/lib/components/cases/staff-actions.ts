/**
 * The forms of the staff case page, as data (see case-actions.ts): what each asks for and what
 * it does with the answers. Everything it sends is encrypted and signed in this browser
 * ($lib/client/cases).
 */
import { changeStatus, grant, refer, sendEntry, type OpenedCase } from '$lib/client/cases/case';
import { CASE_STATUSES, OUTCOMES, type Outcome } from '$lib/client/cases/schemas';
import type { StaffKeys } from '$lib/crypto';
import { t } from '$lib/i18n';
import type { BodyKind, RosterMember } from '$lib/routing';
import type { CaseActionSpec } from './case-actions';

interface ReferOption {
  id: string;
  label: string;
  target: { kind: 'tier' } | { kind: 'body'; body: BodyKind };
  people: RosterMember[];
}
function referOptions(opened: OpenedCase, candidates: RosterMember[]): ReferOption[] {
  const involved = opened.involved;
  const kinds = [...new Set(candidates.map((m) => m.unitKind))].filter(
    (k): k is BodyKind => k !== 'organisation'
  );
  const bodies = kinds.flatMap((kind) => {
    const people = candidates.filter((m) => m.unitKind === kind && !involved.has(m.personId));
    return people.length > 0
      ? [
          {
            id: kind,
            label: t('cases.refer.body', { body: t(`reporter.body.${kind}`) }),
            target: { kind: 'body' as const, body: kind },
            people
          }
        ]
      : [];
  });
  const colleagues = candidates
    .filter((m) => m.unitKind === 'organisation' && !involved.has(m.personId))
    .map((m) => ({
      id: m.personId,
      label: t('cases.refer.person', { name: m.displayName }),
      target: { kind: 'tier' as const },
      people: [m]
    }));
  return [...bodies, ...colleagues];
}

export function caseActions({
  opened,
  keys,
  candidates,
  nameOf
}: {
  opened: OpenedCase;
  keys: () => StaffKeys;
  /** Who may be given the case (never anyone named as involved). */
  candidates: RosterMember[];
  nameOf: (id: string | null) => string;
}): CaseActionSpec[] {
  const o = opened;
  const options = referOptions(opened, candidates);
  return [
    {
      id: 'write',
      title: t('cases.write.title'),
      submit: t('cases.write.send'),
      fields: [
        {
          kind: 'radios',
          id: 'purpose',
          legend: t('cases.write.purpose'),
          initial: 'reply',
          options: (['reply', 'ask', 'final'] as const).map((value) => ({
            value,
            label: t(`cases.write.${value}`)
          }))
        },
        {
          kind: 'text',
          id: 'message',
          label: t('cases.write.label'),
          rows: 5,
          required: t('cases.error.message')
        },
        { kind: 'files', id: 'message-files' }
      ],
      run: async (v, attachments) => {
        const purpose = v.purpose as 'reply' | 'ask' | 'final';
        const files = await attachments.upload('message-files');
        await sendEntry(o, keys(), purpose, {
          text: v.message!,
          ...(files.length ? { files } : {})
        });
        return t('cases.write.sent');
      }
    },
    {
      id: 'note',
      title: t('cases.note.title'),
      submit: t('cases.note.save'),
      fields: [
        {
          kind: 'text',
          id: 'note',
          label: t('cases.note.label'),
          hint: t('cases.notes.hint'),
          required: t('cases.error.note')
        },
        { kind: 'files', id: 'note-files' }
      ],
      run: async (v, attachments) => {
        // Under the staff-only key, like the note: never readable by the reporter.
        const files = await attachments.upload('note-files');
        await sendEntry(o, keys(), 'note', { text: v.note!, ...(files.length ? { files } : {}) });
        return t('cases.note.saved');
      }
    },
    {
      id: 'action',
      title: t('cases.action.title'),
      submit: t('cases.action.save'),
      fields: [
        {
          kind: 'text',
          id: 'action-taken',
          label: t('cases.action.taken'),
          hint: t('cases.action.hint'),
          required: t('cases.error.actionTaken')
        },
        {
          kind: 'choice',
          id: 'outcome',
          label: t('cases.action.outcome'),
          options: OUTCOMES.map((value) => ({ value, label: t(`cases.outcome.${value}`) })),
          required: t('cases.error.outcome')
        }
      ],
      run: async (v) => {
        const outcome = v.outcome as Outcome;
        const taken = v['action-taken']!;
        await sendEntry(o, keys(), 'action', {
          text: t('cases.action.summary', {
            outcome: t(`cases.outcome.${outcome}`),
            action: taken
          }),
          actionTaken: taken,
          outcome
        });
        return t('cases.action.saved');
      }
    },
    {
      id: 'status',
      title: t('cases.status.title'),
      submit: t('cases.status.change'),
      fields: [
        {
          kind: 'choice',
          id: 'new-status',
          label: t('cases.field.status'),
          options: CASE_STATUSES.map((value) => ({ value, label: t(`cases.status.${value}`) })),
          required: t('cases.error.status')
        }
      ],
      run: async (v) => {
        await changeStatus(o, keys(), v['new-status']!);
        return t('cases.status.changed');
      }
    },
    {
      id: 'refer',
      title: t('cases.refer.title'),
      hint: t('cases.refer.hint'),
      submit: t('cases.refer.button'),
      ...(options.length === 0 ? { empty: t('cases.refer.none') } : {}),
      fields: [
        {
          kind: 'choice',
          id: 'refer-to',
          label: t('cases.refer.to'),
          options: options.map((r) => ({ value: r.id, label: r.label })),
          required: t('cases.error.referTo')
        }
      ],
      run: async (v) => {
        const option = options.find((r) => r.id === v['refer-to']);
        if (!option) throw new Error(t('cases.error.referTo'));
        const ids = option.people.map((p) => p.personId);
        await refer(o, keys(), option.target, ids);
        return t('cases.refer.done', { who: option.people.map((p) => p.displayName).join(', ') });
      }
    },
    {
      id: 'grant',
      title: t('cases.grant.title'),
      hint: t('cases.grant.hint'),
      submit: t('cases.grant.button'),
      fields: [
        {
          kind: 'choice',
          id: 'grant-to',
          label: t('cases.grant.to'),
          options: candidates.map((m) => ({ value: m.personId, label: m.displayName })),
          required: t('cases.error.grantTo')
        }
      ],
      run: async (v) => {
        const who = v['grant-to']!;
        await grant(o, keys(), [who], 'colleague');
        return t('cases.grant.done', { name: nameOf(who) });
      }
    }
  ];
}
