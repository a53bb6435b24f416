import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { sourceVersion, withBuildManifest } from './src/cli/build-manifest.js';

const out = 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Writes build/client/.well-known/candour-build.json, which `npm run verify-site` checks.
    adapter: withBuildManifest(adapter({ out, precompress: false }), { out }),
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval'],
        // The one inline style Svelte sets: SvelteKit's route announcer (visually hidden). It is
        // allowed by its exact hash; candour.css hides the announcer too should the hash change.
        'style-src': [
          'self',
          'unsafe-hashes',
          'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
        ],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self', 'blob:'],
        'object-src': ['none'],
        'base-uri': ['none'],
        'frame-ancestors': ['none'],
        'form-action': ['self']
      }
    },
    // Reporter pages must never leak which case a reporter looks at. The version is a hash of the
    // sources, not the build time, so that two builds of one commit are byte-identical.
    version: { name: sourceVersion(fileURLToPath(new URL('.', import.meta.url))), pollInterval: 0 }
  }
};

export default config;
