import { testServers } from '@jiaolian/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { itBehavesAsAFileStore } from './file-store.behaviours.js';
import { NatsFileStore } from './file-store.js';

describe(NatsFileStore.name, () => {
  let nc: NatsConnection;
  let sut: NatsFileStore;

  beforeAll(async () => {
    nc = await connect({ servers: testServers().natsUrl });
    sut = new NatsFileStore(nc);
  });
  afterAll(async () => { await nc.drain(); });

  itBehavesAsAFileStore(() => sut);
});
