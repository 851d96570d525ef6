import { Settings, secretSettings, settingNames } from './settings.js';

/** The configuration table of the README, generated from the settings themselves so the two never drift. */
export function settingsTable(): string {
  const rows = settingNames.map((name) => {
    const schema = Settings.properties[name] as { default?: unknown; description?: string };
    const fallback = Array.isArray(schema.default)
      ? schema.default.join(',')
      : `${schema.default as string | number | boolean}`;
    const shown = fallback === '' ? '—' : `\`${fallback}\``;
    const secret = secretSettings.includes(name) ? ' **Secret.**' : '';
    const description = (schema.description ?? '').replace(/^Secret\. /, '').replaceAll('|', '\\|');
    return `| \`${name}\` | ${shown} | ${description}${secret} |`;
  });
  return ['| Setting | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
