import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsTable } from '../../../src/config/settings-table.js';

describe('config/settings-table', () => {
  it('is the configuration table the README shows (regenerate with npm run docs:settings)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = /<!-- settings:start -->\n([\s\S]*?)\n<!-- settings:end -->/.exec(readme)?.[1];
    // Prettier pads the table's columns; the cells are what must agree.
    const cells = (table: string | undefined) =>
      (table ?? '')
        .split('\n')
        .filter((row) => row.trim() !== '')
        .map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^-+$/, '-')));
    expect(cells(block)).toEqual(cells(settingsTable()));
  });
});
