// Installs what the tests need when it is missing, so `npm test` works on a fresh clone: the npm packages
// (`npm ci`) and the chart tools (scripts/install-tools.sh, cached in .tools/). Only Node built-ins here:
// this runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) =>
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
    console.error('ensure-deps: installing npm packages (npm ci)');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

export function ensureTools() {
  run('bash', [join(root, 'scripts', 'install-tools.sh')]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNodeModules();
  if (!process.argv.includes('--no-tools')) ensureTools();
}
