/** A refused request, with the server's plain-language message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly issues?: { path: string; message: string }[],
    /** With `pow_required`: the proof-of-work difficulty to solve before trying again. */
    readonly difficulty?: number
  ) {
    super(message);
  }
}

async function send<T>(
  method: string,
  url: string,
  body?: unknown,
  headers?: HeadersInit
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store'
    });
  } catch {
    throw new ApiError(0, 'Candour could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const p = (payload ?? {}) as {
      message?: string;
      code?: string;
      issues?: { path: string; message: string }[];
      difficulty?: number;
    };
    throw new ApiError(
      response.status,
      p.message ?? 'Something went wrong. Please try again.',
      p.code,
      p.issues,
      p.difficulty
    );
  }
  return payload as T;
}

export const api = {
  get: <T>(url: string, headers?: HeadersInit) => send<T>('GET', url, undefined, headers),
  post: <T>(url: string, body: unknown = {}, headers?: HeadersInit) =>
    send<T>('POST', url, body, headers),
  put: <T>(url: string, body: unknown) => send<T>('PUT', url, body),
  patch: <T>(url: string, body: unknown) => send<T>('PATCH', url, body)
};

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.name.endsWith('TypoError')) return error.message;
  return 'Something went wrong. Please try again.';
}
