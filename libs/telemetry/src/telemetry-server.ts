import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export type HealthReport = { status: 'ok' | 'starting' | 'degraded' | 'stopping'; [detail: string]: unknown };

/** Serves GET /metrics (Prometheus text) and GET /health (JSON) for one process. */
export class TelemetryServer {
  private server: Server | undefined;

  constructor(
    private readonly registry: Registry,
    private readonly health: () => HealthReport,
  ) {}

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((req, res) => {
      void this.respond(req.url ?? '/', res);
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(`Cannot serve /metrics and /health on ${host}:${port}: the port is in use (set METRICS_PORT, or 0 for any free port)`, { cause: err })
            : err,
        ),
      );
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  private async respond(url: string, res: import('node:http').ServerResponse): Promise<void> {
    if (url.startsWith('/metrics')) {
      res.writeHead(200, { 'content-type': this.registry.contentType });
      res.end(await this.registry.metrics());
    } else if (url.startsWith('/health')) {
      const report = this.health();
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no route ${url}; try /metrics or /health` }));
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
