import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { healthSubject, type Caller, type DomainErrorBody, type ServicePing } from '@jiaolian/contracts';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createDatabase, testServers } from '@jiaolian/testing';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { ServiceKitModule } from '../bootstrap/service-kit.module.js';
import { loadKitConfig } from '../config/config.js';
import { CurrentCaller } from '../context/caller.guard.js';
import { CallerTokens } from '../context/caller-tokens.js';
import { KitTables1764400000000 } from '../database/kit-tables.migration.js';
import { ConflictError, DomainError } from '../errors/domain-error.js';
import { BusClient } from './bus-client.js';

const run = randomUUID().slice(0, 8);
const S = {
  echo: `curriculum.kittest.${run}.echo`,
  conflict: `curriculum.kittest.${run}.conflict`,
  slow: `curriculum.kittest.${run}.slow`,
  nobody: `curriculum.kittest.${run}.nobody`,
};

class EchoDto {
  @IsString() @MaxLength(20) text: string;
  @IsInt() @Min(1) times: number;
}

/** what the probe's handlers did, for asserting what must not happen */
const probe = { echoed: 0, slowRunning: Promise.resolve() };

@Controller()
class ProbeController {
  @MessagePattern(S.echo)
  echo(@Payload() dto: EchoDto, @CurrentCaller() caller: Caller): { text: string; callerId: string; requestId: string } {
    probe.echoed += 1;
    return { text: dto.text.repeat(dto.times), callerId: caller.id, requestId: caller.requestId };
  }

  @MessagePattern(S.conflict)
  conflict(): never {
    throw new ConflictError('A school with this code exists', [{ field: 'code', message: 'code is already taken' }]);
  }

  @MessagePattern(S.slow)
  async slow(): Promise<{ done: boolean }> {
    probe.slowRunning = new Promise((r) => setTimeout(r, 1500));
    await probe.slowRunning;
    return { done: true };
  }
}

/** Sends a raw Nest NATS packet without any caller header, as a rogue or misconfigured client would. */
async function requestWithoutCaller(nc: NatsConnection, subject: string, data: unknown): Promise<{ response?: unknown; err?: DomainErrorBody }> {
  const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5000 });
  return reply.json();
}

async function failureOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe(BusClient.name, () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let sut: BusClient;
  let callerToken: string;

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'kit_bus_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';

    @Module({
      imports: [ServiceKitModule.forService({ service: 'curriculum', entities: [], migrations: [KitTables1764400000000], background: false })],
      controllers: [ProbeController],
    })
    class ProbeModule {}

    app = await NestFactory.createMicroservice<MicroserviceOptions>(ProbeModule, {
      transport: Transport.NATS,
      options: { servers: servers.natsUrl, queue: 'curriculum' },
      logger: false,
    });
    await app.listen();
    nc = await connect({ servers: servers.natsUrl });
    sut = new BusClient(nc, 5000);
    callerToken = await new CallerTokens(loadKitConfig().jwtSecret).sign(
      { kind: 'user', id: 'teacher-1', assignments: [{ role: 'teacher', districtId: 'd1', schoolId: 's1' }] }, 300);
  });

  afterAll(async () => {
    await probe.slowRunning;
    await app?.close();
    await nc?.drain();
  });

  it('gets the reply of a handler, with the caller and request id it forwarded', async () => {
    const reply = await sut.request(S.echo, { text: '教联', times: 2 }, { callerToken, requestId: 'req-42' });
    expect(reply).toEqual({ text: '教联教联', callerId: 'teacher-1', requestId: 'req-42' });
  });

  it('answers the health ping without a caller', async () => {
    const reply = await requestWithoutCaller(nc, healthSubject('curriculum'), {});
    expect(reply.err).toBeUndefined();
    expect(reply.response).toMatchObject({ service: 'curriculum', database: 'up' } satisfies Partial<ServicePing>);
  });

  it('carries a DomainError thrown in a handler back as the same kind and field errors', async () => {
    const error = await failureOf(sut.request(S.conflict, {}, { callerToken }));
    expect(error.toBody()).toEqual({
      kind: 'conflict', title: 'Conflict', detail: 'A school with this code exists', errors: [{ field: 'code', message: 'code is already taken' }], code: 'conflict',
    });
    expect(error.status).toBe(409);
  });

  it('answers validation-failed naming the wrong field, and the handler does not run', async () => {
    const echoedBefore = probe.echoed;
    const error = await failureOf(sut.request(S.echo, { text: 'hi', times: 'twice' }, { callerToken }));
    expect(error.kind).toBe('validation-failed');
    expect(error.errors?.map((e) => e.field)).toEqual(['times', 'times']);

    const unknown = await failureOf(sut.request(S.echo, { text: 'hi', times: 1, admin: true }, { callerToken }));
    expect(unknown.kind).toBe('validation-failed');
    expect(unknown.errors).toEqual([{ field: 'admin', message: 'admin is not an accepted field', code: 'field.whitelistValidation', params: { field: 'admin' } }]);
    expect(probe.echoed).toBe(echoedBefore);
  });

  it('refuses a message that carries no caller as unauthenticated', async () => {
    const echoedBefore = probe.echoed;
    const reply = await requestWithoutCaller(nc, S.echo, { text: 'hi', times: 1 });
    expect(reply.response).toBeUndefined();
    expect(reply.err).toMatchObject({ kind: 'unauthenticated' });
    expect(probe.echoed).toBe(echoedBefore);
  });

  it('refuses a forged caller token as unauthenticated', async () => {
    const forged = await new CallerTokens('another-secret-that-is-long-enough-0123456789').sign(
      { kind: 'user', id: 'intruder', assignments: [{ role: 'platform_admin', districtId: '*' }] }, 300);
    const error = await failureOf(sut.request(S.echo, { text: 'hi', times: 1 }, { callerToken: forged }));
    expect(error.kind).toBe('unauthenticated');
  });

  it('reports unavailable when nothing answers the subject', async () => {
    const error = await failureOf(sut.request(S.nobody, {}, { callerToken }));
    expect(error.kind).toBe('unavailable');
  });

  it('reports timeout when the handler is slower than the request allows', async () => {
    const started = Date.now();
    const error = await failureOf(sut.request(S.slow, {}, { callerToken, timeoutMs: 300 }));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1400);
  });
});
