import { Injectable } from '@nestjs/common';
import { DomainError } from '@jiaolian/service-kit';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import type { SystemProcessesView } from './system.views.js';

/** The JetStream key-value bucket and key the local launcher (tools/dev/lib/process-board.mjs) writes. */
export const PROCESSES_BUCKET = 'jiaolian-processes';
export const PROCESSES_KEY = 'state';
/** A board not rewritten for this long belongs to a supervisor that is gone (it rewrites every 3 s). */
export const STALE_AFTER_MS = 20_000;

const UNSUPERVISED: SystemProcessesView = { supervised: false, processes: [] };

/**
 * Reads the process states a supervisor publishes. Where nothing supervises (Kubernetes, whose
 * controllers restart pods; a gateway started by hand) there is no bucket, and the answer says so.
 */
@Injectable()
export class ProcessBoard {
  constructor(private readonly bus: GatewayBus) {}

  async read(now = Date.now()): Promise<SystemProcessesView> {
    const kv = await new Kvm(this.bus.connection()).open(PROCESSES_BUCKET);
    let text: string | undefined;
    try {
      const entry = await kv.get(PROCESSES_KEY);
      text = entry && entry.operation === 'PUT' ? entry.string() : undefined;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return UNSUPERVISED;
      throw DomainError.coded('unavailable', 'bus.failed', { reason: (error as Error).message });
    }
    const board = text === undefined ? undefined : parseBoard(text);
    if (!board || now - Date.parse(board.supervisor?.updatedAt ?? '') > STALE_AFTER_MS) return UNSUPERVISED;
    return { supervised: true, supervisor: board.supervisor, processes: board.processes };
  }
}

function parseBoard(text: string): Required<SystemProcessesView> | undefined {
  try {
    const board = JSON.parse(text) as Partial<SystemProcessesView>;
    return board.supervisor && Array.isArray(board.processes) ? { supervised: true, supervisor: board.supervisor, processes: board.processes } : undefined;
  } catch {
    return undefined;
  }
}
