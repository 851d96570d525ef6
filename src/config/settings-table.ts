import { Settings, secretSettings, settingNames } from './settings.js';

/** The configuration table of the README, generated from the settings themselves so the two never drift. */
export function settingsTable(): string {
  const rows = settingNames.map((name) => {
    const schema = Settings.properties[name] as { default?: unknown; description?: string };
    const fallback = defaultText(schema.default);
    const shown = fallback === '' ? '—' : `\`${fallback}\``;
    const secret = secretSettings.includes(name) ? ' **Secret.**' : '';
    const description = (schema.description ?? '').replace(/^Secret\. /, '').replaceAll('|', '\\|');
    return `| \`${name}\` | ${shown} | ${description}${secret} |`;
  });
  return ['| Setting | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

const groupTitles: Readonly<Record<string, string>> = {
  HTTP: 'HTTP endpoint',
  TENCENT: 'Tencent callbacks and authentication',
  KAFKA: 'Kafka',
  DLQ: 'Kafka',
  SPOOL: 'Durable spool',
  DEDUP: 'Durable spool',
  EVENT: 'Event contract and schema registry',
  SCHEMA: 'Event contract and schema registry',
  SHUTDOWN: 'Shutdown',
  LOG: 'Logging',
};

/** Values the example shows where the setting has no usable default. */
const exampleValues: Readonly<Partial<Record<string, string>>> = {
  BRIDGE_KAFKA_BROKERS: '127.0.0.1:9092',
  BRIDGE_TENCENT_SDKAPPIDS: '1400000000',
  BRIDGE_TENCENT_TOKEN: 'change-me',
};

/** config/bridge.example.env: every setting with its description and default, generated like the table. */
export function exampleEnv(): string {
  const lines = [
    '# Every setting of tencent-im-kafka-bridge, with its default. Settings come from the environment, or from a',
    '# file like this one named by BRIDGE_CONFIG_FILE (the environment wins). Lines starting with # are comments.',
    '# Lists are comma separated. Settings marked Secret should come from a secret store, not a file in git.',
    '# Generated from src/config/settings.ts by `npm run docs:settings`.',
  ];
  let group = '';
  for (const name of settingNames) {
    const schema = Settings.properties[name] as { default?: unknown; description?: string };
    const title = groupTitles[name.split('_')[1] ?? ''] ?? 'Other';
    if (title !== group) lines.push('', `# --- ${title} ---`);
    group = title;
    lines.push(...wrap(schema.description ?? '', 108).map((line) => `# ${line}`));
    lines.push(`${name}=${exampleValues[name] ?? defaultText(schema.default)}`);
  }
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && `${line} ${word}`.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...out, line];
}

/** A setting's default as it is written in an env file: lists comma-separated. */
function defaultText(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
