import {
  ROOT_CONTEXT,
  TraceFlags,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { inCallbackSpan, w3cTraceContext } from '../../../src/http/trace-context.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const VALID = `00-${TRACE_ID}-${SPAN_ID}-01`;

function extract(headers: Record<string, string | string[]>): Context {
  return w3cTraceContext.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

function inject(ctx: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  w3cTraceContext.inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

describe('http/trace-context', () => {
  describe('w3cTraceContext', () => {
    it('extracts a valid traceparent as a remote span context and injects it back unchanged', () => {
      const ctx = extract({ traceparent: VALID });
      expect(trace.getSpanContext(ctx)).toMatchObject({
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        traceFlags: TraceFlags.SAMPLED,
        isRemote: true,
      });
      expect(inject(ctx)).toEqual({ traceparent: VALID });
    });

    it('carries tracestate with the traceparent, repeated headers joined as one list', () => {
      const ctx = extract({ traceparent: VALID, tracestate: ['rojo=00f067aa0ba902b7', 'congo=t61rcWkgMzE'] });
      expect(inject(ctx)).toEqual({
        traceparent: VALID,
        tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
      });
    });

    it.each([
      ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
      ['a version that is not two hex digits', `0-${TRACE_ID}-${SPAN_ID}-01`],
      ['version 00 with a field after the flags', `${VALID}-extra`],
      ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
      ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
      ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
      ['a short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
      ['two traceparent headers', [VALID, VALID]],
    ])('ignores a traceparent with %s, and its tracestate with it', (_, traceparent) => {
      const ctx = extract({ traceparent, tracestate: 'rojo=00f067aa0ba902b7' });
      expect(ctx).toBe(ROOT_CONTEXT);
      expect(inject(ctx)).toEqual({});
    });

    it('accepts a future version with extra fields and forwards it as version 00', () => {
      const ctx = extract({ traceparent: `cc-${TRACE_ID}-${SPAN_ID}-01-what-the-future-holds` });
      expect(inject(ctx)).toEqual({ traceparent: VALID });
    });

    it('keeps trace flags other than sampled', () => {
      expect(inject(extract({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-00` }))).toEqual({
        traceparent: `00-${TRACE_ID}-${SPAN_ID}-00`,
      });
    });

    it('injects nothing from a context without a span', () => {
      expect(inject(ROOT_CONTEXT)).toEqual({});
    });
  });

  describe('inCallbackSpan', () => {
    afterEach(() => propagation.disable());

    it('hands the caller’s traceparent and tracestate to the record when no SDK is registered', async () => {
      const headers = await inCallbackSpan({ traceparent: VALID, tracestate: 'rojo=1' }, (h) =>
        Promise.resolve(h),
      );
      expect(headers).toEqual({ traceparent: VALID, tracestate: 'rojo=1' });
    });

    it('hands over no headers when the request carries no valid trace', async () => {
      expect(await inCallbackSpan({ traceparent: 'junk' }, (h) => Promise.resolve(h))).toEqual({});
    });

    it('uses the propagator a user registered instead of its own', async () => {
      const custom: TextMapPropagator = {
        inject: (ctx, carrier, setter) => {
          const span = trace.getSpanContext(ctx);
          if (span) setter.set(carrier, 'x-custom-trace', span.traceId);
        },
        extract: (ctx, carrier, getter) => {
          const traceId = getter.get(carrier, 'x-custom-trace');
          if (typeof traceId !== 'string') return ctx;
          return trace.setSpanContext(ctx, {
            traceId,
            spanId: SPAN_ID,
            traceFlags: 1,
            isRemote: true,
          });
        },
        fields: () => ['x-custom-trace'],
      };
      expect(propagation.setGlobalPropagator(custom)).toBe(true);
      const headers = await inCallbackSpan({ 'x-custom-trace': TRACE_ID, traceparent: VALID }, (h) =>
        Promise.resolve(h),
      );
      expect(headers).toEqual({ 'x-custom-trace': TRACE_ID });
    });

    it('passes the handler’s failure through', async () => {
      await expect(inCallbackSpan({}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    });
  });
});
