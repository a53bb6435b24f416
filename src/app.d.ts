// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      code?: string;
      issues?: { path: string; message: string }[];
      /** With `pow_required`: the proof-of-work difficulty to solve. */
      difficulty?: number;
    }
    interface Locals {
      /** The signed-in person on staff pages; always null on reporter-facing requests. */
      staff: import('$lib/server/auth/sessions').StaffSession | null;
    }
  }
}

export {};
