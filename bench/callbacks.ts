import { signOf } from '../src/callback/authenticate.js';
import { loadCallbackFixtures } from '../test/fixtures/callbacks/load-callback-fixtures.js';

export const BENCH_TOKEN = 'bench-token';
export const CALLBACK_PATH = '/callbacks/tencent-im';

/** One callback to send: the path with its signed query, and the JSON body. */
export interface Callback {
  readonly path: string;
  readonly body: string;
}

/** The SdkAppids of the fixtures, for the bridge's allow-list. */
export function fixtureSdkAppIds(): string[] {
  return [...new Set(loadCallbackFixtures().map((fixture) => fixture.query['SdkAppid'] ?? ''))];
}

/**
 * Rotates through every callback fixture. Each callback gets its own MsgSeq (a counter) and one of 1,024
 * GroupIds derived from the fixture's, so the bridge computes a new event id and spreads keys over
 * partitions. The query is signed as Tencent would, re-signed every second so RequestTime stays fresh.
 */
export function createCallbackSource(): () => Callback {
  const fixtures = loadCallbackFixtures();
  let counter = 0;
  let signedSecond = -1;
  let paths: string[] = [];
  return () => {
    const second = Math.floor(Date.now() / 1000);
    if (second !== signedSecond) {
      signedSecond = second;
      paths = fixtures.map((fixture) => `${CALLBACK_PATH}?${signedQuery(fixture.query, second)}`);
    }
    const index = counter % fixtures.length;
    const fixture = fixtures[index];
    if (fixture === undefined) throw new Error('no callback fixtures');
    counter++;
    const body = {
      ...fixture.body,
      GroupId: `${String(fixture.body['GroupId'])}-${counter % 1024}`,
      MsgSeq: counter % 4_294_967_296,
    };
    return { path: paths[index] ?? CALLBACK_PATH, body: JSON.stringify(body) };
  };
}

function signedQuery(query: Record<string, string>, second: number): string {
  const requestTime = String(second);
  return new URLSearchParams({
    ...query,
    RequestTime: requestTime,
    Sign: signOf(BENCH_TOKEN, requestTime),
  }).toString();
}
