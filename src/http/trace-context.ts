import type { IncomingHttpHeaders } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  createTraceState,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  propagation,
  trace,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { isBridgeError } from '../errors.js';

const TRACEPARENT = 'traceparent';
const TRACESTATE = 'tracestate';
/** version-traceid-parentid-flags, lower-case hex only; a future version may append `-` fields. */
const TRACEPARENT_FORMAT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?$/;

/**
 * W3C Trace Context (traceparent and tracestate) against the OpenTelemetry API alone: what
 * @opentelemetry/core's W3CTraceContextPropagator does, so that users need no SDK for traces to pass through.
 * Extract refuses version ff, extra fields after version 00, all-zero ids and upper-case hex, and then
 * leaves the context as it was; inject writes version 00.
 */
export const w3cTraceContext: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (span === undefined || !isSpanContextValid(span)) return;
    const flags = (span.traceFlags & 0xff).toString(16).padStart(2, '0');
    setter.set(carrier, TRACEPARENT, `00-${span.traceId}-${span.spanId}-${flags}`);
    const state = span.traceState?.serialize();
    if (state) setter.set(carrier, TRACESTATE, state);
  },
  extract(ctx, carrier, getter) {
    const [, version, traceId = '', spanId = '', flags = '', rest] =
      TRACEPARENT_FORMAT.exec(joined(getter.get(carrier, TRACEPARENT)) ?? '') ?? [];
    if (version === undefined || version === 'ff' || (version === '00' && rest !== undefined)) return ctx;
    const state = joined(getter.get(carrier, TRACESTATE));
    const span = { traceId, spanId, traceFlags: parseInt(flags, 16), isRemote: true };
    if (!isSpanContextValid(span)) return ctx;
    if (!state) return trace.setSpanContext(ctx, span);
    // Deprecated in API 1.10 for @opentelemetry/core's TraceState, which we do not depend on; it validates
    // members and bounds the list (32 members, 512 characters) as W3C asks. Revisit with API 2.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    return trace.setSpanContext(ctx, { ...span, traceState: createTraceState(state) });
  },
  fields: () => [TRACEPARENT, TRACESTATE],
};

/** Repeated headers: W3C combines tracestate lists with commas; a repeated traceparent is then invalid. */
function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The propagator of the user's OpenTelemetry SDK when one is registered, else W3C Trace Context. Chosen per
 * call rather than registered globally: the API refuses a second global registration, so registering ours
 * would silently disable the propagator of an SDK that starts after the bridge.
 */
function propagator(): Pick<TextMapPropagator, 'inject' | 'extract'> {
  return propagation.fields().length > 0 ? propagation : w3cTraceContext;
}

const tracer = trace.getTracer('tencent-im-kafka-bridge');

/**
 * Runs `handle` in a span "tencent-im callback" and hands it the headers that carry the trace on to the
 * Kafka record. The parent is the active span of an instrumented HTTP server, else the request's own trace
 * headers. Without an SDK the API's tracer is a no-op and the headers are the caller's traceparent and
 * tracestate unchanged; without valid trace headers they are empty.
 */
export function inCallbackSpan<T>(
  headers: IncomingHttpHeaders,
  handle: (traceHeaders: Readonly<Record<string, string>>) => Promise<T>,
): Promise<T> {
  const active = context.active();
  const instrumented = trace.getSpan(active) !== undefined;
  const traceContext = propagator();
  const parent = instrumented ? active : traceContext.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  const kind = instrumented ? SpanKind.INTERNAL : SpanKind.SERVER;
  return tracer.startActiveSpan('tencent-im callback', { kind }, parent, async (span) => {
    try {
      const traceHeaders: Record<string, string> = {};
      traceContext.inject(trace.setSpan(parent, span), traceHeaders, defaultTextMapSetter);
      return await handle(traceHeaders);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: isBridgeError(error) ? error.code : 'INTERNAL' });
      throw error;
    } finally {
      span.end();
    }
  });
}
