import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';

export interface ServiceDataSourceOptions {
  /** PostgreSQL schema owned by the service, e.g. `membership` */
  schema: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity and migration classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as above
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** where the pool reports connections the server closed (a restart, pg_terminate_backend); silent without one */
  logger?: Logger;
}

/**
 * Keeps a connection that PostgreSQL closes (57P01 on a restart or pg_terminate_backend, a network
 * drop) from crashing the process. pg-pool listens for 'error' only while a client is idle and
 * TypeORM only once a query runner holds it; a FATAL that arrives in the same packet as a new
 * connection's first ReadyForQuery reaches the client between the two, as an unhandled 'error' event
 * (node-postgres issue 2762). This listener stays on every client from its connect to its end. The client is unusable afterwards: the pool drops it when it is idle or released,
 * and the next query gets a new connection.
 */
function watchPoolClient(client: pg.PoolClient, logger: Logger | undefined): void {
  client.on('error', (error: Error & { code?: string }) => {
    logger?.warn({ err: error.message, code: error.code }, 'the database closed a pooled connection; the pool replaces it');
  });
}

/** One DataSource per service, on its own schema. Never `synchronize`: schemas change only by migration. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const config: DataSourceOptions = {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName: `jiaolian-${options.schema}`,
    poolSize: options.poolSize ?? 10,
    extra: {
      options: `-c search_path=${options.schema},public -c timezone=UTC`,
      max: options.poolSize ?? 10,
      // a database that does not answer fails a request in seconds (503, see isDatabaseUnavailable)
      // instead of holding it until the caller's bus timeout
      connectionTimeoutMillis: 5000,
      // pg-pool calls this for every new client, including the one TypeORM opens during initialize()
      onConnect: (client: pg.PoolClient) => watchPoolClient(client, options.logger),
    },
    // the client's own listener above has already logged the error that the pool re-emits for an idle client
    poolErrorHandler: () => undefined,
  };
  return new DataSource(config);
}

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock per schema, so replicas that start
 * together migrate once, one after another, and never half-apply the same migration twice.
 */
export async function runMigrationsLocked(dataSource: DataSource, schema: string, url: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: url, application_name: `jiaolian-${schema}-migrate` });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock(hashtext($1))', [`jiaolian:migrate:${schema}`]);
    await lockClient.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const wasInitialized = dataSource.isInitialized;
    if (!wasInitialized) await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock(hashtext($1))', [`jiaolian:migrate:${schema}`]).catch(() => undefined);
    await lockClient.end();
  }
}
