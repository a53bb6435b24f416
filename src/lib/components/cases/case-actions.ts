import type { FileRecord } from '$lib/client/files/record';

/**
 * The things a holder can do on the staff case page, as data: each action is a titled form
 * whose fields are listed here, checked the same way (GOV.UK's pattern: the button stays
 * enabled, and a submit without an answer says why), and run by the page.
 */
export type ActionField =
  | {
      kind: 'text';
      id: string;
      label: string;
      hint?: string;
      rows?: number;
      /** The error when it is left empty. */
      required: string;
    }
  | {
      kind: 'choice';
      id: string;
      label: string;
      options: { value: string; label: string }[];
      required: string;
    }
  | {
      kind: 'radios';
      id: string;
      legend: string;
      options: { value: string; label: string }[];
      initial: string;
    }
  /** Evidence files, encrypted and uploaded when the form is sent (AttachFiles). */
  | { kind: 'files'; id: string };

/** What a form's `run` is given besides its values: the files chosen in its `files` fields. */
export interface ActionAttachments {
  /** Encrypts and uploads the files chosen in field `id`; their records go in the entry. */
  upload(id: string): Promise<FileRecord[]>;
}

export interface CaseActionSpec {
  id: string;
  title: string;
  hint?: string;
  submit: string;
  /** When set, shown instead of the form: there is nothing to do. */
  empty?: string;
  fields: ActionField[];
  /** Does the work with the form's values (text trimmed); resolves to the notice to show. */
  run: (values: Record<string, string>, attachments: ActionAttachments) => Promise<string>;
}

export interface FieldError {
  field: string;
  message: string;
}

/** Empty required fields and over-long text, in the form's order. */
export function checkFields(
  fields: readonly ActionField[],
  values: Record<string, string>,
  max: number,
  tooLong: string
): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    if (field.kind === 'radios' || field.kind === 'files') continue;
    const value = values[field.id] ?? '';
    if (!value.trim()) errors.push({ field: field.id, message: field.required });
    else if (field.kind === 'text' && value.length > max) {
      errors.push({ field: field.id, message: tooLong });
    }
  }
  return errors;
}

/** A form's starting values: radios on their initial choice, everything else empty. */
export function initialValues(fields: readonly ActionField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.id, f.kind === 'radios' ? f.initial : '']));
}
