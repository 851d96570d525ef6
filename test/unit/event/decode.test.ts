import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHexLines } from '../../../scripts/schemas-check.js';
import { createEventCodec } from '../../../src/event/codec.js';
import { createEventDecoder, decode, decodeAsync } from '../../../src/event/decode.js';
import { DecodeError, frameConfluent, frameSingleObject } from '../../../src/event/framing.js';
import type { GroupMessageSentV1 } from '../../../src/event/group-message.v1.js';
import { loadSchemas } from '../../../src/event/schemas.js';

type Json = Record<string, unknown>;

const root = fileURLToPath(new URL('../../../', import.meta.url));
const goldenDir = join(root, 'test', 'golden', 'group-message', 'v1');
const cases = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));
const golden = (name: string, ext: string) => readFileSync(join(goldenDir, `${name}${ext}`), 'utf8');
const event = (name: string) => JSON.parse(golden(name, '.json')) as GroupMessageSentV1;
const schemas = loadSchemas(join(root, 'schemas'));
const v1Text = readFileSync(join(root, 'schemas', 'group-message', 'v1.avsc'), 'utf8');

/** A scratch schemas/ with v2 = v1 plus a nullable `message.threadId`, as the next release might be. */
const scratch = mkdtempSync(join(tmpdir(), 'decode-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
cpSync(join(root, 'schemas', 'group-message'), join(scratch, 'group-message'), { recursive: true });
const v2Json = JSON.parse(v1Text) as Json;
const groupMessage = (v2Json['fields'] as Json[]).find((f) => f['name'] === 'message')?.['type'] as Json;
(groupMessage['fields'] as Json[]).push({
  name: 'threadId',
  type: ['null', 'string'],
  default: null,
  doc: 'T.',
});
writeFileSync(join(scratch, 'group-message', 'v2.avsc'), JSON.stringify(v2Json));
const withV2 = loadSchemas(scratch);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.fail('expected a throw');
}

describe('src/event/decode', () => {
  it.each(cases)('decodes golden value %s back to its event', (name) => {
    expect(decode(fromHexLines(golden(name, '.soe.hex')))).toEqual(event(name));
  });

  it('reads an older version’s value into the newest shape, filling defaults', () => {
    const decoder = createEventDecoder({ schemas: withV2 });
    const decoded = decoder.decode(fromHexLines(golden('text', '.soe.hex')));
    expect(decoded).toEqual({ ...event('text'), message: { ...event('text').message, threadId: null } });
  });

  it('reads a newest-version value written by the codec', () => {
    const codec = createEventCodec(withV2);
    const written = { ...event('relay'), message: { ...event('relay').message, threadId: 't-1' } };
    expect(codec.schemaVersion).toBe(2);
    expect(createEventDecoder({ schemas: withV2 }).decode(codec.encode(written))).toEqual(written);
  });

  it('names the fingerprint it does not know, and how many it does', () => {
    const value = frameSingleObject(Buffer.from('0102030405060708', 'hex'), Buffer.alloc(1));
    const error = thrown(() => decode(value));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({
      reason: 'UNKNOWN_FINGERPRINT',
      message: expect.stringMatching(/fingerprint 0807060504030201 \(\d+ known\)/) as unknown,
    });
  });

  it.each([
    ['truncated', (body: Buffer) => body.subarray(0, body.length - 3)],
    ['followed by trailing bytes', (body: Buffer) => Buffer.concat([body, Buffer.from([0])])],
  ])('refuses a body that is %s', (_label, damage) => {
    const soe = fromHexLines(golden('text', '.soe.hex'));
    const value = Buffer.concat([soe.subarray(0, 10), damage(soe.subarray(10))]);
    expect(thrown(() => decode(value))).toMatchObject({ reason: 'MALFORMED_BODY' });
  });

  it('asks for decodeAsync when given a Confluent value synchronously', () => {
    expect(thrown(() => decode(frameConfluent(1, Buffer.alloc(0))))).toMatchObject({
      reason: 'UNKNOWN_FRAMING',
    });
  });

  describe('Confluent framing', () => {
    const body = fromHexLines(golden('every-kind', '.hex'));

    it('looks each schema id up once and decodes with it', async () => {
      const lookups: number[] = [];
      const lookupSchema = (id: number) => {
        lookups.push(id);
        return Promise.resolve(v1Text);
      };
      expect(await decodeAsync(frameConfluent(7, body), lookupSchema)).toEqual(event('every-kind'));
      expect(await decodeAsync(frameConfluent(7, body), lookupSchema)).toEqual(event('every-kind'));
      expect(lookups).toEqual([7]);
    });

    it('still decodes single-object values', async () => {
      const value = fromHexLines(golden('nulls', '.soe.hex'));
      expect(await decodeAsync(value, () => Promise.reject(new Error('not called')))).toEqual(event('nulls'));
    });

    it('resolves a writer schema it has never seen to the newest version', async () => {
      const writer = JSON.parse(v1Text) as Json;
      (writer['fields'] as Json[]).push({ name: 'extra', type: 'string', default: '', doc: 'E.' });
      const { type } = schemas.get('group-message')?.versions[0] ?? expect.fail('no v1');
      const decoder = createEventDecoder({ schemas, lookupSchema: () => Promise.resolve(writer) });
      const extended = Buffer.concat([type.toBuffer(event('text')), Buffer.from([0])]); // extra = ""
      expect(await decoder.decodeAsync(frameConfluent(9, extended))).toEqual(event('text'));
    });

    it('retries a lookup that failed', async () => {
      let calls = 0;
      const decoder = createEventDecoder({
        schemas,
        lookupSchema: () =>
          ++calls === 1 ? Promise.reject(new Error('registry down')) : Promise.resolve(v1Text),
      });
      expect(await rejection(decoder.decodeAsync(frameConfluent(3, body)))).toMatchObject({
        reason: 'UNKNOWN_SCHEMA_ID',
        message: expect.stringContaining('schema id 3: lookup failed: Error: registry down') as unknown,
      });
      expect(await decoder.decodeAsync(frameConfluent(3, body))).toEqual(event('every-kind'));
    });

    it('refuses a writer schema the newest version cannot read', async () => {
      const lookupSchema = () => Promise.resolve({ type: 'record', name: 'Other', fields: [] });
      const decoder = createEventDecoder({ schemas, lookupSchema });
      expect(await rejection(decoder.decodeAsync(frameConfluent(4, body)))).toMatchObject({
        reason: 'INCOMPATIBLE_SCHEMA',
      });
    });

    it('refuses a Confluent value when no lookup was given', async () => {
      const decoder = createEventDecoder({ schemas });
      expect(await rejection(decoder.decodeAsync(frameConfluent(5, body)))).toMatchObject({
        reason: 'UNKNOWN_SCHEMA_ID',
      });
    });
  });
});
