// `npm run verify-site -- <url> [--build <dir>] [--page <path>]...`
// Checks that a running Candour serves exactly the files of a local build of the same commit.
// Exit status: 0 when everything matches, 1 when something differs (each difference is named),
// 2 when the check could not run. README.md, "Checking what a server serves", explains its use.
import path from 'node:path';
import { parseArgs } from 'node:util';
import svelteConfig from '../../svelte.config.js';
import type { CspDirectives } from './page-check';
import { checkSite } from './site-check';

const usage = 'Usage: npm run verify-site -- <url> [--build <dir>] [--page <path>]...';

function buildCsp(): CspDirectives {
  const directives = svelteConfig.kit?.csp?.directives ?? {};
  return Object.fromEntries(
    Object.entries(directives).map(([name, values]) => [
      name,
      (Array.isArray(values) ? values : []).map(String)
    ])
  );
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      build: { type: 'string', default: 'build' },
      page: { type: 'string', multiple: true, default: [] }
    }
  });
  const [url] = positionals;
  if (!url || positionals.length !== 1 || !/^https?:\/\//.test(url)) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  for (const page of values.page) {
    if (!page.startsWith('/')) {
      process.stderr.write(`--page takes a path starting with /, not ${page}\n`);
      return 2;
    }
  }
  const result = await checkSite({
    url,
    buildDir: path.resolve(values.build),
    csp: buildCsp(),
    pages: values.page
  });
  const summary = `${result.filesChecked} files and ${result.pagesChecked} page(s) of ${url} against local build ${result.build}`;
  if (result.ok) {
    process.stdout.write(`OK: checked ${summary}; everything served matches.\n`);
    return 0;
  }
  process.stdout.write(`FAILED: checked ${summary}; ${result.problems.length} difference(s):\n`);
  for (const problem of result.problems) process.stdout.write(`  ${problem}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `verify-site: ${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exit(2);
  }
);
