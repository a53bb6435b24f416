import { expect, test } from '@playwright/test';
import { baseURL } from '../../playwright.config';
import * as crypto from '../../src/lib/crypto';
import { demoPassword } from './support';

// Smaller leaks: the session cookie's scope and cross-site JSON requests.

async function loginBody(email: string) {
  await crypto.ready();
  const salt = await fetch(`${baseURL}/staff/api/sign-in/salt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email })
  });
  const { passwordSalt } = (await salt.json()) as { passwordSalt: string };
  const secrets = await crypto.derivePasswordSecrets(
    demoPassword(email),
    crypto.fromBase64(passwordSalt)
  );
  return JSON.stringify({ email, loginSecret: crypto.toBase64(secrets.loginSecret) });
}

const ADMIN = 'admin@riverside.example';

test('the staff session cookie is scoped to /staff, so reporter pages never receive it', async () => {
  const email = ADMIN;
  const response = await fetch(`${baseURL}/staff/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL },
    body: await loginBody(email)
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toContain('candour_session=');
  expect(cookie).toMatch(/Path=\/staff(;|$)/);
});

test('a state-changing JSON request from another site is refused before it does anything', async () => {
  const email = ADMIN;
  const body = await loginBody(email);
  const crossSite = await fetch(`${baseURL}/staff/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
    body
  });
  expect(crossSite.status).toBe(403);
  expect(crossSite.headers.get('set-cookie')).toBeNull();
  const reporterSide = await fetch(`${baseURL}/o/riverside/api/case`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
    body: '{}'
  });
  expect(reporterSide.status).toBe(403);
});

test('static assets carry the security headers too', async ({ page }) => {
  // The server names the page's scripts in its Link header; the document gains modulepreload
  // tags only as the page hydrates, so reading those raced it.
  const pageResponse = await page.goto('/o/riverside');
  const preloads = pageResponse?.headers()['link'] ?? '';
  const first = /<([^>]+\.js)>; rel="modulepreload"/.exec(preloads)?.[1];
  expect(first, preloads).toMatch(/\/_app\//);
  const script = new URL(first!, pageResponse!.url()).href;
  for (const url of [script, `${baseURL}/favicon.svg`, `${baseURL}/candour.css`]) {
    const response = await fetch(url);
    expect(response.status, url).toBe(200);
    const headers = response.headers;
    expect(headers.get('x-content-type-options'), url).toBe('nosniff');
    expect(headers.get('referrer-policy'), url).toBe('no-referrer');
    expect(headers.get('x-frame-options'), url).toBe('DENY');
    expect(headers.get('cross-origin-resource-policy'), url).toBe('same-origin');
  }
  // An SVG opened on its own is a document: it may load and run nothing.
  const svg = await fetch(`${baseURL}/favicon.svg`);
  expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
});
