// Rewrites the configuration table of README.md and config/bridge.example.env from src/config/settings.ts
// (npm run docs:settings).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { exampleEnv, settingsTable } from '../src/config/settings-table.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const updated = readme.replace(
  /(<!-- settings:start -->\n)[\s\S]*?(\n<!-- settings:end -->)/,
  (_all, start: string, end: string) => `${start}${settingsTable()}${end}`,
);
writeFileSync(path, updated);
writeFileSync(new URL('../config/bridge.example.env', import.meta.url), exampleEnv());
execFileSync('npx', ['prettier', '--write', 'README.md'], { stdio: 'inherit' });
