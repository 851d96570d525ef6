import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings, parseEnvFile, redactSettings } from '../../../src/config/load-config.js';
import { secretSettings, settingNames } from '../../../src/config/settings.js';
import { exampleEnv } from '../../../src/config/settings-table.js';

const minimal = {
  BRIDGE_KAFKA_BROKERS: '127.0.0.1:9092',
  BRIDGE_TENCENT_TOKEN: 'tok',
  BRIDGE_TENCENT_SDKAPPIDS: '1400000000',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config/load-config', () => {
  it('applies documented defaults and converts numbers, booleans and lists', () => {
    const settings = loadSettings({
      ...minimal,
      BRIDGE_KAFKA_BROKERS: 'a:9092, b:9092',
      BRIDGE_HTTP_PORT: '9000',
      BRIDGE_KAFKA_AUTO_CREATE_TOPICS: 'true',
    });
    expect(settings.BRIDGE_KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(settings.BRIDGE_HTTP_PORT).toBe(9000);
    expect(settings.BRIDGE_KAFKA_AUTO_CREATE_TOPICS).toBe(true);
    expect(settings.BRIDGE_KAFKA_TOPIC).toBe('tencent-im.group-events.v1');
    expect(settings.BRIDGE_KAFKA_APP_TOPIC).toBe('tencent-im.app-events.v1');
    expect(settings.BRIDGE_KAFKA_ROUTES).toEqual([]);
    expect(settings.BRIDGE_KEEP_UNHANDLED_COMMANDS).toBe(true);
    expect(settings.BRIDGE_TENCENT_AUTH).toBe('enabled');
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('freezes the settings and their lists (the token list keys a cache of Signs)', () => {
    const settings = loadSettings({ ...minimal, BRIDGE_TENCENT_TOKEN: 'one,two' });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.BRIDGE_TENCENT_TOKEN)).toBe(true);
    expect(Object.isFrozen(settings.BRIDGE_KAFKA_BROKERS)).toBe(true);
  });

  it('lists every invalid setting at once', () => {
    const problems = problemsOf({
      ...minimal,
      BRIDGE_HTTP_PORT: 'eighty',
      BRIDGE_TENCENT_AUTH: 'off',
      BRIDGE_KAFKA_LINGER_MS: '-1',
      BRIDGE_KAFKA_TOPCI: 'typo',
    });
    expect(problems.some((p) => p.startsWith('BRIDGE_HTTP_PORT:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('BRIDGE_TENCENT_AUTH:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('BRIDGE_KAFKA_LINGER_MS:'))).toBe(true);
    expect(problems).toContain('BRIDGE_KAFKA_TOPCI: unknown setting');
  });

  it('requires a token and SdkAppids while authentication is enabled, and only then', () => {
    expect(problemsOf({ BRIDGE_KAFKA_BROKERS: 'k:9092' })).toEqual([
      expect.stringMatching(/^BRIDGE_TENCENT_TOKEN: required/),
      expect.stringMatching(/^BRIDGE_TENCENT_SDKAPPIDS: required/),
    ]);
    expect(problemsOf({ BRIDGE_KAFKA_BROKERS: 'k:9092', BRIDGE_TENCENT_AUTH: 'disabled' })).toEqual([]);
  });

  it('requires brokers, a registry for confluent framing and distinct topics', () => {
    expect(problemsOf({ ...minimal, BRIDGE_KAFKA_BROKERS: '' })).toEqual(['BRIDGE_KAFKA_BROKERS: required']);
    expect(problemsOf({ ...minimal, BRIDGE_EVENT_FRAMING: 'confluent' })).toEqual([
      expect.stringMatching(/^BRIDGE_SCHEMA_REGISTRY_URL: required/),
    ]);
    expect(problemsOf({ ...minimal, BRIDGE_DLQ_TOPIC: 'tencent-im.group-events.v1' })).toEqual([
      'BRIDGE_DLQ_TOPIC: must differ from BRIDGE_KAFKA_TOPIC',
    ]);
    expect(problemsOf({ ...minimal, BRIDGE_DLQ_TOPIC: 'tencent-im.app-events.v1' })).toEqual([
      'BRIDGE_DLQ_TOPIC: must differ from BRIDGE_KAFKA_APP_TOPIC',
    ]);
  });

  it('takes routes of a command or a family to a topic, and names a malformed one', () => {
    const routes = 'Group.CallbackAfterSendMsg=tencent-im.group-messages.v1,C2C.*=c2c';
    expect(problemsOf({ ...minimal, BRIDGE_KAFKA_ROUTES: routes })).toEqual([]);
    expect(problemsOf({ ...minimal, BRIDGE_KAFKA_ROUTES: 'Group.CallbackAfterSendMsg' })).toEqual([
      expect.stringMatching(/^BRIDGE_KAFKA_ROUTES: "Group.CallbackAfterSendMsg" is not Command=topic/),
    ]);
    expect(problemsOf({ ...minimal, BRIDGE_KAFKA_ROUTES: 'Group.*=bad topic' })).toHaveLength(1);
    expect(problemsOf({ ...minimal, BRIDGE_KAFKA_ROUTES: 'C2C.*=tencent-im.group-messages.dlq' })).toEqual([
      'BRIDGE_KAFKA_ROUTES: C2C.*=tencent-im.group-messages.dlq routes events to the dead-letter topic',
    ]);
  });

  it('refuses a dedup window without the spool, where nothing would apply it', () => {
    expect(() =>
      loadSettings({ ...minimal, BRIDGE_DEDUP_WINDOW_MS: '60000', BRIDGE_SPOOL_ENABLED: 'false' }),
    ).toThrow(/BRIDGE_DEDUP_WINDOW_MS: works only with the spool/);
    expect(loadSettings({ ...minimal, BRIDGE_DEDUP_WINDOW_MS: '60000' }).BRIDGE_DEDUP_WINDOW_MS).toBe(60000);
  });

  it('reads BRIDGE_CONFIG_FILE and lets the environment win', () => {
    const file = 'BRIDGE_HTTP_PORT=7000\nBRIDGE_KAFKA_TOPIC="from-file"\n# comment\n';
    const settings = loadSettings(
      { ...minimal, BRIDGE_CONFIG_FILE: 'x.env', BRIDGE_HTTP_PORT: '7001' },
      () => file,
    );
    expect(settings.BRIDGE_HTTP_PORT).toBe(7001);
    expect(settings.BRIDGE_KAFKA_TOPIC).toBe('from-file');
  });

  it('never shows secrets when settings are logged', () => {
    const shown = redactSettings(
      loadSettings({ ...minimal, BRIDGE_TENCENT_TOKEN: 'hunter2,other' }),
      secretSettings,
    );
    expect(JSON.stringify(shown)).not.toContain('hunter2');
    expect(shown['BRIDGE_TENCENT_TOKEN']).toBe('<set>');
    expect(shown['BRIDGE_KAFKA_SASL_PASSWORD']).toBe('<unset>');
  });
});

describe('config/bridge.example.env', () => {
  const text = readFileSync(new URL('../../../config/bridge.example.env', import.meta.url), 'utf8');

  it('documents every setting, each once, with a comment above it', () => {
    const problems: string[] = [];
    const values = parseEnvFile(text, 'example', problems);
    expect(problems).toEqual([]);
    expect(Object.keys(values).sort()).toEqual([...settingNames].sort());
    for (const name of settingNames) {
      expect(text, name).toMatch(new RegExp(`#[^\\n]*\\n${name}=`));
    }
  });

  it('is what npm run docs:settings generates from the settings', () => {
    expect(text).toBe(exampleEnv());
  });

  it('is a valid configuration as it stands', () => {
    expect(() => loadSettings({ BRIDGE_CONFIG_FILE: 'example' }, () => text)).not.toThrow();
  });
});
