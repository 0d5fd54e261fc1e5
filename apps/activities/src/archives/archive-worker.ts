import { BusClient, CallerTokens, KIT_LOGGER, KIT_OPTIONS, type FileStore, type ServiceKitOptions } from '@jiaolian/service-kit';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ACTIVITIES_FILE_STORE } from '../common/file-store.js';
import { ArchiveBuilder } from './archive-builder.js';

/** How often an idle worker looks for a queued job (ARCHIVE_POLL_MS; 0 turns the worker off). */
const pollMs = (): number => Number(process.env['ARCHIVE_POLL_MS'] ?? 2_000);
/**
 * A running job whose heartbeat is older than this belongs to a process that died: another worker (or
 * the same one restarted) takes it up again from the start (ARCHIVE_STALE_MS). Heartbeats come with
 * every step and at least every HEARTBEAT_MS, so a live build is never taken for a dead one.
 */
const staleMs = (): number => Number(process.env['ARCHIVE_STALE_MS'] ?? 60_000);
const HEARTBEAT_MS = 5_000;
/** A job interrupted this many times is failed with the reason rather than tried forever. */
export const ARCHIVE_MAX_ATTEMPTS = 3;

interface ClaimedJob {
  id: string; district_id: string; alliance_id: string | null; scope_name: string; term: string; attempts: number;
}

/**
 * Builds queued term archives in the background, one at a time per process; replicas share the queue
 * (FOR UPDATE SKIP LOCKED). Status, progress (%), entries and the error of a failed job are recorded on
 * the job, so that the console shows progress and a restart loses nothing: a job whose process died is
 * taken up again once its heartbeat is stale, or failed with the reason after ARCHIVE_MAX_ATTEMPTS, and
 * a job cut short by an orderly shutdown goes back to the queue at once.
 */
@Injectable()
export class ArchiveWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private current: string | undefined;
  private stopping = false;
  /** false in one-off commands (seed-demo, migrate): a job they queue is built by the running service */
  private started = false;
  private readonly worker = `${hostname()}/${process.pid}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusClient,
    private readonly tokens: CallerTokens,
    @Inject(ACTIVITIES_FILE_STORE) private readonly files: FileStore,
    @Inject(KIT_LOGGER) private readonly logger: Logger,
    @Inject(KIT_OPTIONS) private readonly options: ServiceKitOptions,
  ) {}

  onApplicationBootstrap(): void {
    const every = pollMs();
    // a one-off command (seed-demo) queues jobs; the running service builds them
    if (this.options.background === false || every <= 0 || process.env['JIAOLIAN_COMMAND']) return;
    this.started = true;
    this.timer = setInterval(() => this.kick(), every);
    this.timer.unref();
    this.kick();
  }

  /** Looks for work now (also after a job is queued, so that it starts without waiting for the poll). */
  kick(): void {
    if (!this.started || this.stopping) return;
    this.running ??= this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'archive worker failed; retrying next tick'))
      .finally(() => { this.running = undefined; });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    if (this.current) {
      // give the job back: a restarted or other replica takes it up without waiting for the heartbeat to go stale
      await this.dataSource.query(
        "UPDATE archive_job SET status = 'queued', worker = NULL, attempts = GREATEST(attempts - 1, 0) WHERE id = $1 AND status = 'running' AND worker = $2",
        [this.current, this.worker],
      ).catch(() => undefined);
    }
  }

  private async drain(): Promise<void> {
    while (!this.stopping) {
      const job = await this.claim();
      if (!job) return;
      await this.run(job);
    }
  }

  /** Takes the oldest queued job, or a running one whose worker stopped beating; fails one tried too often. */
  private async claim(): Promise<ClaimedJob | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const [job]: ClaimedJob[] = await manager.query(
        `SELECT id, district_id, alliance_id, scope_name, term, attempts FROM archive_job
          WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1::double precision / 1000))
          ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1`,
        [staleMs()],
      );
      if (!job) return undefined;
      if (job.attempts >= ARCHIVE_MAX_ATTEMPTS) {
        await manager.query(
          `UPDATE archive_job SET status = 'failed', finished_at = now(), worker = NULL,
                  error = $2 WHERE id = $1`,
          [job.id, `interrupted ${job.attempts} times (the process building it stopped); request the archive again`],
        );
        this.logger.warn({ archiveJobId: job.id, attempts: job.attempts }, 'archive job failed after repeated interruptions');
        return this.claim();
      }
      await manager.query(
        `UPDATE archive_job SET status = 'running', attempts = attempts + 1, worker = $2, heartbeat_at = now(), started_at = now(), progress = 0, entries = 0,
                error = NULL WHERE id = $1`,
        [job.id, this.worker],
      );
      return { ...job, attempts: job.attempts + 1 };
    });
  }

  private async run(job: ClaimedJob): Promise<void> {
    this.current = job.id;
    let last = { progress: 0, entries: 0 };
    const beat = async (): Promise<void> => {
      await this.dataSource.query(
        "UPDATE archive_job SET progress = $2, entries = $3, heartbeat_at = now() WHERE id = $1 AND status = 'running' AND worker = $4",
        [job.id, last.progress, last.entries, this.worker],
      );
    };
    const heartbeat = setInterval(() => { beat().catch(() => undefined); }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const builder = new ArchiveBuilder(this.dataSource, this.files, this.bus, this.tokens, {
        id: job.id, districtId: job.district_id, allianceId: job.alliance_id, scopeName: job.scope_name, term: job.term, attempt: job.attempts,
      }, async (done, total, entries) => {
        if (this.stopping) throw new Error('the service is stopping');
        // 99 at most until the zip is stored: 100 means downloadable
        last = { progress: Math.min(99, Math.floor((done / total) * 100)), entries };
        await beat();
      });
      const result = await builder.build();
      const [, updated] = await this.dataSource.query(
        `UPDATE archive_job SET status = 'done', progress = 100, entries = $2, file_key = $3, file_size = $4, finished_at = now(), heartbeat_at = now(), worker = NULL
          WHERE id = $1 AND status = 'running' AND worker = $5`,
        [job.id, result.entries, result.file.key, result.file.size, this.worker],
      ) as [unknown, number];
      // another worker took the job over (this one was thought dead): keep its archive, not this one
      if (updated === 0) await this.files.delete(result.file.key).catch(() => undefined);
      else this.logger.info({ archiveJobId: job.id, entries: result.entries, bytes: result.file.size }, 'term archive built');
    } catch (error) {
      if (this.stopping) return;
      this.logger.warn({ err: error, archiveJobId: job.id }, 'term archive failed');
      await this.dataSource.query(
        "UPDATE archive_job SET status = 'failed', error = $2, finished_at = now(), worker = NULL WHERE id = $1 AND status = 'running' AND worker = $3",
        [job.id, (error as Error).message.slice(0, 1000), this.worker],
      );
    } finally {
      clearInterval(heartbeat);
      this.current = undefined;
    }
  }
}
