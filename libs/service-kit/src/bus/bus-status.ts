import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Whether a NATS connection is up right now, from the connection's status events.
 *
 * While the server is unreachable nats.js keeps what is published in its buffer until it reconnects,
 * so a request made then waits for its whole timeout (10 s) and a flush waits until the reconnect.
 * Knowing the state lets callers refuse at once instead (503 within milliseconds) and lets a request
 * that is in flight when the connection drops fail then, not at its timeout.
 * The connection must be connected when this is built (connectBus resolves once it is).
 */
export class BusStatus {
  private up = true;
  private drops = 0;
  private lostSignal = newLostSignal();

  constructor(nc: NatsConnection) {
    void this.follow(nc);
  }

  /** false from the moment the connection drops until it has reconnected, and after it closed */
  get connected(): boolean {
    return this.up;
  }

  /**
   * How many times the connection has dropped so far. What was learnt over the bus before a drop
   * (another service answering, say) may no longer hold after it: compare the epochs to tell.
   */
  get epoch(): number {
    return this.drops;
  }

  /** A promise that rejects with BusConnectionLost when the connection drops next (never resolves). */
  lost(): Promise<never> {
    return this.lostSignal.promise;
  }

  private async follow(nc: NatsConnection): Promise<void> {
    const closed = nc.closed().then(() => this.markDown());
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'close') this.markDown();
      else if (status.type === 'reconnect') this.up = true;
    }
    await closed;
  }

  private markDown(): void {
    if (!this.up) return;
    this.up = false;
    this.drops += 1;
    const signal = this.lostSignal;
    this.lostSignal = newLostSignal();
    signal.reject(new BusConnectionLost());
  }
}

/** The NATS connection dropped (or closed) while a request was waiting for its reply. */
export class BusConnectionLost extends Error {
  constructor() {
    super('the connection to NATS was lost');
    this.name = 'BusConnectionLost';
  }
}

function newLostSignal(): { promise: Promise<never>; reject: (error: Error) => void } {
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<never>((_, r) => { reject = r; });
  // nobody may be waiting when the connection drops: that is not an unhandled rejection
  promise.catch(() => undefined);
  return { promise, reject };
}
