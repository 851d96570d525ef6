#!/usr/bin/env node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signOf } from '../callback/authenticate.js';
import { Settings } from '../config/settings.js';

const usage = `Usage: replay [--url URL] [--token T] [--sdkappid ID] [file-or-folder ...]
Posts callbacks to a running bridge, signed as Tencent signs them, and prints each answer.
A file holds {"query": {...}, "body": {...}} (the fixture format) or just a callback body; its command is
the query's CallbackCommand, else the body's. Folders are read recursively, files in name order.
  --url       default: http://127.0.0.1:\${BRIDGE_HTTP_PORT:-8080}\${BRIDGE_HTTP_CALLBACK_PATH:-/callbacks/tencent-im}
  --token     default: the first of BRIDGE_TENCENT_TOKEN, else dev-token (npm run dev's)
  --sdkappid  default: the first of BRIDGE_TENCENT_SDKAPPIDS, else 1400000000 (npm run dev's)
  files       default: the sample callbacks of every command, in test/fixtures/callbacks`;

interface Callback {
  readonly name: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
}

function jsonFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => {
      const inner = join(path, entry);
      return statSync(inner).isDirectory() ? jsonFiles(inner) : entry.endsWith('.json') ? [inner] : [];
    });
}

function readCallbacks(paths: readonly string[]): Callback[] {
  return paths.flatMap(jsonFiles).map((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { query?: Record<string, string>; body?: unknown };
    const [query, body] =
      json.body !== undefined && json.query !== undefined ? [json.query, json.body] : [{}, json];
    const command = query['CallbackCommand'] ?? (body as { CallbackCommand?: unknown }).CallbackCommand;
    if (typeof command !== 'string') throw new Error(`${file}: no CallbackCommand in its query or body`);
    return { name: file, query: { ...query, CallbackCommand: command }, body };
  });
}

async function main(): Promise<number> {
  const env = process.env;
  const first = (list: string | undefined) => list?.split(',')[0]?.trim() || undefined;
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: {
        type: 'string',
        default: `http://127.0.0.1:${env['BRIDGE_HTTP_PORT'] ?? Settings.properties.BRIDGE_HTTP_PORT.default}${env['BRIDGE_HTTP_CALLBACK_PATH'] ?? Settings.properties.BRIDGE_HTTP_CALLBACK_PATH.default}`,
      },
      token: { type: 'string', default: first(env['BRIDGE_TENCENT_TOKEN']) ?? 'dev-token' },
      sdkappid: { type: 'string', default: first(env['BRIDGE_TENCENT_SDKAPPIDS']) ?? '1400000000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const callbacks = readCallbacks(positionals.length > 0 ? positionals : ['test/fixtures/callbacks']);
  let failed = 0;
  for (const callback of callbacks) {
    const requestTime = String(Math.floor(Date.now() / 1000));
    const query = new URLSearchParams({
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
      ...callback.query,
      SdkAppid: values.sdkappid,
      Sign: signOf(values.token, requestTime),
      RequestTime: requestTime,
    });
    const response = await fetch(`${values.url}?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(callback.body),
    });
    const answer = await response.text();
    if (response.status !== 200) failed++;
    process.stdout.write(`${response.status} ${answer} ${callback.name}\n`);
  }
  process.stdout.write(`${callbacks.length - failed} accepted, ${failed} refused\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`replay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
