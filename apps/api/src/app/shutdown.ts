import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/** How long requests in flight may take to finish before their connections are cut. */
const DRAIN_MS = 10_000;

/** Stops accepting connections, lets requests in flight finish, closes idle keep-alives. */
export function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * The order that lets every part finish quietly: no new requests, then the jobs and the
 * data source (Nest's shutdown hooks), then the database server itself.
 */
export async function shutDown(
  app: INestApplication,
  stopDatabase: () => Promise<void>,
): Promise<void> {
  await closeHttpServer(app.getHttpServer() as Server);
  await app.close();
  await stopDatabase();
}
