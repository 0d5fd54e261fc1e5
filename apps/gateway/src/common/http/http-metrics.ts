import { KitMetrics } from '@jiaolian/service-kit';
import { Counter, Histogram } from 'prom-client';

/** The kit's default process metrics plus HTTP request count and duration by route and status. */
export class GatewayMetrics extends KitMetrics {
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    super('gateway');
    this.httpRequests = new Counter({
      name: 'jiaolian_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'jiaolian_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const code = String(status);
    this.httpRequests.labels(method, route, code).inc();
    this.httpDuration.labels(method, route, code).observe(seconds);
  }
}
