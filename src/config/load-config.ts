import { whyBadRoute } from '../commands/routes.js';
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { TypeGuard } from '@sinclair/typebox';
import { Settings, settingNames, type SettingName } from './settings.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Raised at start with every invalid setting at once; the entry point prints them and exits non-zero. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Reads settings from an optional env-style file (BRIDGE_CONFIG_FILE: KEY=VALUE lines, # comments) overlaid
 * by the environment, applies defaults, converts strings to the declared types and checks everything. Unknown
 * BRIDGE_ names are errors too (a typo must not silently fall back to a default). Returns frozen settings.
 */
export function loadSettings(
  env: Environment,
  readFile = (path: string) => readFileSync(path, 'utf8'),
): Settings {
  const problems: string[] = [];
  const file = env['BRIDGE_CONFIG_FILE'];
  const fromFile = file ? parseEnvFile(readFile(file), file, problems) : {};
  const merged: Record<string, string> = { ...fromFile };
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('BRIDGE_') && name !== 'BRIDGE_CONFIG_FILE' && value !== undefined)
      merged[name] = value;
  }
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(merged)) {
    if (!(settingNames as string[]).includes(name)) {
      problems.push(`${name}: unknown setting`);
      continue;
    }
    raw[name] = coerce(name as SettingName, value);
  }
  const settings = Value.Default(Settings, raw);
  for (const error of Value.Errors(Settings, settings)) {
    const name = error.path.split('/')[1] ?? error.path;
    problems.push(`${name}: ${error.message} (got ${JSON.stringify(error.value)})`);
  }
  if (problems.length === 0) problems.push(...crossChecks(settings as Settings));
  if (problems.length > 0) throw new ConfigError(problems);
  // Read-only through and through: lists too.
  for (const value of Object.values(settings as Settings)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(settings as Settings);
}

/** Turns the text of one variable into the value its schema declares; the schema check judges the result. */
function coerce(name: SettingName, text: string): unknown {
  const schema = Settings.properties[name];
  if (TypeGuard.IsArray(schema)) {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (TypeGuard.IsInteger(schema)) return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
  if (TypeGuard.IsBoolean(schema)) {
    const lower = text.trim().toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : text;
  }
  return text.trim();
}

function crossChecks(settings: Settings): string[] {
  const problems: string[] = [];
  if (settings.BRIDGE_KAFKA_BROKERS.length === 0) problems.push('BRIDGE_KAFKA_BROKERS: required');
  if (settings.BRIDGE_TENCENT_AUTH === 'enabled') {
    if (settings.BRIDGE_TENCENT_TOKEN.length === 0) {
      problems.push(
        'BRIDGE_TENCENT_TOKEN: required while authentication is enabled (set BRIDGE_TENCENT_AUTH=disabled to run without)',
      );
    }
    if (settings.BRIDGE_TENCENT_SDKAPPIDS.length === 0) {
      problems.push('BRIDGE_TENCENT_SDKAPPIDS: required while authentication is enabled');
    }
  }
  if (settings.BRIDGE_EVENT_FRAMING === 'confluent' && settings.BRIDGE_SCHEMA_REGISTRY_URL === '') {
    problems.push('BRIDGE_SCHEMA_REGISTRY_URL: required when BRIDGE_EVENT_FRAMING=confluent');
  }
  if (settings.BRIDGE_KAFKA_SASL_MECHANISM !== '' && settings.BRIDGE_KAFKA_SASL_USERNAME === '') {
    problems.push('BRIDGE_KAFKA_SASL_USERNAME: required when BRIDGE_KAFKA_SASL_MECHANISM is set');
  }
  if (settings.BRIDGE_DEDUP_WINDOW_MS > 0 && !settings.BRIDGE_SPOOL_ENABLED) {
    problems.push('BRIDGE_DEDUP_WINDOW_MS: works only with the spool (BRIDGE_SPOOL_ENABLED=true)');
  }
  if (settings.BRIDGE_DLQ_TOPIC === settings.BRIDGE_KAFKA_TOPIC) {
    problems.push('BRIDGE_DLQ_TOPIC: must differ from BRIDGE_KAFKA_TOPIC');
  }
  if (settings.BRIDGE_DLQ_TOPIC === settings.BRIDGE_KAFKA_APP_TOPIC) {
    problems.push('BRIDGE_DLQ_TOPIC: must differ from BRIDGE_KAFKA_APP_TOPIC');
  }
  for (const route of settings.BRIDGE_KAFKA_ROUTES) {
    const why = whyBadRoute(route);
    if (why !== undefined) problems.push(`BRIDGE_KAFKA_ROUTES: ${why}`);
    else if (route.endsWith(`=${settings.BRIDGE_DLQ_TOPIC}`))
      problems.push(`BRIDGE_KAFKA_ROUTES: ${route} routes events to the dead-letter topic`);
  }
  return problems;
}

/** Parses KEY=VALUE lines; blank lines and # comments are skipped; values may be single- or double-quoted. */
export function parseEnvFile(text: string, origin: string, problems: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(trimmed);
    if (!match?.[1]) {
      problems.push(`${origin}:${index + 1}: expected NAME=value`);
      return;
    }
    values[match[1]] = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  });
  return values;
}

/** The settings as they may be logged: secrets replaced by a marker saying whether they are set. */
export function redactSettings(settings: Settings, secrets: readonly SettingName[]): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...settings };
  for (const name of secrets) {
    const value = settings[name];
    const set = Array.isArray(value) ? value.length > 0 : value !== '';
    shown[name] = set ? '<set>' : '<unset>';
  }
  return shown;
}
