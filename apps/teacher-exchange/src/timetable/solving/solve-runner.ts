import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SolveProgress, TimetableResult } from '../solver/timetable.model.js';
import { fromWire, solveInWorker, WORKER_URL, type WorkerSolve } from '../solver/timetable.runner.js';
import type { StoredInput } from './solve-input.js';

/** How often an idle copy of the service looks for queued jobs, and a running one renews its claim. */
const POLL_MS = Number(process.env['SOLVE_POLL_MS'] ?? 5_000);
/** A running job whose claim was not renewed for this long belongs to a copy that died: another takes it over. */
export const STALE_SECONDS = Number(process.env['SOLVE_STALE_SECONDS'] ?? 60);
/** A job taken over this many times fails instead of killing a fourth copy. */
const MAX_ATTEMPTS = 3;

/** The compiled worker; when the service runs from its sources (tests), the worker of its build. */
function workerUrl(): URL {
  if (existsSync(fileURLToPath(WORKER_URL))) return WORKER_URL;
  return new URL('../../../dist/timetable/solver/timetable.worker.js', import.meta.url);
}

/**
 * Runs solve jobs, one at a time per copy of the service, each in a worker thread. A copy claims the oldest
 * queued job (or a running job whose claim went stale) with UPDATE … SKIP LOCKED, so two copies never take the
 * same job; it renews its claim while the worker runs and writes the result only while the claim is still its own.
 */
@Injectable()
export class SolveRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SolveRunner.name);
  readonly instance = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: { id: string; solve: WorkerSolve };
  private busy = false;
  private stopping = false;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.kick(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping = true;
    // the claim goes stale and another copy takes the job over
    await this.running?.solve.cancel();
  }

  /** Looks for a job now (after a job was created, and on every tick); does nothing while this copy is solving. */
  async kick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (;;) {
        const job = await this.claim();
        if (!job) return;
        await this.run(job.id, job.input);
      }
    } catch (error) {
      this.logger.error(`solve runner: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.busy = false;
    }
  }

  private async claim(): Promise<{ id: string; input: StoredInput } | undefined> {
    await this.dataSource.query(
      `UPDATE solver_job SET status = 'failed', error = 'the service stopped while solving, ${MAX_ATTEMPTS} times', finished_at = now()
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1) AND attempts >= $2`, [STALE_SECONDS, MAX_ATTEMPTS],
    );
    const [rows]: [{ id: string; input: StoredInput }[]] = await this.dataSource.query(
      `UPDATE solver_job SET status = 'running', claimed_by = $1, heartbeat_at = now(), started_at = now(), attempts = attempts + 1, progress = NULL
        WHERE id = (SELECT id FROM solver_job
                     WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $2) AND attempts < $3)
                     ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id::text, input`,
      [this.instance, STALE_SECONDS, MAX_ATTEMPTS],
    );
    return rows[0];
  }

  private async run(id: string, input: StoredInput): Promise<void> {
    const mine = 'id = $1 AND claimed_by = $2 AND status = \'running\'';
    const progress = (p: SolveProgress): void => {
      void this.dataSource.query(`UPDATE solver_job SET progress = $3, heartbeat_at = now() WHERE ${mine}`, [id, this.instance, JSON.stringify(p)]).catch(() => undefined);
    };
    const heartbeat = setInterval(() => {
      void this.dataSource.query(`UPDATE solver_job SET heartbeat_at = now() WHERE ${mine}`, [id, this.instance]).catch(() => undefined);
    }, POLL_MS);
    try {
      const solve = solveInWorker(fromWire(input.problem), progress, { workerUrl: workerUrl() });
      this.running = { id, solve };
      const result: TimetableResult = await solve.result;
      await this.dataSource.query(
        `UPDATE solver_job SET status = 'done', result = $3, outcome = $4, gap = $5, objective = $6, finished_at = now(),
                progress = jsonb_build_object('componentsDone', $7::int, 'components', $7::int, 'gap', $5::float8) WHERE ${mine}`,
        [id, this.instance, JSON.stringify({ ...result, breaks: [] }), result.status, result.gap, result.objective, result.components.length],
      );
    } catch (error) {
      if (this.stopping) return;
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(`UPDATE solver_job SET status = 'failed', error = $3, finished_at = now() WHERE ${mine}`, [id, this.instance, message.slice(0, 500)]);
    } finally {
      clearInterval(heartbeat);
      this.running = undefined;
    }
  }
}
