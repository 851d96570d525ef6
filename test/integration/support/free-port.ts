import { createServer } from 'node:net';

/**
 * Below Linux's default ephemeral range (32768–60999) and away from the test brokers' fixed ports
 * (19092/19093, 19292/19293). A port from listen(0) is an ephemeral one: while a bridge is down between a
 * kill and its restart, the load generator's own outgoing connections may be given it, and the restart
 * then fails with EADDRINUSE. Ports outside that range are never handed out to outgoing connections.
 */
const FIRST = 20_000;
const COUNT = 9_000;

/** A loopback port nothing listens on now, for a bridge that must keep its address across restarts. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = FIRST + Math.floor(Math.random() * COUNT);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free loopback port in ${FIRST}–${FIRST + COUNT - 1} after 100 tries`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
