import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, type MicroserviceOptions } from '@nestjs/microservices';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createDatabase, testServers } from '@jiaolian/testing';
import { IsInt, Max, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { KitNatsServer } from '../bootstrap/bootstrap-service.js';
import { ServiceKitModule } from '../bootstrap/service-kit.module.js';
import { loadKitConfig } from '../config/config.js';
import { CallerTokens } from '../context/caller-tokens.js';
import { KitTables1764400000000 } from '../database/kit-tables.migration.js';
import { jetstreamManager } from '@nats-io/jetstream';
import { createReplyStore, REPLIES_BUCKET, REPLY_TTL_MS } from '../files/create-file-store.js';
import { FILES_BUCKET, NatsFileStore, type FileStore } from '../files/file-store.js';
import { BusClient } from './bus-client.js';
import { inlineReplyLimit, REPLY_KEY_PREFIX } from './large-replies.js';

const run = randomUUID().slice(0, 8);
const S = { rows: `curriculum.kitlarge.${run}.rows` };

class RowsDto {
  @IsInt() @Min(0) @Max(100_000) count: number;
}

/** keys the requester read from the file store, to check that offloaded replies are deleted once read */
const read: string[] = [];

@Controller()
class RowsController {
  @MessagePattern(S.rows)
  rows(@Payload() dto: RowsDto): { rows: { n: number; label: string }[] } {
    return { rows: Array.from({ length: dto.count }, (_, n) => ({ n, label: `九(${n % 40})班 ${'x'.repeat(40)}` })) };
  }
}

describe('replies larger than one NATS message', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let store: FileStore;
  let sut: BusClient;
  let callerToken: string;

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'kit_large_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';

    @Module({
      imports: [ServiceKitModule.forService({ service: 'curriculum', entities: [], migrations: [KitTables1764400000000], background: false })],
      controllers: [RowsController],
    })
    class RowsModule {}

    app = await NestFactory.createMicroservice<MicroserviceOptions>(RowsModule, {
      strategy: new KitNatsServer({ servers: servers.natsUrl, queue: 'curriculum' }), logger: false,
    });
    await app.listen();
    nc = await connect({ servers: servers.natsUrl });
    const files = createReplyStore(nc);
    store = {
      put: (source, options) => files.put(source, options),
      get: (key) => { read.push(key); return files.get(key); },
      delete: (key) => files.delete(key),
    };
    sut = new BusClient(nc, 10_000, store);
    callerToken = await new CallerTokens(loadKitConfig().jwtSecret).sign({ kind: 'user', id: 'admin-1', assignments: [{ role: 'district_admin', districtId: 'd1' }] }, 300);
  });

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
  });

  it('sends a reply that fits in one message as it is, through no file', async () => {
    const reply = await sut.request<{ rows: unknown[] }>(S.rows, { count: 100 }, { callerToken });
    expect(reply.rows).toHaveLength(100);
    expect(read).toEqual([]);
  });

  it('carries a reply several times max_payload through the file store, whole, and deletes it once read', async () => {
    const count = 60_000;
    const reply = await sut.request<{ rows: { n: number; label: string }[] }>(S.rows, { count }, { callerToken });
    expect(JSON.stringify(reply).length).toBeGreaterThan(3 * inlineReplyLimit(nc));
    expect(reply.rows).toHaveLength(count);
    expect(reply.rows[count - 1]).toEqual({ n: count - 1, label: `九(${(count - 1) % 40})班 ${'x'.repeat(40)}` });
    expect(read).toHaveLength(1);
    expect(read[0]?.startsWith(`${REPLY_KEY_PREFIX}/`)).toBe(true);
    expect(await store.get(read[0] as string)).toBeNull();
  });

  it('keeps offloaded replies in a bucket whose objects expire, apart from the files bucket, whose objects do not', async () => {
    const before = read.length;
    await sut.request(S.rows, { count: 60_000 }, { callerToken });
    expect(read).toHaveLength(before + 1); // read from the reply store
    await new NatsFileStore(nc).get('bus/replies/none'); // the files bucket exists as every app creates it
    const jsm = await jetstreamManager(nc);
    const replies = await jsm.streams.info(`OBJ_${REPLIES_BUCKET}`);
    const files = await jsm.streams.info(`OBJ_${FILES_BUCKET}`);
    expect(replies.config.max_age).toBe(REPLY_TTL_MS * 1_000_000);
    expect(files.config.max_age).toBe(0);
  });
});
