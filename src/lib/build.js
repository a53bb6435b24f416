// Plain JavaScript: svelte.config.js reads it at build time, before any TypeScript loader.

/** Where a running Candour publishes the manifest of the files it serves (see docs/PROTOCOL.md §9). */
export const BUILD_MANIFEST_PATH = '/.well-known/candour-build.json';
