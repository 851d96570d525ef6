// Runs the Java and Python readers of test/cross-language/ for integration tests. `prepareReaders` builds
// them once into .tools/cross-language/ (setup.sh; minutes the first time on a fresh machine, under a
// second afterwards).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let tools: string | undefined;

export async function prepareReaders(): Promise<void> {
  const { stdout } = await run('bash', [join(root, 'test/cross-language/setup.sh')], { timeout: 600_000 });
  tools = stdout.trim().split('\n').at(-1);
}

function built(): string {
  if (tools === undefined) throw new Error('call prepareReaders() first (in beforeAll)');
  return tools;
}

async function lines(command: string, args: readonly string[], what: string): Promise<string[]> {
  try {
    const { stdout } = await run(command, args, { cwd: root, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\n').filter((line) => line.trim() !== '');
  } catch (err) {
    const { stderr, message } = err as { stderr?: string; message: string };
    throw new Error(`${what} failed: ${message}\n${stderr ?? ''}`);
  }
}

/** `java crosslang.Reader <args>`: one output line each. */
export function runJava(args: readonly string[]): Promise<string[]> {
  const t = built();
  return lines(
    'java',
    ['-cp', `${t}/java/classes:${t}/java/lib/*`, 'crosslang.Reader', ...args],
    `java ${args[0] ?? ''}`,
  );
}

/** `python reader.py <args>` in the venv with the `avro` package. */
export function runPython(args: readonly string[]): Promise<string[]> {
  return lines(
    `${built()}/python/bin/python`,
    [join(root, 'test/cross-language/python/reader.py'), ...args],
    'python reader',
  );
}

/** A scratch folder for value, key and schema files; `dispose` removes it. */
export function scratchDir(): {
  path: (name: string) => string;
  write: (name: string, text: string) => string;
  dispose: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'cross-language-'));
  return {
    path: (name) => join(dir, name),
    write: (name, text) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    },
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Hex lines, the readers' input format for values and keys. */
export function hexLines(values: readonly Uint8Array[]): string {
  return `${values.map((v) => Buffer.from(v).toString('hex')).join('\n')}\n`;
}

/** JSON with object keys sorted at every level, so field order never decides equality. */
export function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalised(v)]),
    );
  }
  return value;
}

/** A decoded value as plain JSON data (avsc records → objects, bytes → lowercase hex), normalised. */
export function asJson(value: unknown): unknown {
  return normalised(JSON.parse(JSON.stringify(value, bytesAsHex)));
}

function bytesAsHex(_key: string, value: unknown): unknown {
  const bytes = value as { type?: unknown; data?: unknown } | null;
  return bytes?.type === 'Buffer' && Array.isArray(bytes.data)
    ? Buffer.from(bytes.data as number[]).toString('hex')
    : value;
}
