import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventCatalogue, readmeCatalogue } from '../../../scripts/docs-events.js';
import { COMMANDS } from '../../../src/commands/table.js';
import { loadSchemas } from '../../../src/event/schemas.js';

const schemas = loadSchemas(fileURLToPath(new URL('../../../schemas/', import.meta.url)));
/** Prettier pads the table's columns; the cells are what must agree. */
const cells = (table: string | undefined) =>
  (table ?? '')
    .split('\n')
    .filter((row) => row.trim() !== '')
    .map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^-+$/, '-')));

describe('README event catalogue', () => {
  it('is what npm run docs:events generates from the command table and the schemas', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(cells(readmeCatalogue(readme))).toEqual(cells(eventCatalogue(schemas)));
  });

  it('has a row for every entry of the table and for callback-received', () => {
    const rows = cells(eventCatalogue(schemas)).slice(2);
    expect(rows).toHaveLength(COMMANDS.length + 1);
    for (const entry of COMMANDS) expect(rows.some((row) => row[2] === `\`${entry.command}\``)).toBe(true);
  });
});
