// Checks one HTML page a Candour server served against the local build: the page itself is
// rendered per request, so it cannot be compared byte for byte like the files under build/client.
// What can run in it is bounded instead: the CSP must be the build's own, every script the CSP
// lets run must be SvelteKit's bootstrap carrying data only, and every script the page loads must
// be a file of the build.
import { createHash } from 'node:crypto';

export type CspDirectives = Record<string, string[]>;

const HASH_SOURCE = /^'sha256-[A-Za-z0-9+/]+={0,2}'$/;

function unquote(token: string): string {
  return token.replace(/^'(.*)'$/, '$1');
}

export function parseCsp(header: string): CspDirectives {
  const directives: CspDirectives = {};
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = values;
  }
  return directives;
}

/**
 * Compares a served CSP with the build's `kit.csp.directives`, ignoring only the inline-script
 * and inline-style hashes SvelteKit adds per page.
 */
export function compareCsp(served: CspDirectives, expected: CspDirectives): string[] {
  const problems: string[] = [];
  const names = new Set([...Object.keys(served), ...Object.keys(expected)]);
  for (const name of [...names].sort()) {
    const mayAddHashes = name === 'script-src' || name === 'style-src';
    const want = new Set((expected[name] ?? []).map(unquote));
    const servedTokens = served[name] ?? [];
    const have = new Set(servedTokens.map(unquote));
    const extra = servedTokens
      .filter((token) => !want.has(unquote(token)))
      .filter((token) => !(mayAddHashes && HASH_SOURCE.test(token)))
      .map(unquote);
    const missing = [...want].filter((token) => !have.has(token));
    if (!(name in served)) problems.push(`CSP lacks the build's ${name} directive`);
    else if (!(name in expected)) problems.push(`CSP has a directive the build does not: ${name}`);
    else if (extra.length || missing.length) {
      problems.push(
        `CSP ${name} differs from the build's` +
          (extra.length ? `; adds ${extra.join(' ')}` : '') +
          (missing.length ? `; lacks ${missing.join(' ')}` : '')
      );
    }
  }
  return problems;
}

/**
 * True when `text` is only literal data: strings, numbers, true/false/null/undefined, `void 0`,
 * object keys, arrays and objects. Anything else (a call, an operator, a template) is code.
 */
export function isLiteralData(text: string): boolean {
  const token =
    /\s+|"(?:[^"\\\n]|\\.)*"|-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|\b(?:true|false|null|undefined|NaN|Infinity|void 0)\b|[A-Za-z_$][\w$]*(?=\s*:)|[{}[\],:]/y;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    const match = token.exec(text);
    if (!match || match[0].length === 0) return false;
    at += match[0].length;
  }
  return true;
}

/** SvelteKit's bootstrap script (kit 2, adapter-node, no service worker), its data captured. */
const BOOTSTRAP = new RegExp(
  [
    String.raw`^\s*\{\s*__sveltekit_[a-z0-9]+ = \{\s*base: new URL\("\.\.?(?:\/\.\.)*", location\)\.pathname\.slice\(0, -1\)\s*\};`,
    String.raw`\s*const element = document\.currentScript\.parentElement;`,
    String.raw`\s*Promise\.all\(\[\s*import\("([^"\\]+)"\),\s*import\("([^"\\]+)"\)\s*\]\)`,
    String.raw`\.then\(\(\[kit, app\]\) => \{\s*kit\.start\(app, element, \{`,
    String.raw`\s*node_ids: \[([\d, ]*)\],\s*data: ([^\n]*),\s*form: ([^\n]*),\s*error: ([^\n]*)`,
    String.raw`\s*\}\);\s*\}\);\s*\}\s*$`
  ].join('')
);

export interface PageFindings {
  problems: string[];
  inlineScriptHashes: string[];
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * @param pageUrl the page's URL (scripts are resolved against it)
 * @param html the page's body
 * @param cspHeader its Content-Security-Policy header, or null
 * @param expectedCsp the build's `kit.csp.directives`
 * @param buildFiles the URL paths of every file of the local build
 */
export function checkPage(
  pageUrl: URL,
  html: string,
  cspHeader: string | null,
  expectedCsp: CspDirectives,
  buildFiles: ReadonlySet<string>
): PageFindings {
  const problems: string[] = [];
  const inlineScriptHashes: string[] = [];
  const inBuild = (reference: string, what: string) => {
    const target = new URL(reference, pageUrl);
    if (target.origin !== pageUrl.origin) problems.push(`${what} from another origin: ${target}`);
    else if (!buildFiles.has(target.pathname)) {
      problems.push(`${what} that is not in the build: ${target.pathname}`);
    }
  };

  if (!cspHeader) problems.push('no Content-Security-Policy header');
  const csp = parseCsp(cspHeader ?? '');
  problems.push(...compareCsp(csp, expectedCsp));

  // Every src= anywhere in the page, whatever element carries it, must be a file of the build.
  for (const match of html.matchAll(/\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    inBuild(match[1] ?? match[2] ?? match[3] ?? '', 'a source');
  }
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(match[0]);
    if (href) inBuild(href[1] ?? href[2] ?? href[3] ?? '', 'a linked resource');
  }

  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [, attributes = '', body = ''] = match;
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    const hash = `'sha256-${sha256Base64(body)}'`;
    inlineScriptHashes.push(hash);
    const bootstrap = BOOTSTRAP.exec(body);
    if (!bootstrap) {
      problems.push(`an inline script that is not SvelteKit's bootstrap (${hash})`);
      continue;
    }
    const [, start = '', app = '', , data = '', form = '', error = ''] = bootstrap;
    inBuild(start, 'a bootstrap import');
    inBuild(app, 'a bootstrap import');
    for (const [name, value] of [
      ['data', data],
      ['form', form],
      ['error', error]
    ] as const) {
      if (!isLiteralData(value)) {
        problems.push(`the bootstrap script's ${name} is not plain data (${hash})`);
      }
    }
  }

  // The browser runs exactly the inline scripts the CSP names: each must be one checked above.
  for (const token of csp['script-src'] ?? []) {
    if (HASH_SOURCE.test(token) && !inlineScriptHashes.includes(token)) {
      problems.push(`CSP allows an inline script that is not in the page: ${token}`);
    }
  }
  return { problems, inlineScriptHashes };
}
