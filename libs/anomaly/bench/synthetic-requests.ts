import type { RequestLog } from '#contracts';

/** Seeded request logs of `routes` routes over five services: ordinary latency and sizes, 0.5% server errors. */
export class SyntheticRequests {
  private state: number;
  private n = 0;

  constructor(
    private readonly routes: number,
    seed = 1,
    private readonly clients = 2000,
  ) {
    this.state = seed >>> 0;
  }

  private uniform(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }

  /** Roughly normal, from the sum of three uniforms. */
  private normal(): number {
    return (this.uniform() + this.uniform() + this.uniform() - 1.5) * 2;
  }

  next(eventTime: number, latencyFactor = 1, route = Math.floor(this.uniform() * this.routes)): RequestLog {
    const status = this.uniform() < 0.005 ? 503 : 200;
    return {
      event_id: `bench-${this.n++}`,
      event_time: eventTime,
      service: `svc${route % 5}`,
      route: `/r${route}`,
      method: 'GET',
      status,
      response_time_ms: (40 + (route % 7) * 10) * Math.exp(0.4 * this.normal()) * latencyFactor,
      request_bytes: Math.round(500 * Math.exp(0.3 * this.normal())),
      response_bytes: Math.round(8000 * Math.exp(0.4 * this.normal())),
      client_id: `client-${Math.floor(this.uniform() * this.clients)}`,
      user_id: null,
    };
  }
}
