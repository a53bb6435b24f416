import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILD_MANIFEST_PATH,
  buildManifest,
  digestOf,
  hashClientFiles,
  sha256Hex,
  sourceVersion
} from './build-manifest.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'candour-manifest-'));
  folders.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('build manifest', () => {
  it('hashes every served file by its URL path, leaving out the manifest itself', () => {
    const dir = tree({
      '_app/immutable/entry/start.js': 'start',
      'candour.css': 'css',
      [BUILD_MANIFEST_PATH.slice(1)]: '{}'
    });
    expect(hashClientFiles(dir)).toEqual({
      '/_app/immutable/entry/start.js': sha256Hex('start'),
      '/candour.css': sha256Hex('css')
    });
  });

  it('names a build by a digest sha256sum reproduces, and any changed byte changes it', () => {
    const files = { 'b.js': 'two', 'a/z.js': 'one', 'a.css': 'three' };
    const dir = tree(files);
    const manifest = buildManifest(dir, 'v1');
    const shell = execFileSync(
      'sh',
      [
        '-c',
        "find . -type f | sed 's#^\\./##' | LC_ALL=C sort | while read -r f; do " +
          'printf \'%s  /%s\\n\' "$(sha256sum "$f" | cut -d" " -f1)" "$f"; done | sha256sum'
      ],
      { cwd: dir, encoding: 'utf8' }
    );
    expect(shell.split(' ')[0]).toBe(manifest.digest);
    expect(manifest.build).toBe(manifest.digest.slice(0, 16));
    expect(buildManifest(tree({ ...files, 'b.js': 'twO' }), 'v1').digest).not.toBe(manifest.digest);
    expect(buildManifest(tree({ ...files, 'c.js': '' }), 'v1').digest).not.toBe(manifest.digest);
  });

  it('does not depend on the order files are listed in', () => {
    expect(digestOf({ '/a': sha256Hex('1'), '/b': sha256Hex('2') })).toBe(
      digestOf({ '/b': sha256Hex('2'), '/a': sha256Hex('1') })
    );
  });
});

describe('source version', () => {
  it('is the same for the same sources in another folder and changes with any source', () => {
    const sources = { 'src/app.html': '<html>', 'static/x.css': 'x', 'package.json': '{}' };
    const version = sourceVersion(tree(sources));
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(sourceVersion(tree(sources))).toBe(version);
    expect(sourceVersion(tree({ ...sources, 'static/x.css': 'y' }))).not.toBe(version);
    expect(sourceVersion(tree({ ...sources, 'README.md': 'not a source' }))).toBe(version);
  });
});
