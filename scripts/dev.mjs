// `npm run dev`: the bridge against a real local Kafka, with nothing to set up. Installs the npm packages if
// they are missing, starts the local broker (scripts/kafka-local.sh) unless BRIDGE_KAFKA_BROKERS names one,
// and runs the bridge from source with development defaults: topics created at start, a development token,
// a spool under .spool/dev. Ctrl-C stops the bridge, then the broker it started.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './ensure-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureNodeModules();

const env = { ...process.env };
let startedKafka = false;
if (!env.BRIDGE_KAFKA_BROKERS) {
  const out = execFileSync('bash', [join(root, 'scripts', 'kafka-local.sh'), 'start'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  env.BRIDGE_KAFKA_BROKERS = out.trim().split('\n').pop();
  startedKafka = true;
}
const defaults = {
  BRIDGE_KAFKA_AUTO_CREATE_TOPICS: 'true',
  BRIDGE_TENCENT_TOKEN: 'dev-token',
  BRIDGE_TENCENT_SDKAPPIDS: '1400000000',
  BRIDGE_SPOOL_DIR: join(root, '.spool', 'dev'),
  BRIDGE_HTTP_HOST: '127.0.0.1',
  BRIDGE_SHUTDOWN_DELAY_MS: '0',
};
for (const [name, value] of Object.entries(defaults)) env[name] ??= value;
console.error(
  `dev: Kafka at ${env.BRIDGE_KAFKA_BROKERS}; SdkAppid ${env.BRIDGE_TENCENT_SDKAPPIDS}, token "${env.BRIDGE_TENCENT_TOKEN}" ` +
    `(development only). Post the sample callbacks with: npm run replay`,
);

const tsx = join(root, 'node_modules', '.bin', 'tsx');
const bridge = spawn(tsx, [join(root, 'src', 'main.ts')], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => bridge.kill('SIGTERM'));
bridge.on('exit', (code, signal) => {
  if (startedKafka && !process.env.KEEP_KAFKA) {
    execFileSync('bash', [join(root, 'scripts', 'kafka-local.sh'), 'stop'], { cwd: root, stdio: 'inherit' });
  }
  process.exit(code ?? (signal ? 1 : 0));
});
