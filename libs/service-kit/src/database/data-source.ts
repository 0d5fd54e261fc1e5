import pg from 'pg';
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
    // connectionTimeoutMillis: a database that does not answer fails a request in seconds (503, see
    // isDatabaseUnavailable) instead of holding it until the caller's bus timeout
    extra: { options: `-c search_path=${options.schema},public -c timezone=UTC`, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
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
