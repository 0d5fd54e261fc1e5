import { createServer, type Server } from 'node:http';
import type { KitMetrics } from './metrics.js';

export type ReadinessCheck = () => Promise<void>;

/**
 * A small HTTP server beside the NATS microservice for the orchestrator and Prometheus:
 * /health/live (the process answers), /health/ready (every check passes), /metrics.
 */
export class HealthServer {
  private server: Server | undefined;

  constructor(private readonly metrics: KitMetrics, private readonly checks: Record<string, ReadinessCheck>) {}

  async readiness(): Promise<{ ok: boolean; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    await Promise.all(Object.entries(this.checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 2000);
        results[name] = 'up';
      } catch (error) {
        results[name] = `down: ${(error as Error).message}`;
      }
    }));
    return { ok: Object.values(results).every((r) => r === 'up'), checks: results };
  }

  listen(port: number, host = '0.0.0.0'): Promise<void> {
    this.server = createServer((req, res) => {
      const send = (status: number, body: string, type = 'application/json'): void => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (req.url === '/health/live') return send(200, JSON.stringify({ status: 'ok' }));
      if (req.url === '/health/ready') {
        void this.readiness().then((r) => send(r.ok ? 200 : 503, JSON.stringify({ status: r.ok ? 'ok' : 'unavailable', checks: r.checks })));
        return;
      }
      if (req.url === '/metrics') {
        void this.metrics.registry.metrics().then((text) => send(200, text, this.metrics.registry.contentType));
        return;
      }
      send(404, JSON.stringify({ status: 'not found' }));
    });
    return new Promise((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, host, () => resolve());
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e as Error); });
  });
}
