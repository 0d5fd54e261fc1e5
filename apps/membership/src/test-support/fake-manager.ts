import { jest } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';

/** A fake repository: the few TypeORM calls the services make, as mocks a test can program and inspect. */
export interface FakeRepo {
  findOne: jest.Mock<(options: unknown) => Promise<unknown>>;
  findOneOrFail: jest.Mock<(options: unknown) => Promise<unknown>>;
  find: jest.Mock<(options: unknown) => Promise<unknown[]>>;
  exists: jest.Mock<(options: unknown) => Promise<boolean>>;
  save: jest.Mock<(entity: unknown) => Promise<unknown>>;
  create: jest.Mock<(entity: unknown) => unknown>;
  update: jest.Mock<(criteria: unknown, changes: unknown) => Promise<unknown>>;
}

const fakeRepo = (): FakeRepo => ({
  findOne: jest.fn<(options: unknown) => Promise<unknown>>().mockResolvedValue(null),
  findOneOrFail: jest.fn<(options: unknown) => Promise<unknown>>(),
  find: jest.fn<(options: unknown) => Promise<unknown[]>>().mockResolvedValue([]),
  exists: jest.fn<(options: unknown) => Promise<boolean>>().mockResolvedValue(false),
  save: jest.fn(async (entity: unknown) => ({ id: 'new-id', createdAt: new Date('2026-09-01T00:00:00Z'), ...(entity as object) })),
  create: jest.fn((entity: unknown) => entity),
  update: jest.fn<(criteria: unknown, changes: unknown) => Promise<unknown>>().mockResolvedValue({}),
});

/** A DataSource whose transaction runs the work at once on a manager with one fake repository per entity class. */
export function fakeDataSource(): { dataSource: DataSource; manager: EntityManager; repo: (entity: object) => FakeRepo; query: jest.Mock<(sql: string, params?: unknown[]) => Promise<unknown[]>> } {
  const repos = new Map<object, FakeRepo>();
  const repo = (entity: object): FakeRepo => {
    if (!repos.has(entity)) repos.set(entity, fakeRepo());
    return repos.get(entity) as FakeRepo;
  };
  const query = jest.fn<(sql: string, params?: unknown[]) => Promise<unknown[]>>().mockResolvedValue([]);
  const manager = { getRepository: (entity: object) => repo(entity), query } as unknown as EntityManager;
  const dataSource = { manager, transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager), getRepository: (entity: object) => repo(entity), query } as unknown as DataSource;
  return { dataSource, manager, repo, query };
}
