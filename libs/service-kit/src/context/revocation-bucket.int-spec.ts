import { connect, type NatsConnection } from '@nats-io/transport-node';
import { testServers } from '@jiaolian/testing';
import { randomUUID } from 'node:crypto';
import { CallerTokens } from './caller-tokens.js';
import { RevocationPublisher, watchRevocations, type RevocationWatch } from './revocation-bucket.js';

const SECRET = 'a-secret-of-enough-length-for-tests-0123';

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

const refused = (tokens: CallerTokens, token: string): Promise<boolean> => tokens.verify(token).then(() => false, () => true);

describe('the revocation bucket', () => {
  let nc: NatsConnection;
  const watches: RevocationWatch[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: testServers().natsUrl });
  });

  afterAll(async () => {
    await Promise.all(watches.map((w) => w.stop()));
    await nc?.drain();
  });

  it('reaches a running watcher within moments and a process that starts later before it answers', async () => {
    const signer = new CallerTokens(SECRET);
    const running = new CallerTokens(SECRET);
    watches.push(await watchRevocations(nc, running.revocations));
    const userId = randomUUID();
    const sessionId = randomUUID();
    const ofSession = await signer.sign({ kind: 'user', id: randomUUID(), assignments: [], sessionId }, 900);
    const ofUser = await signer.sign({ kind: 'user', id: userId, assignments: [], sessionId: randomUUID() }, 900);
    const untouched = await signer.sign({ kind: 'user', id: randomUUID(), assignments: [], sessionId: randomUUID() }, 900);
    await running.verify(ofSession);

    const publisher = new RevocationPublisher(nc);
    await publisher.revokeSession(sessionId);
    await publisher.revokeUser(userId);

    expect(await until(() => refused(running, ofSession), 2000)).toBeLessThan(2000);
    expect(await until(() => refused(running, ofUser), 2000)).toBeLessThan(2000);
    await expect(running.verify(untouched)).resolves.toBeDefined();

    // a restarted process: nothing applied until the watch has loaded what the bucket holds
    const restarted = new CallerTokens(SECRET);
    watches.push(await watchRevocations(nc, restarted.revocations));
    await expect(restarted.verify(ofSession)).rejects.toThrow('The session of this access token has ended');
    await expect(restarted.verify(ofUser)).rejects.toThrow('The access token was revoked');
    await expect(restarted.verify(untouched)).resolves.toBeDefined();
  });
});
