import { defineConfig } from 'vitest/config';

/**
 * Two projects: unit tests (no network, seconds) and integration tests, which run against a real Kafka
 * broker that test/integration/global-setup.ts starts (or BRIDGE_TEST_KAFKA_BROKERS names). `npm test` runs
 * both; `npx vitest run --project unit` runs only the fast ones.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/helm/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One file at a time: fault tests stop and kill the shared broker.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
