import { describe, expect, it } from 'vitest';
import { parseCallbackQuery } from '../../../src/callback/query.js';
import { BridgeError } from '../../../src/errors.js';
import { refusalOf } from '../refusal.js';

const minimal = { SdkAppid: '1400399479', CallbackCommand: 'Group.CallbackAfterSendMsg' };

function refusal(query: Record<string, string | string[] | undefined>): BridgeError {
  return refusalOf(() => parseCallbackQuery(query));
}

describe('src/callback/query', () => {
  it('reads every documented parameter and RequestID, in any order', () => {
    const query = parseCallbackQuery({
      RequestID: 'c637d5f9-1d0a-4f51-acca-905a47362c3d',
      contenttype: 'json',
      OptPlatform: 'RESTAPI',
      ClientIP: '106.52.172.126',
      CallbackCommand: 'Group.CallbackAfterSendMsg',
      RequestTime: '1669872112',
      Sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
      SdkAppid: '1400701118',
    });
    expect(query).toEqual({
      SdkAppid: '1400701118',
      CallbackCommand: 'Group.CallbackAfterSendMsg',
      contenttype: 'json',
      ClientIP: '106.52.172.126',
      OptPlatform: 'RESTAPI',
      Sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
      RequestTime: '1669872112',
      RequestID: 'c637d5f9-1d0a-4f51-acca-905a47362c3d',
    });
  });

  it('ignores unknown parameters, even repeated ones, and leaves absent ones absent', () => {
    const query = parseCallbackQuery({ ...minimal, utm: ['a', 'b'], Extra: 'x', ClientIP: undefined });
    expect(query).toEqual(minimal);
    expect(Object.keys(query)).toEqual(['SdkAppid', 'CallbackCommand']);
  });

  it('takes a parameter given once as a one-item list', () => {
    expect(parseCallbackQuery({ ...minimal, Sign: ['abc'] }).Sign).toBe('abc');
  });

  it('refuses a parameter of ours given twice, naming it', () => {
    const error = refusal({ ...minimal, Sign: ['a', 'b'] });
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toBe('the query parameter Sign is given 2 times; it must be given once');
  });

  it.each(['SdkAppid', 'CallbackCommand'])('refuses a query without %s, naming it', (name) => {
    const query = Object.fromEntries(Object.entries(minimal).filter(([key]) => key !== name));
    const error = refusal(query);
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toBe(`the query parameter ${name} is missing`);
  });

  it('refuses an empty SdkAppid', () => {
    expect(refusal({ ...minimal, SdkAppid: '' }).message).toBe(
      'the query parameter SdkAppid must be a non-empty string',
    );
  });

  it('does not take parameters from the prototype or from differently spelled names', () => {
    const query = JSON.parse('{"__proto__":{"SdkAppid":"1"},"sdkappid":"2","CallbackCommand":"c"}') as Record<
      string,
      string
    >;
    expect(refusal(query).message).toBe('the query parameter SdkAppid is missing');
  });
});
