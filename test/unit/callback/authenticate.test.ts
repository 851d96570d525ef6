import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authenticate,
  authorizeApp,
  createAuthenticator,
  type AuthPolicy,
} from '../../../src/callback/authenticate.js';
import type { CallbackQuery } from '../../../src/callback/query.js';
import { refusalOf } from '../refusal.js';

/** Tencent's documented example (token xxxxyyyy); see shared/reference/tencent-im-callback.md §5. */
const REQUEST_TIME = 1669872112;
const SIGN = '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';
/** sha256('xxxyyy1669872112'): the token as misprinted in one version of the docs. */
const SIGN_OF_MISPRINTED_TOKEN = 'e78a85473bed2cdc8d6fa8c4d5a4ba4735fd64156e15a99516b9890293e135de';

const policy: AuthPolicy = { tokens: ['xxxxyyyy'], sdkAppIds: ['1400399479'], maxClockSkewSeconds: 60 };
const query: CallbackQuery = {
  SdkAppid: '1400399479',
  CallbackCommand: 'Group.CallbackAfterSendMsg',
  Sign: SIGN,
  RequestTime: String(REQUEST_TIME),
};
const signedAt = new Date(REQUEST_TIME * 1000);

function at(secondsAfterRequestTime: number): Date {
  return new Date((REQUEST_TIME + secondsAfterRequestTime) * 1000);
}

describe('src/callback/authenticate', () => {
  it("accepts Tencent's documented example Sign", () => {
    expect(() => {
      authenticate(query, policy, signedAt);
    }).not.toThrow();
  });

  it('refuses the Sign of the misprinted token xxxyyy', () => {
    const error = refusalOf(() => {
      authenticate({ ...query, Sign: SIGN_OF_MISPRINTED_TOKEN }, policy, signedAt);
    });
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toBe('the Sign does not match any configured token');
  });

  it('refuses the right Sign when the only token is the misprinted one', () => {
    const error = refusalOf(() => {
      authenticate(query, { ...policy, tokens: ['xxxyyy'] }, signedAt);
    });
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a Sign made with the second token of the list (rotation)', () => {
    expect(() => {
      authenticate(query, { ...policy, tokens: ['new-token', 'xxxxyyyy'] }, signedAt);
    }).not.toThrow();
  });

  it('keeps the Signs of recent seconds apart: per second and per authenticator, and recomputes evicted ones', () => {
    const sign = (token: string, time: number) =>
      createHash('sha256').update(`${token}${time}`).digest('hex');
    const signed = (token: string, time: number) => ({
      ...query,
      Sign: sign(token, time),
      RequestTime: String(time),
    });
    const own = createAuthenticator({ ...policy, tokens: ['token-a'] });
    const other = createAuthenticator(policy);
    // Six seconds in a row, more than are remembered, and each one again.
    for (const round of [1, 2]) {
      for (let time = REQUEST_TIME - 5; time <= REQUEST_TIME; time++) {
        expect(() => {
          own(signed('token-a', time), signedAt);
          other(signed('xxxxyyyy', time), signedAt);
        }, `round ${round}, ${time}`).not.toThrow();
        // The Sign of a second is not accepted for its neighbour, remembered or not.
        expect(
          refusalOf(() => own({ ...signed('token-a', time - 1), RequestTime: String(time) }, signedAt)).code,
        ).toBe('UNAUTHENTICATED');
        expect(
          refusalOf(() => own({ ...signed('token-a', time), RequestTime: String(time + 1) }, signedAt)).code,
        ).toBe('UNAUTHENTICATED');
        // Nor by another authenticator that has just seen the same second.
        expect(refusalOf(() => other(signed('token-a', time), signedAt)).code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('accepts the Sign in uppercase hex: the bytes are compared, not the spelling', () => {
    expect(() => {
      authenticate({ ...query, Sign: SIGN.toUpperCase() }, policy, signedAt);
    }).not.toThrow();
  });

  it('refuses everything when no token is configured', () => {
    expect(
      refusalOf(() => {
        authenticate(query, { ...policy, tokens: [] }, signedAt);
      }).code,
    ).toBe('UNAUTHENTICATED');
  });

  it.each([60, -60, 0])('accepts a RequestTime %i s from our clock', (seconds) => {
    expect(() => {
      authenticate(query, policy, at(seconds));
    }).not.toThrow();
  });

  it('accepts a RequestTime 60.9 s old: RequestTime is whole seconds', () => {
    expect(() => {
      authenticate(query, policy, at(60.9));
    }).not.toThrow();
  });

  it('refuses a RequestTime 61 s old, saying it is stale', () => {
    const error = refusalOf(() => {
      authenticate(query, policy, at(61));
    });
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toBe('RequestTime is 61 s in the past, beyond the allowed clock skew of 60 s');
  });

  it('refuses a RequestTime 61 s in the future', () => {
    const error = refusalOf(() => {
      authenticate(query, policy, at(-61));
    });
    expect(error.message).toBe('RequestTime is 61 s in the future, beyond the allowed clock skew of 60 s');
  });

  it('refuses when our clock is an invalid Date', () => {
    expect(
      refusalOf(() => {
        authenticate(query, policy, new Date(Number.NaN));
      }).code,
    ).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ Sign: undefined }, 'the Sign query parameter is missing'],
    [{ Sign: '' }, 'the Sign query parameter is missing'],
    [{ RequestTime: undefined }, 'the RequestTime query parameter is missing'],
    [{ Sign: SIGN.slice(1) }, 'the Sign is not 64 hexadecimal digits'],
    [{ Sign: `${SIGN}00` }, 'the Sign is not 64 hexadecimal digits'],
    [{ Sign: `${SIGN.slice(0, 63)}g` }, 'the Sign is not 64 hexadecimal digits'],
  ])('refuses %o: %s', (change, message) => {
    const changed = Object.fromEntries(
      Object.entries({ ...query, ...change }).filter(([, value]) => value !== undefined),
    ) as CallbackQuery;
    const error = refusalOf(() => {
      authenticate(changed, policy, signedAt);
    });
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toBe(message);
  });

  it('refuses a correctly signed RequestTime that is not a whole number of seconds', () => {
    const requestTime = '1669872112.5';
    const sign = createHash('sha256').update(`xxxxyyyy${requestTime}`).digest('hex');
    const error = refusalOf(() => {
      authenticate({ ...query, RequestTime: requestTime, Sign: sign }, policy, signedAt);
    });
    expect(error.message).toBe('RequestTime is not a whole number of seconds');
  });

  it('never puts the Sign or a token in the error', () => {
    const error = refusalOf(() => {
      authenticate({ ...query, Sign: SIGN_OF_MISPRINTED_TOKEN }, policy, signedAt);
    });
    const everything = JSON.stringify({ message: error.message, details: error.details });
    expect(everything).not.toContain(SIGN_OF_MISPRINTED_TOKEN);
    expect(everything).not.toContain('xxxxyyyy');
  });

  it('refuses an app outside the allow-list with FORBIDDEN_APP, after the Sign passed', () => {
    const error = refusalOf(() => {
      authenticate({ ...query, SdkAppid: '1400000001' }, policy, signedAt);
    });
    expect(error.code).toBe('FORBIDDEN_APP');
  });

  it('checks the Sign before the app, so an unsigned caller cannot probe the allow-list', () => {
    const error = refusalOf(() => {
      authenticate({ ...query, SdkAppid: '1400000001', Sign: SIGN_OF_MISPRINTED_TOKEN }, policy, signedAt);
    });
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts any app when the allow-list is empty', () => {
    expect(() => {
      authenticate({ ...query, SdkAppid: '1' }, { ...policy, sdkAppIds: [] }, signedAt);
    }).not.toThrow();
    expect(() => {
      authorizeApp({ SdkAppid: '1' }, []);
    }).not.toThrow();
  });

  it('checks the allow-list on its own when authentication is disabled', () => {
    expect(
      refusalOf(() => {
        authorizeApp({ SdkAppid: '1' }, ['1400399479']);
      }).code,
    ).toBe('FORBIDDEN_APP');
    expect(() => {
      authorizeApp({ SdkAppid: '1400399479' }, ['1400399479']);
    }).not.toThrow();
  });
});
