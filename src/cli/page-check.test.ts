import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPage, compareCsp, isLiteralData, parseCsp } from './page-check';

const buildCsp = {
  'default-src': ['self'],
  'script-src': ['self', 'wasm-unsafe-eval'],
  'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=']
};
const files = new Set([
  '/_app/immutable/entry/start.AAA.js',
  '/_app/immutable/entry/app.BBB.js',
  '/candour.css'
]);

function bootstrap(data: string): string {
  return `
				{
					__sveltekit_5cv06a = {
						base: new URL(".", location).pathname.slice(0, -1)
					};

					const element = document.currentScript.parentElement;

					Promise.all([
						import("./_app/immutable/entry/start.AAA.js"),
						import("./_app/immutable/entry/app.BBB.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {
							node_ids: [0, 4],
							data: ${data},
							form: null,
							error: null
						});
					});
				}
			`;
}

function page(script: string, extraHash = '') {
  const hash = createHash('sha256').update(script).digest('base64');
  const csp =
    `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'${extraHash}; ` +
    `style-src 'self' 'unsafe-hashes' 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='`;
  const html = `<html><head><link rel="stylesheet" href="./candour.css" /></head><body><script>${script}</script></body></html>`;
  return checkPage(new URL('http://candour.test/'), html, csp, buildCsp, files);
}

const plainData =
  '[{type:"data",data:{exitUrl:"https://example.org/x",build:"13ee26f514a1f289"},uses:{}},null]';

describe('page check', () => {
  it("accepts SvelteKit's bootstrap carrying plain data under the build's CSP", () => {
    expect(page(bootstrap(plainData)).problems).toEqual([]);
  });

  it('refuses a bootstrap whose data runs code', () => {
    const { problems } = page(bootstrap('[{type:"data",data:{a:fetch("/steal")},uses:{}}]'));
    expect(problems).toEqual([
      expect.stringContaining("bootstrap script's data is not plain data")
    ]);
  });

  it('refuses an inline script that is not the bootstrap, and a CSP hash for a script not in the page', () => {
    expect(page('document.title = 1').problems).toEqual([
      expect.stringContaining("not SvelteKit's bootstrap")
    ]);
    expect(page(bootstrap(plainData), " 'sha256-AAAA'").problems).toEqual([
      "CSP allows an inline script that is not in the page: 'sha256-AAAA'"
    ]);
  });

  it('refuses scripts and imports that are not files of the build', () => {
    const other = bootstrap(plainData).replace('app.BBB.js', 'app.EVIL.js');
    expect(page(other).problems).toEqual([
      'a bootstrap import that is not in the build: /_app/immutable/entry/app.EVIL.js'
    ]);
    const html = '<script src="https://cdn.example/x.js"></script><img src="/_app/x.png">';
    const { problems } = checkPage(new URL('http://candour.test/'), html, null, buildCsp, files);
    expect(problems).toContain('no Content-Security-Policy header');
    expect(problems).toContain('a source from another origin: https://cdn.example/x.js');
    expect(problems).toContain('a source that is not in the build: /_app/x.png');
  });

  it('compares the CSP with the build, allowing only added hashes', () => {
    const served = parseCsp(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'; style-src 'self' 'unsafe-hashes' 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=' 'sha256-x='"
    );
    expect(compareCsp(served, buildCsp)).toEqual([
      "CSP script-src differs from the build's; adds unsafe-inline"
    ]);
    expect(compareCsp(parseCsp("default-src 'self'"), buildCsp)).toEqual([
      "CSP lacks the build's script-src directive",
      "CSP lacks the build's style-src directive"
    ]);
  });

  it('tells literal data from code', () => {
    expect(isLiteralData('{a:[1,-2.5e3,"x\\"y(",true,null,void 0],b:{}}')).toBe(true);
    for (const code of ['alert(1)', '{a:b}', '"x"+"y"', '`x`', '{a:new Date(0)}', '(1)']) {
      expect(isLiteralData(code), code).toBe(false);
    }
  });
});
