import { afterEach, describe, expect, it } from 'vitest';
import { PipelineMetrics } from './metrics';
import { TelemetryServer, type HealthReport } from './telemetry-server';

describe('TelemetryServer', () => {
  const servers: TelemetryServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('serves Prometheus metrics and a health report whose status sets the HTTP code', async () => {
    const metrics = new PipelineMetrics({ defaultMetrics: false });
    let health: HealthReport = { status: 'starting' };
    const server = new TelemetryServer(metrics.registry, () => health);
    servers.push(server);
    const port = await server.listen(0);
    metrics.eventsConsumed.inc({ topic: 'sales' }, 3);

    const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    expect(text).toContain('pulse_events_consumed_total{topic="sales"} 3');
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(503);
    health = { status: 'ok', models: [] };
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', models: [] });
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
  });

  it('says which port is taken and how to choose another', async () => {
    const registry = new PipelineMetrics({ defaultMetrics: false }).registry;
    const first = new TelemetryServer(registry, () => ({ status: 'ok' }));
    servers.push(first);
    const port = await first.listen(0);
    await expect(new TelemetryServer(registry, () => ({ status: 'ok' })).listen(port)).rejects.toThrow(`127.0.0.1:${port}: the port is in use (set METRICS_PORT`);
  });
});
