import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsTable } from '../../../src/config/settings-table.js';

describe('config/settings-table', () => {
  it('is the configuration table the README shows (regenerate with npm run docs:settings)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = /<!-- settings:start -->\n([\s\S]*?)\n<!-- settings:end -->/.exec(readme)?.[1];
    expect(block).toBe(settingsTable());
  });
});
