import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

/**
 * A loopback port where nothing listens (one the system just gave out and was released), for
 * "connection refused" tests. Fixed ports such as 9 don't do: `fetch` refuses them as "bad ports"
 * before connecting. Another process could take the port in between, which is unlikely in a test.
 */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
