import type { IncomingMessage } from 'node:http';
import { BridgeError } from '../errors.js';

/**
 * Reads a request body into memory, refusing with BODY_TOO_LARGE as soon as it is known to exceed `limit`
 * (from Content-Length before reading anything, or while reading, when reading stops), so an oversized
 * body is never buffered whole. Slow senders are bounded by the server's request timeout, not here.
 * Plain listeners rather than an async iterator, which costs more: this runs once per callback.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  if (request.readableEnded) return Promise.resolve(Buffer.alloc(0));
  if (request.destroyed) return Promise.reject(new Error('the request closed before its body ended'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      stop();
      request.pause(); // the refusal closes the connection; nothing more is read meanwhile
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => {
      stop();
      reject(new Error('the request closed before its body ended'));
    };
    function stop(): void {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    }
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    if (request.readableFlowing === false) request.resume(); // a 'data' listener alone does not undo a pause()
  });
}

function tooLarge(limit: number): BridgeError {
  return new BridgeError('BODY_TOO_LARGE', `the body is larger than ${limit} bytes`);
}
