import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics every process exposes at /metrics. */
export class KitMetrics {
  readonly registry = new Registry();
  readonly rpcDuration: Histogram<'subject' | 'outcome'>;
  readonly outboxPending: Gauge;
  readonly outboxPublished: Counter;
  readonly eventsConsumed: Counter<'consumer' | 'outcome'>;

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'jiaolian_' });
    this.rpcDuration = new Histogram({
      name: 'jiaolian_rpc_duration_seconds',
      help: 'Time to handle a NATS request, by subject and outcome',
      labelNames: ['subject', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.outboxPending = new Gauge({ name: 'jiaolian_outbox_pending', help: 'Outbox events not yet published', registers: [this.registry] });
    this.outboxPublished = new Counter({ name: 'jiaolian_outbox_published_total', help: 'Outbox events published to JetStream', registers: [this.registry] });
    this.eventsConsumed = new Counter({
      name: 'jiaolian_events_consumed_total',
      help: 'Domain events consumed, by consumer and outcome (applied, duplicate, failed)',
      labelNames: ['consumer', 'outcome'],
      registers: [this.registry],
    });
  }
}
