/**
 * The chaos test's write load: a few writers that each send one write after the other through the
 * gateway, every write carrying a unique natural key chosen by the client (a school code, a new school
 * name, a staff number), so the database can later be asked whether each one exists exactly once.
 * A write counts as acknowledged when a 2xx answer came back.
 */
export type WriteKind = 'school' | 'rename' | 'teacher';

export interface WriteRecord {
  kind: WriteKind;
  /** the natural key: school code, the school's new name, or the teacher's staff number */
  key: string;
  /** the round (process killed) during which it was sent */
  round: string;
  sentAt: number;
  answeredAt: number;
  /** HTTP status, or 0 when no answer came (connection refused or reset, timeout) */
  status: number;
}

export interface LoadTargets {
  gatewayUrl: string;
  token: string;
  districtId: string;
  /** schools that are renamed over and over, one writer each */
  renamedSchoolIds: string[];
  /** the school whose teachers are added */
  teacherSchoolId: string;
}

const REQUEST_TIMEOUT_MS = 5_000;
/**
 * A writer's pause after each write: a steady load of a few dozen writes a second in all that leaves
 * the stack room to show its commit → consumer delay rather than its backlog on two shared cores.
 */
const PAUSE_MS = 100;
/** and after a failed write, so a writer does not spin while something is down */
const PAUSE_AFTER_FAILURE_MS = 200;

export const acknowledged = (record: WriteRecord): boolean => record.status >= 200 && record.status < 300;

export class WriteLoad {
  readonly records: WriteRecord[] = [];
  round = 'warm-up';
  private running = false;
  private workers: Promise<void>[] = [];
  private seq = 0;

  /** `runId`: a few digits that make this run's keys unique (school codes are 10 digits) */
  constructor(private readonly targets: LoadTargets, private readonly runId: string) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.workers = [
      this.worker('school', () => {
        const code = `${this.runId}${String(this.next()).padStart(10 - this.runId.length, '0')}`;
        return { key: code, method: 'POST', path: '/api/v1/schools', body: {
          districtId: this.targets.districtId, code, name: `混沌测试学校${code.slice(-5)}`, stage: 'primary', locale: 'village',
          township: '城关镇', studentCount: 300, teacherCount: 20, classCount: 6,
        } };
      }),
      ...this.targets.renamedSchoolIds.map((schoolId, i) => this.worker('rename', () => {
        const name = `改名学校${i}号${this.next()}`;
        return { key: name, method: 'PATCH', path: `/api/v1/schools/${schoolId}`, body: { name } };
      })),
      ...[0, 1].map(() => this.worker('teacher', () => {
        const staffNo = `CH${this.runId}-${this.next()}`;
        return { key: staffNo, method: 'POST', path: '/api/v1/teacher-exchange/teachers', body: {
          schoolId: this.targets.teacherSchoolId, staffNo, name: '混沌教师', gender: 'female', subjects: ['chinese'], title: 'first', rank: 'none', middleManager: false,
        } };
      })),
    ];
  }

  /** Stops sending and waits for the writes in flight to be answered (or to time out). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
  }

  private next(): number {
    this.seq += 1;
    return this.seq;
  }

  private async worker(kind: WriteKind, nextWrite: () => { key: string; method: string; path: string; body: unknown }): Promise<void> {
    while (this.running) {
      const write = nextWrite();
      const record: WriteRecord = { kind, key: write.key, round: this.round, sentAt: Date.now(), answeredAt: 0, status: 0 };
      this.records.push(record);
      try {
        const response = await fetch(`${this.targets.gatewayUrl}${write.path}`, {
          method: write.method,
          headers: { authorization: `Bearer ${this.targets.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(write.body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        record.status = response.status;
      } catch {
        record.status = 0;
      }
      record.answeredAt = Date.now();
      await new Promise((r) => setTimeout(r, acknowledged(record) ? PAUSE_MS : PAUSE_AFTER_FAILURE_MS));
    }
  }
}
