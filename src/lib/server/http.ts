import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import { isStorableText, unstorableMessage } from '$lib/schemas/common';

/** Request bodies are small JSON documents; attachments arrive in chunks with their own bound. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

function issuesOf(zodError: z.ZodError): { path: string; message: string }[] {
  // Paths and messages only: a rejected value is never echoed back or logged.
  return zodError.issues.slice(0, 20).map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message
  }));
}

/** Reads at most `limit` bytes of body, whatever Content-Length claims. */
export async function readBodyBytes(
  request: Request,
  limit = DEFAULT_BODY_LIMIT
): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit)
    error(413, { message: `The request is larger than ${limit} bytes.`, code: 'too_large' });
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  if (declared > 0) {
    // The size is known: read straight into one buffer (a file chunk is a megabyte; no copies).
    const body = new Uint8Array(declared);
    let filled = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.byteLength > declared) {
        await reader.cancel();
        error(400, { message: 'The request is longer than it said.', code: 'bad_length' });
      }
      body.set(value, filled);
      filled += value.byteLength;
    }
    return filled === declared ? body : body.subarray(0, filled);
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      error(413, { message: `The request is larger than ${limit} bytes.`, code: 'too_large' });
    }
    parts.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}

export function parseJsonBytes<S extends z.ZodType>(bytes: Uint8Array, schema: S): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    error(400, { message: 'The request body is not valid JSON.', code: 'bad_json' });
  }
  return validate(schema, value);
}

/** Reads, bounds, parses and validates a JSON body; anything wrong is a 4xx and changes nothing. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = DEFAULT_BODY_LIMIT
): Promise<z.infer<S>> {
  return parseJsonBytes(await readBodyBytes(request, limit), schema);
}

/**
 * The path of the first string (key or value) the database could not store, if any. Schemas
 * check the fields they know; this catches any string anywhere, so no such value reaches a query.
 */
export function unstorablePath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (depth > 64) return path.join('.');
  if (typeof value === 'string') return isStorableText(value) ? null : path.join('.');
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorablePath(item, [...path, String(i)], depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, '(key)'].join('.');
      const found = unstorablePath(item, [...path, key], depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const unstorable = unstorablePath(value);
  if (unstorable !== null) {
    error(400, {
      message: 'The request is not valid.',
      code: 'invalid',
      issues: [{ path: unstorable, message: unstorableMessage }]
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    error(400, {
      message: 'The request is not valid.',
      code: 'invalid',
      issues: issuesOf(parsed.error)
    });
  }
  return parsed.data;
}

/** Route params and query strings go through zod like bodies do. */
export function validateParams<S extends z.ZodType>(
  schema: S,
  params: Record<string, string>
): z.infer<S> {
  const parsed = unstorablePath(params) === null ? schema.safeParse(params) : null;
  if (!parsed?.success) error(404, { message: 'Not found', code: 'not_found' });
  return parsed.data;
}

export function validateQuery<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  return validate(schema, Object.fromEntries(url.searchParams));
}

export function notFound(): never {
  error(404, { message: 'Not found', code: 'not_found' });
}
