// Reads the built extensions (npm run build), no browser: what each store would be shown.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: unknown[];
  web_accessible_resources?: unknown[];
  externally_connectable?: unknown;
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  commands?: Record<string, { suggested_key?: { default?: string } }>;
}

const BUILDS = ['chrome-mv3', 'firefox-mv3'] as const;
const read = (build: string): Manifest =>
  JSON.parse(readFileSync(path.resolve('dist/extension', build, 'manifest.json'), 'utf8'));

describe.each(BUILDS)('the %s manifest', (build) => {
  const manifest = read(build);
  const text = JSON.stringify(manifest);

  it('asks for no more than it uses, and no host at all', () => {
    expect(manifest.manifest_version).toBe(3);
    expect([...(manifest.permissions ?? [])].sort()).toEqual(
      ['activeTab', 'contextMenus', 'scripting', 'storage'].sort(),
    );
    expect(text).not.toContain('<all_urls>');
    expect(text).not.toMatch(/"\*:\/\/\*\/\*"/);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('has a strict content security policy for its pages', () => {
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-');
    for (const [name, values] of directives) {
      for (const wide of ['*', 'http:', 'ws:']) expect(values, name).not.toContain(wide);
    }
    // Plain-text connections only to this computer, as parseServerUrl allows.
    for (const source of directives.get('connect-src') ?? []) {
      expect(source).toMatch(/^('self'|https:|wss:|(http|ws):\/\/(localhost|127\.0\.0\.1):\*)$/);
    }
    expect(manifest.content_security_policy?.sandbox).toBeUndefined();
  });

  it('opens its popup from the keyboard', () => {
    expect(manifest.commands?._execute_action?.suggested_key?.default).toMatch(/^Alt\+Shift\+/);
  });

  it('ships no source maps and none of the web app’s install images', () => {
    const dir = path.resolve('dist/extension', build);
    for (const file of ['screenshots', 'icon-maskable-512.png']) {
      expect(existsSync(path.join(dir, file)), file).toBe(false);
    }
    expect(readFileSync(path.join(dir, 'popup.html'), 'utf8')).not.toContain('sourceMappingURL');
  });
});
