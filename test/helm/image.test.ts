import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chart, root, run } from './tools.js';

const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as {
  podSecurityContext: { runAsUser: number; runAsGroup: number };
  bridge: { http: { port: number } };
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/** Arguments of the last instruction of a kind, e.g. instruction('USER') → '10001:10001'. */
function instruction(name: string): string {
  const lines = dockerfile.split('\n').filter((line) => line.startsWith(`${name} `));
  return (lines.at(-1) ?? '').slice(name.length + 1).trim();
}

describe('Dockerfile', () => {
  it('passes hadolint', () => {
    const result = run('hadolint', [join(root, 'Dockerfile')]);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs as the numeric UID and GID the chart sets', () => {
    const { runAsUser, runAsGroup } = values.podSecurityContext;
    expect(instruction('USER')).toBe(`${runAsUser}:${runAsGroup}`);
  });

  it('exposes the port the chart configures', () => {
    expect(instruction('EXPOSE')).toBe(String(values.bridge.http.port));
  });

  it('starts node directly on the script npm start runs, with no shell', () => {
    expect(instruction('ENTRYPOINT')).toBe('["/nodejs/bin/node"]');
    expect(`node ${(JSON.parse(instruction('CMD')) as string[]).join(' ')}`).toBe(pkg.scripts['start']);
    expect(instruction('FROM')).toMatch(/^gcr\.io\/distroless\/nodejs\d+-debian12:nonroot /);
  });

  it('builds the native addon on the same Debian release as the runtime', () => {
    const bases = dockerfile.match(/^FROM node:\S+/gm) ?? [];
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/-bookworm-slim$/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/RUN npm run build/);
  });
});
