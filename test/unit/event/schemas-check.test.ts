import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSchemas, formatReport, toHexLines, type CheckReport } from '../../../scripts/schemas-check.js';
import { describeSchema } from '../../../src/event/schemas.js';

type Json = Record<string, unknown>;

const root = fileURLToPath(new URL('../../../', import.meta.url));
const realSchemas = join(root, 'schemas');
const realGolden = join(root, 'test', 'golden');
const v1 = JSON.parse(readFileSync(join(realSchemas, 'group-message', 'v1.avsc'), 'utf8')) as Json;
const scratchDirs: string[] = [];

afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A scratch copy of schemas/ and goldens with a v2 made by `change`; v2's goldens are v1's events encoded
 * with v2, where v2 can encode them.
 */
function checkWithV2(change: (v2: Json) => void): CheckReport {
  const dir = mkdtempSync(join(tmpdir(), 'schemas-check-'));
  scratchDirs.push(dir);
  const subjectDir = join(dir, 'schemas', 'group-message');
  cpSync(join(realSchemas, 'group-message'), subjectDir, { recursive: true });
  cpSync(join(realGolden, 'group-message'), join(dir, 'golden', 'group-message'), { recursive: true });
  const v2 = structuredClone(v1);
  change(v2);
  writeFileSync(join(subjectDir, 'v2.avsc'), JSON.stringify(v2, null, 2));
  const writer = describeSchema(v2).type;
  const v1Dir = join(dir, 'golden', 'group-message', 'v1');
  const v2Dir = join(dir, 'golden', 'group-message', 'v2');
  mkdirSync(v2Dir);
  for (const file of readdirSync(v1Dir).filter((f) => f.endsWith('.json'))) {
    const event: unknown = JSON.parse(readFileSync(join(v1Dir, file), 'utf8'));
    if (writer.isValid(event)) {
      writeFileSync(join(v2Dir, file.replace('.json', '.hex')), toHexLines(writer.toBuffer(event)));
    }
  }
  return checkSchemas({ schemasDir: join(dir, 'schemas'), goldenDir: join(dir, 'golden') });
}

const failures = (report: CheckReport) => report.findings.filter((f) => !f.ok).map((f) => f.text);
const record = (schema: Json, name: string): Json => {
  const found = find(schema, name);
  if (found === undefined) throw new Error(`no named type ${name}`);
  return found;
};
/** The definition of the named type `name` (a record or enum) anywhere in a schema's JSON. */
function find(node: unknown, name: string): Json | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const json = node as Json;
  if (json['name'] === name && typeof json['type'] === 'string') return json;
  for (const child of Object.values(json)) {
    const hit = find(child, name);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
const fieldsOf = (schema: Json, recordName: string) => record(schema, recordName)['fields'] as Json[];

describe('scripts/schemas-check', () => {
  it('passes the committed schemas and goldens', () => {
    const report = checkSchemas({ schemasDir: realSchemas, goldenDir: realGolden });
    expect(failures(report)).toEqual([]);
    expect(formatReport(report)).toMatch(/schemas:check passed$/);
  });

  it('passes a v2 that adds a nullable field with default null', () => {
    const report = checkWithV2((v2) => {
      fieldsOf(v2, 'GroupMessage').push({
        name: 'threadId',
        type: ['null', 'string'],
        default: null,
        doc: 'Thread.',
      });
    });
    expect(failures(report)).toEqual([]);
    expect(report.findings.map((f) => f.text)).toEqual(
      expect.arrayContaining(['v2 reads v1', 'v1 reads v2', 'golden v1/text.hex decodes with v1, v2']),
    );
  });

  it('passes a v2 that adds an enum symbol, because the enum has a default', () => {
    const report = checkWithV2((v2) => {
      (record(v2, 'ElementKind')['symbols'] as string[]).push('STICKER');
    });
    expect(failures(report)).toEqual([]);
  });

  it('refuses a renamed field, though a nullable rename is FULL-compatible', () => {
    const report = checkWithV2((v2) => {
      const topic = fieldsOf(v2, 'GroupMessage').find((f) => f['name'] === 'topicId');
      if (topic) topic['name'] = 'topic';
    });
    expect(failures(report)).toEqual([
      'v2: field tencentim.kafkabridge.event.GroupMessage.topicId looks renamed to topic (since v1); add a new field instead',
    ]);
  });

  it('refuses a rename declared with aliases', () => {
    const report = checkWithV2((v2) => {
      const fields = fieldsOf(v2, 'Source');
      const ip = fields.findIndex((f) => f['name'] === 'clientIp');
      fields[ip] = { name: 'clientAddress', aliases: ['clientIp'], type: 'string', default: '', doc: 'IP.' };
    });
    expect(failures(report)).toEqual(
      expect.arrayContaining([expect.stringMatching(/clientIp looks renamed/)]),
    );
  });

  it('refuses removing a field that has no default', () => {
    const report = checkWithV2((v2) => {
      v2['fields'] = (v2['fields'] as Json[]).filter((f) => f['name'] !== 'eventType');
    });
    expect(failures(report)).toEqual([
      expect.stringMatching(/^v1 reads v2: NO, /),
      expect.stringMatching(/^golden v2\/.*\.hex decodes with v1, v2: NO, with v1/),
      ...Array<unknown>(5).fill(expect.stringMatching(/^golden v2\//)),
    ]);
  });

  it('refuses int → long (old readers cannot read a long)', () => {
    const report = checkWithV2((v2) => {
      const field = (v2['fields'] as Json[]).find((f) => f['name'] === 'schemaVersion');
      if (field) field['type'] = 'long';
    });
    expect(failures(report)).toContainEqual(expect.stringMatching(/^v1 reads v2: NO, /));
    expect(failures(report)).not.toContainEqual(expect.stringMatching(/^v2 reads v1/));
  });

  it.each([
    [
      'a field added without a default',
      (v2: Json) => fieldsOf(v2, 'Mention').push({ name: 'nick', type: 'string', doc: 'Nickname.' }),
      /Mention.nick added after v1 has no default/,
    ],
    [
      'a field without doc',
      (v2: Json) => fieldsOf(v2, 'Mention').push({ name: 'nick', type: ['null', 'string'], default: null }),
      /field tencentim.kafkabridge.event.Mention.nick has no doc/,
    ],
    [
      'null second in a union',
      (v2: Json) =>
        fieldsOf(v2, 'Mention').push({ name: 'n', type: ['string', 'null'], default: 'x', doc: 'N.' }),
      /Mention.n: a union must be \["null", T\]/,
    ],
    [
      'a nullable field whose default is not null',
      (v2: Json) => fieldsOf(v2, 'Mention').push({ name: 'n', type: ['null', 'string'], doc: 'N.' }),
      /Mention.n: nullable needs default null/,
    ],
    [
      'an enum without default',
      (v2: Json) => delete record(v2, 'ElementKind')['default'],
      /enum tencentim.kafkabridge.event.ElementKind has no default/,
    ],
    [
      'an int for an unsigned 32-bit value',
      (v2: Json) =>
        fieldsOf(v2, 'Mention').push({
          name: 'seq',
          type: 'int',
          default: 0,
          doc: 'A seq (unsigned 32-bit).',
        }),
      /Mention.seq is unsigned 32-bit: use long, not int/,
    ],
    [
      'a changed namespace',
      (v2: Json) => {
        v2['namespace'] = 'tencentim.kafkabridge.event.v2';
      },
      /top-level name\/namespace changed/,
    ],
  ])('refuses %s', (_label, change, message) => {
    expect(failures(checkWithV2(change))).toContainEqual(expect.stringMatching(message));
  });

  it('refuses a gap in the versions and a file not named v<N>.avsc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-check-'));
    scratchDirs.push(dir);
    cpSync(join(realSchemas, 'group-message'), join(dir, 'group-message'), { recursive: true });
    cpSync(join(realSchemas, 'group-message', 'v1.avsc'), join(dir, 'group-message', 'v3.avsc'));
    writeFileSync(join(dir, 'group-message', 'draft.avsc'), '{}');
    const report = checkSchemas({ schemasDir: dir, goldenDir: realGolden });
    expect(failures(report)).toEqual([
      'draft.avsc is not named v<N>.avsc',
      'versions must run v1..vN without gaps, found v1.avsc, v3.avsc',
    ]);
    expect(formatReport(report)).toMatch(/FAILED: 2 problem\(s\)$/);
  });
});
