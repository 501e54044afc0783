import { loadConfig, type Config } from '../../src/config.ts';

/**
 * The configuration tests build servers with: demo mode, quiet, a fixed secret, a cheaper argon2id
 * (the cost is a setting; the benchmark measures the real one) and a 1 ms sign-in delay unit so that
 * throttling is exercised without waiting.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    WEB_DIST: '/nonexistent',
    BASE_URL: 'http://localhost:3000',
    ARGON2_MEMORY_KIB: '8192',
    ARGON2_TIME_COST: '1',
    AUTH_DELAY_UNIT_MS: '1',
    DATA_DIR: '/tmp/fabriques-test-unused',
    ...env,
  });
}
