import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SolveProgress, TimetableInput, TimetableResult } from './timetable.model.js';

/** The input as it crosses to the worker: structured clone keeps a Map, but the wire form is plain data anyway. */
export type WireInput = Omit<TimetableInput, 'travelOverrides'> & { travelOverrides: [string, number][] };

export type WorkerMessage =
  | { kind: 'progress'; progress: SolveProgress }
  | { kind: 'result'; result: TimetableResult }
  | { kind: 'error'; message: string };

export const toWire = (input: TimetableInput): WireInput => ({ ...input, travelOverrides: [...(input.travelOverrides ?? new Map()).entries()] });
export const fromWire = (input: WireInput): TimetableInput => ({ ...input, travelOverrides: new Map(input.travelOverrides) });

/** The compiled worker next to this module (the service and the benchmark run the compiled code). */
export const WORKER_URL = new URL('./timetable.worker.js', import.meta.url);

export interface WorkerSolve {
  result: Promise<TimetableResult>;
  /** stops the solve; the result promise then rejects */
  cancel(): Promise<void>;
}

/**
 * Solves a timetable in a worker thread, reporting progress as components finish. The thread ends with
 * its solve (HiGHS's WebAssembly memory goes with it); a crash or an exit without a result rejects.
 */
export function solveInWorker(input: TimetableInput, onProgress?: (progress: SolveProgress) => void, options: { plain?: boolean; workerUrl?: URL } = {}): WorkerSolve {
  const url = options.workerUrl ?? WORKER_URL;
  if (!existsSync(fileURLToPath(url))) throw new Error('The timetable worker is not built: build teacher-exchange first');
  const worker = new Worker(url, { workerData: { input: toWire(input), plain: options.plain } });
  let settled = false;
  const result = new Promise<TimetableResult>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress?.(message.progress);
      else if (message.kind === 'result') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new Error(message.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The timetable worker stopped (exit code ${code}) before it answered`));
    });
  });
  return { result, cancel: async () => void (await worker.terminate()) };
}
