import { buildHash } from '$lib/server/build-info';
import { config } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

export const load = (() => ({
  exitUrl: config().EXIT_URL,
  build: buildHash()
})) satisfies LayoutServerLoad;
