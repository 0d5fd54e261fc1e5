import { parentPort, workerData } from 'node:worker_threads';
import type { TimetableInput } from './timetable.model.js';
import { solveTimetable } from './timetable.solver.js';
import { fromWire, type WorkerMessage, type WireInput } from './timetable.runner.js';

// One solve per worker: HiGHS blocks the thread it runs on, so it never runs on the service's event loop.
const { input, plain } = workerData as { input: WireInput; plain?: boolean };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

try {
  const problem: TimetableInput = fromWire(input);
  const result = await solveTimetable(problem, { plain, onProgress: (progress) => post({ kind: 'progress', progress }) });
  post({ kind: 'result', result });
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
}
