import net from 'node:net';

/**
 * Connections to PostgreSQL with Nagle's algorithm off, as libpq opens them. postgres.js leaves
 * it on, and then a small message written behind a large one (a COPY's end after a file chunk)
 * waits for the server's delayed acknowledgement: 40 ms a chunk on Linux. Given to postgres.js
 * as its `socket` option; hosts are tried in order, as postgres.js itself does. TLS, when the
 * URL asks for it, is negotiated by postgres.js over this socket.
 */
export function noDelaySocket(options: {
  host: string[];
  port: number[];
  path?: string | false;
  connect_timeout?: number;
}): Promise<net.Socket> {
  const targets: net.NetConnectOpts[] = options.path
    ? [{ path: options.path }]
    : options.host.map((host, i) => ({ host, port: options.port[i] ?? options.port[0] ?? 5432 }));
  const attempt = (i: number): Promise<net.Socket> =>
    new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ ...targets[i]!, noDelay: true });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    }).catch((error: unknown) => {
      if (i + 1 < targets.length) return attempt(i + 1);
      throw error;
    });
  return attempt(0);
}
