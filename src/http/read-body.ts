import type { IncomingMessage } from 'node:http';
import { BridgeError } from '../errors.js';

/**
 * Reads a request body into memory, refusing with BODY_TOO_LARGE as soon as it is known to exceed `limit`
 * (from Content-Length before reading anything, or while reading), so an oversized body is never buffered
 * whole. Slow senders are bounded by the server's request timeout, not here.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size);
}

function tooLarge(limit: number): BridgeError {
  return new BridgeError('BODY_TOO_LARGE', `the body is larger than ${limit} bytes`);
}
