import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeBody,
  describeSchema,
  listVersionFiles,
  whyCannotRead,
  type AvroType,
} from '../src/event/schemas.js';
import { lintEvolution, lintVersion, namedTypes, type Note, type SchemaJson } from './schemas-lint.js';

/**
 * The schema-evolution gate (`npm run schemas:check`, and a unit test): for every `schemas/<subject>/`,
 * versions parse and run v1..vN, every pair of versions is compatible in the subject's mode, the lint rules
 * of schemas/README.md hold, and every version's golden bodies decode with every other version's reader.
 */
export interface CheckOptions {
  readonly schemasDir: string;
  /** Holds `<subject>/v<N>/<case>.hex` golden bodies. */
  readonly goldenDir: string;
}

export interface Finding {
  readonly subject: string;
  readonly ok: boolean;
  readonly text: string;
}

export interface CheckReport {
  readonly ok: boolean;
  readonly findings: readonly Finding[];
}

type Json = Record<string, unknown>;
interface Version extends SchemaJson {
  readonly type: AvroType;
}

/** Directions each mode checks: backward = new reads old, forward = old reads new; transitive = all pairs. */
const MODES: Readonly<Record<string, { backward: boolean; forward: boolean; transitive: boolean }>> = {
  NONE: { backward: false, forward: false, transitive: false },
  BACKWARD: { backward: true, forward: false, transitive: false },
  BACKWARD_TRANSITIVE: { backward: true, forward: false, transitive: true },
  FORWARD: { backward: false, forward: true, transitive: false },
  FORWARD_TRANSITIVE: { backward: false, forward: true, transitive: true },
  FULL: { backward: true, forward: true, transitive: false },
  FULL_TRANSITIVE: { backward: true, forward: true, transitive: true },
};

export function checkSchemas(options: CheckOptions): CheckReport {
  const findings: Finding[] = [];
  for (const entry of readdirSync(options.schemasDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const subject = entry.name;
    const note = (ok: boolean, text: string) => findings.push({ subject, ok, text });
    checkSubject(options, subject, note);
  }
  return { ok: findings.every((f) => f.ok), findings };
}

function checkSubject(options: CheckOptions, subject: string, note: Note): void {
  const dir = join(options.schemasDir, subject);
  const mode = readMode(dir, note);
  const files = listVersionFiles(dir);
  const strays = readdirSync(dir).filter((f) => f.endsWith('.avsc') && !files.some(([, name]) => name === f));
  for (const stray of strays) note(false, `${stray} is not named v<N>.avsc`);
  if (files.length === 0) {
    note(false, 'no v<N>.avsc');
    return;
  }
  if (files.some(([version], index) => version !== index + 1)) {
    note(false, `versions must run v1..vN without gaps, found ${files.map(([, f]) => f).join(', ')}`);
    return;
  }
  const versions: Version[] = [];
  for (const [version, file] of files) {
    try {
      const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const { type, fingerprint } = describeSchema(json);
      versions.push({ version, json, type, named: namedTypes(json) });
      note(true, `v${version} parses with noAnonymousTypes (fingerprint ${fingerprint.hex})`);
    } catch (error) {
      note(false, `v${version} does not parse: ${String(error)}`);
    }
  }
  if (versions.length !== files.length) return;
  for (const v of versions) {
    if (lintVersion(v, note) === 0)
      note(true, `v${v.version} lint: docs, unions, enum defaults, unsigned ints`);
  }
  if (versions.length > 1 && lintEvolution(versions, note) === 0) {
    note(true, 'evolution lint: stable full name, defaults on added fields, no renames');
  }
  if (mode !== undefined) checkCompatibility(versions, mode, note);
  if (mode !== undefined) checkGoldens(join(options.goldenDir, subject), versions, mode, note);
}

function readMode(dir: string, note: Note) {
  try {
    const json = JSON.parse(readFileSync(join(dir, 'subject.json'), 'utf8')) as Json;
    const mode = MODES[String(json['compatibility'])];
    if (typeof json['subject'] !== 'string' || mode === undefined) {
      note(false, `subject.json needs "subject" and a "compatibility" of ${Object.keys(MODES).join(', ')}`);
      return undefined;
    }
    note(true, `subject ${json['subject']}, compatibility ${String(json['compatibility'])}`);
    return mode;
  } catch (error) {
    note(false, `subject.json is missing or not JSON: ${String(error)}`);
    return undefined;
  }
}

function checkCompatibility(versions: readonly Version[], mode: (typeof MODES)[string], note: Note): void {
  for (const [older, newer] of pairs(versions, mode.transitive)) {
    const checks: [string, AvroType, AvroType][] = [];
    if (mode.backward) checks.push([`v${newer.version} reads v${older.version}`, newer.type, older.type]);
    if (mode.forward) checks.push([`v${older.version} reads v${newer.version}`, older.type, newer.type]);
    for (const [label, reader, writer] of checks) {
      const why = whyCannotRead(reader, writer);
      note(why === undefined, why === undefined ? label : `${label}: NO, ${why}`);
    }
  }
}

function checkGoldens(
  dir: string,
  versions: readonly Version[],
  mode: (typeof MODES)[string],
  note: Note,
): void {
  for (const writer of versions) {
    const caseDir = join(dir, `v${writer.version}`);
    const cases = existsSync(caseDir)
      ? readdirSync(caseDir).filter((f) => f.endsWith('.hex') && !f.endsWith('.soe.hex'))
      : [];
    if (cases.length === 0) note(false, `v${writer.version} has no golden bodies in ${caseDir}`);
    const readers = versions.filter(
      (r) =>
        r === writer ||
        (mode.backward && r.version > writer.version) ||
        (mode.forward && r.version < writer.version),
    );
    for (const file of cases) {
      const body = fromHexLines(readFileSync(join(caseDir, file), 'utf8'));
      const failed = readers.flatMap((reader) => {
        try {
          decodeBody(reader.type, writer.type, body);
          return [];
        } catch (error) {
          return [`v${reader.version} (${String(error)})`];
        }
      });
      const label = `golden v${writer.version}/${file} decodes with ${readers.map((r) => `v${r.version}`).join(', ')}`;
      note(failed.length === 0, failed.length === 0 ? label : `${label}: NO, with ${failed.join('; ')}`);
    }
  }
}

function pairs(versions: readonly Version[], transitive: boolean): [Version, Version][] {
  return versions.flatMap((newer, j) =>
    versions.slice(transitive ? 0 : Math.max(0, j - 1), j).map((older): [Version, Version] => [older, newer]),
  );
}

/** Golden bytes as diffable text: lowercase hex, 32 bytes a line, bytes separated by spaces. */
export function toHexLines(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 32) {
    lines.push([...bytes.subarray(i, i + 32)].map((b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  return `${lines.join('\n')}\n`;
}

export function fromHexLines(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

export function formatReport(report: CheckReport): string {
  const lines = report.findings.map((f) => `${f.ok ? '  ok  ' : '  FAIL'} ${f.subject}: ${f.text}`);
  const failures = report.findings.filter((f) => !f.ok).length;
  lines.push(failures === 0 ? 'schemas:check passed' : `schemas:check FAILED: ${failures} problem(s)`);
  return lines.join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const report = checkSchemas({ schemasDir: join(root, 'schemas'), goldenDir: join(root, 'test', 'golden') });
  console.log(formatReport(report));
  process.exitCode = report.ok ? 0 : 1;
}
