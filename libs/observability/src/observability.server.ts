import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayMetrics } from './gateway.metrics';

export interface ObservabilityServer {
  url: string;
  close(): Promise<void>;
}

/** What `/ready` asks each dependency; `/health` only says the process answers. */
export type ReadinessCheck = () => boolean;

/**
 * Plain HTTP on a local port for Prometheus and the orchestrator: `/metrics`, `/health`, `/ready`.
 * Kept apart from the mutual-TLS doors: scrapers hold no platform certificate.
 */
export async function startObservabilityServer(
  metrics: GatewayMetrics,
  listen: { host: string; port: number },
  ready: ReadinessCheck = () => true,
): Promise<ObservabilityServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'up' }));
    } else if (path === '/ready') {
      const isReady = ready();
      res
        .writeHead(isReady ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: isReady ? 'ready' : 'not-ready' }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${listen.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
