import {
  AssessmentSubjects, EVALUATION_STATUS_SUBJECT, TeacherExchangeSubjects, termRange, type EvaluationStatusQuery, type EvaluationStatusView,
  type ExamFileView, type ExamView, type ListExamsQueryDto, type ListPlacementsQueryDto, type ListSurveysQueryDto, type Page, type PlacementView,
  type SurveyFileView, type SurveyView,
} from '@jiaolian/contracts';
import { type BusClient, type CallerTokens, DomainError, type FileStore, type StoredFile } from '@jiaolian/service-kit';
import { ZipArchive } from 'archiver';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { CSV_BOM, csvLine } from './csv.js';

/** What the builder needs of a job. */
export interface ArchiveJobSpec {
  id: string;
  districtId: string;
  allianceId: string | null;
  scopeName: string;
  term: string;
  attempt: number;
}

export interface ArchiveResult {
  file: StoredFile;
  entries: number;
}

/** Rows read from PostgreSQL per query: memory holds one page, whatever the size of the term. */
export const ARCHIVE_PAGE_ROWS = 500;
/** The store refuses a zip past this (an evidence file is at most 50 MB; a term of a district holds thousands). */
const ARCHIVE_MAX_BYTES = 64 * 1024 ** 3;
const ASK_TIMEOUT_MS = 5_000;
/** An exam analysis or survey workbook is rendered on request: it may take longer than a query. */
const EXPORT_TIMEOUT_MS = 60_000;

type Progress = (done: number, total: number, entries: number) => Promise<void>;

const shanghaiMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * Builds a term's archive as one zip that streams: rows are read a page at a time (keyset paging) and
 * written as CSV lines, evidence files stream from the file store into the zip one at a time, and the
 * zip streams into the file store as it is written (a multipart upload on S3, chunks on NATS). At no
 * point is the term held in memory. Other services' records are read through their paged queries; a
 * service without such a query (or that does not answer) leaves a line in README.txt saying what is
 * not in the archive.
 */
export class ArchiveBuilder {
  private entries = 0;
  private readonly missing: string[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly bus: BusClient,
    private readonly tokens: CallerTokens,
    private readonly job: ArchiveJobSpec,
    private readonly progress: Progress,
  ) {}

  async build(): Promise<ArchiveResult> {
    const zip = new ZipArchive({ zlib: { level: 6 } });
    const key = `activities/archives/${this.job.id}-${this.job.attempt}.zip`;
    const filename = `${this.job.scopeName}-${this.job.term}-学期归档.zip`;
    const upload = this.files.put(zip, { key, filename, contentType: 'application/zip', maxBytes: ARCHIVE_MAX_BYTES });
    // a failed upload or zip must end the build at once rather than leave it waiting on an entry
    const failed = new Promise<never>((_, reject) => {
      upload.catch(reject);
      zip.on('error', reject);
    });
    failed.catch(() => undefined);
    /** `stored`: kept as is, not deflated (evidence is mostly video, pictures and office files, compressed already) */
    const add = async (name: string, source: Readable | string, stored = false): Promise<void> => {
      const done = new Promise<void>((resolve) => zip.once('entry', () => resolve()));
      zip.append(source, { name, store: stored });
      await Promise.race([done, failed]);
      this.entries += 1;
    };
    try {
      const evidenceCount = await this.evidenceCount();
      const steps = 9 + evidenceCount;
      let done = 0;
      const step = async (): Promise<void> => {
        done += 1;
        await this.progress(done, steps, this.entries);
      };
      await add('activities/activities.csv', bytes(this.activities()));
      await step();
      await add('attendance/registrations.csv', bytes(this.registrations()));
      await step();
      await add('minutes/minutes.csv', bytes(this.minutes()));
      await add('minutes/action-items.csv', bytes(this.actionItems()));
      await step();
      await add('plans/plans.csv', bytes(this.plans()));
      await add('plans/milestones.csv', bytes(this.milestones()));
      await add('plans/progress.csv', bytes(this.progressRows()));
      await add('plans/evidence.csv', bytes(this.evidenceRows()));
      await step();
      for await (const evidence of this.evidenceFiles()) {
        const found = await this.files.get(evidence.file_key);
        if (found) await add(`plans/evidence/${evidence.plan_id}/${evidence.id}-${safeName(evidence.title ?? 'file')}`, found.stream, true);
        else this.missing.push(`plans/evidence/${evidence.plan_id}/${evidence.id}: 文件已不在存储中 (file no longer in the store)`);
        await step();
      }
      await add('placements/placements.csv', await this.placements());
      await step();
      await add('evaluations/status.csv', await this.evaluations());
      await step();
      await this.exams(add);
      await step();
      await this.surveys(add);
      await add('README.txt', this.readme());
      await step();
      await zip.finalize();
      const file = await Promise.race([upload, failed]);
      return { file, entries: this.entries };
    } catch (error) {
      zip.abort();
      await upload.catch(() => undefined);
      await this.files.delete(key).catch(() => undefined);
      throw error;
    }
  }

  private get range(): { from: Date; until: Date } {
    const { from, to } = termRange(this.job.term);
    return { from: shanghaiMidnight(from), until: shanghaiMidnight(to) };
  }

  /** Keyset paging over any query that selects `id` and takes $1 district, $2 alliance, then its own parameters: one page of rows at a time. */
  private async *pages<T extends { id: string }>(sql: string, params: unknown[]): AsyncGenerator<T[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: T[] = await this.db.query(`${sql} AND x.id > $${params.length + 3}::uuid ORDER BY x.id LIMIT ${ARCHIVE_PAGE_ROWS}`, [
        this.job.districtId, this.job.allianceId, ...params, after,
      ]);
      if (rows.length > 0) yield rows;
      if (rows.length < ARCHIVE_PAGE_ROWS) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  private async *paged<T extends { id: string }>(sql: string, params: unknown[]): AsyncGenerator<T> {
    for await (const page of this.pages<T>(sql, params)) yield* page;
  }

  /** A CSV file, one page of rows per chunk (a chunk per row would cost the zip's deflate more than the rows themselves). */
  private async *csv<T extends { id: string }>(header: string[], sql: string, params: unknown[], line: (row: T) => unknown[]): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(header);
    for await (const page of this.pages<T>(sql, params)) yield page.map((row) => csvLine(line(row))).join('');
  }

  private activities(): AsyncGenerator<string> {
    type Row = { id: string; title: string; kind: string; organiser: string | null; starts_at: Date; ends_at: Date; recurrence: unknown; status: string };
    return this.csv<Row>(['活动ID', '活动名称', '类型', '承办学校', '首次开始', '首次结束', '重复规则', '状态'],
      `SELECT x.id, x.title, x.kind, ds.name AS organiser, x.starts_at, x.ends_at, x.recurrence, x.status
         FROM activity x LEFT JOIN directory_school ds ON ds.id = x.organiser_school_id
        WHERE x.district_id = $1 AND ($2::uuid IS NULL OR x.alliance_id = $2) AND x.starts_at < $4 AND COALESCE(x.last_occurrence_at, x.starts_at) >= $3`,
      [this.range.from, this.range.until],
      (r) => [r.id, r.title, r.kind, r.organiser, r.starts_at, r.ends_at, r.recurrence ? JSON.stringify(r.recurrence) : '', r.status]);
  }

  private registrations(): AsyncGenerator<string> {
    type Row = { id: string; title: string; occurrence_start: Date; school: string | null; participant_kind: string; participant_name: string; grade: number | null;
      status: string; checked_in_at: Date | null };
    return this.csv<Row>(['报名ID', '活动', '活动时间', '学校', '参加人类别', '姓名', '年级', '状态', '签到时间'],
      `SELECT x.id, a.title, x.occurrence_start, ds.name AS school, x.participant_kind, x.participant_name, x.grade, x.status, x.checked_in_at
         FROM registration x JOIN activity a ON a.id = x.activity_id LEFT JOIN directory_school ds ON ds.id = x.school_id
        WHERE a.district_id = $1 AND ($2::uuid IS NULL OR a.alliance_id = $2) AND x.occurrence_start >= $3 AND x.occurrence_start < $4`,
      [this.range.from, this.range.until],
      (r) => [r.id, r.title, r.occurrence_start, r.school, r.participant_kind, r.participant_name, r.grade, r.status, r.checked_in_at]);
  }

  private minutes(): AsyncGenerator<string> {
    type Row = { id: string; title: string; occurrence_start: Date; summary: string; decisions: unknown; recorded_by: string | null };
    return this.csv<Row>(['纪要ID', '活动', '活动时间', '会议纪要', '决定事项', '记录人'],
      `SELECT x.id, a.title, x.occurrence_start, x.summary, x.decisions, x.recorded_by
         FROM minutes x JOIN activity a ON a.id = x.activity_id
        WHERE a.district_id = $1 AND ($2::uuid IS NULL OR a.alliance_id = $2) AND x.occurrence_start >= $3 AND x.occurrence_start < $4`,
      [this.range.from, this.range.until],
      (r) => [r.id, r.title, r.occurrence_start, r.summary, JSON.stringify(r.decisions), r.recorded_by]);
  }

  private actionItems(): AsyncGenerator<string> {
    type Row = { id: string; minutes_id: string; title: string; owner_name: string; school: string | null; due_on: string; done_at: Date | null };
    return this.csv<Row>(['事项ID', '纪要ID', '待办事项', '负责人', '负责学校', '截止日期', '完成时间'],
      `SELECT x.id, x.minutes_id, x.title, x.owner_name, ds.name AS school, to_char(x.due_on, 'YYYY-MM-DD') AS due_on, x.done_at
         FROM action_item x JOIN minutes mi ON mi.id = x.minutes_id LEFT JOIN directory_school ds ON ds.id = x.owner_school_id
        WHERE x.district_id = $1 AND ($2::uuid IS NULL OR x.alliance_id = $2) AND mi.occurrence_start >= $3 AND mi.occurrence_start < $4`,
      [this.range.from, this.range.until],
      (r) => [r.id, r.minutes_id, r.title, r.owner_name, r.school, r.due_on, r.done_at]);
  }

  private plans(): AsyncGenerator<string> {
    type Row = { id: string; title: string; owner: string | null; status: string; goals: string; measures: string; owner_name: string; approved_at: Date | null; closed_at: Date | null };
    return this.csv<Row>(['计划ID', '单位', '计划名称', '状态', '工作目标', '主要措施', '负责人', '批准时间', '结项时间'],
      `SELECT x.id, COALESCE(ds.name, da.name) AS owner, x.title, x.status, x.goals, x.measures, x.owner_name, x.approved_at, x.closed_at
         FROM work_plan x LEFT JOIN directory_school ds ON ds.id = x.school_id LEFT JOIN directory_alliance da ON da.id = x.alliance_id
        WHERE x.district_id = $1 AND ($2::uuid IS NULL OR x.alliance_id = $2) AND x.term = $3`,
      [this.job.term],
      (r) => [r.id, r.owner, r.title, r.status, r.goals, r.measures, r.owner_name, r.approved_at, r.closed_at]);
  }

  private milestones(): AsyncGenerator<string> {
    type Row = { id: string; plan_id: string; target: string; rating: string | null; title: string; due_on: string; expected_result: string; status: string; percent: number;
      completed_on: string | null };
    return this.csv<Row>(['里程碑ID', '计划ID', '目标任务', '目标评估', '里程碑', '截止日期', '预期显性成果', '状态', '进度%', '完成日期'],
      `SELECT x.id, x.plan_id, t.title AS target, t.rating, x.title, to_char(x.due_on, 'YYYY-MM-DD') AS due_on, x.expected_result, x.status, x.percent,
              to_char(x.completed_on, 'YYYY-MM-DD') AS completed_on
         FROM plan_milestone x JOIN plan_target t ON t.id = x.target_id JOIN work_plan p ON p.id = x.plan_id
        WHERE p.district_id = $1 AND ($2::uuid IS NULL OR p.alliance_id = $2) AND p.term = $3`,
      [this.job.term],
      (r) => [r.id, r.plan_id, r.target, r.rating, r.title, r.due_on, r.expected_result, r.status, r.percent, r.completed_on]);
  }

  private progressRows(): AsyncGenerator<string> {
    type Row = { id: string; milestone_id: string; percent: number; status: string; comment: string; reported_on: string; reported_by: string };
    return this.csv<Row>(['进展ID', '里程碑ID', '进度%', '状态', '说明', '日期', '填报人'],
      `SELECT x.id, x.milestone_id, x.percent, x.status, x.comment, to_char(x.reported_on, 'YYYY-MM-DD') AS reported_on, x.reported_by
         FROM milestone_progress x JOIN plan_milestone m ON m.id = x.milestone_id JOIN work_plan p ON p.id = m.plan_id
        WHERE p.district_id = $1 AND ($2::uuid IS NULL OR p.alliance_id = $2) AND p.term = $3`,
      [this.job.term],
      (r) => [r.id, r.milestone_id, r.percent, r.status, r.comment, r.reported_on, r.reported_by]);
  }

  private evidenceSql = `FROM plan_evidence x JOIN plan_milestone m ON m.id = x.milestone_id JOIN work_plan p ON p.id = m.plan_id
        WHERE p.district_id = $1 AND ($2::uuid IS NULL OR p.alliance_id = $2) AND p.term = $3`;

  private evidenceRows(): AsyncGenerator<string> {
    type Row = { id: string; milestone_id: string; plan_id: string; kind: string; ref_id: string | null; title: string | null; verified: boolean; file_size: string | null;
      added_by: string; added_at: Date };
    return this.csv<Row>(['证据ID', '里程碑ID', '计划ID', '类型', '关联对象ID', '名称', '已核实', '文件大小', '添加人', '添加时间'],
      `SELECT x.id, x.milestone_id, m.plan_id, x.kind, x.ref_id, x.title, x.verified, x.file_size, x.added_by, x.added_at ${this.evidenceSql}`,
      [this.job.term],
      (r) => [r.id, r.milestone_id, r.plan_id, r.kind, r.ref_id, r.title, r.verified ? '是' : '否', r.file_size, r.added_by, r.added_at]);
  }

  private async evidenceCount(): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n ${this.evidenceSql} AND x.file_key IS NOT NULL`, [
      this.job.districtId, this.job.allianceId, this.job.term,
    ]);
    return row?.n ?? 0;
  }

  private evidenceFiles(): AsyncGenerator<{ id: string; plan_id: string; title: string | null; file_key: string }> {
    return this.paged(`SELECT x.id, m.plan_id, x.title, x.file_key ${this.evidenceSql} AND x.file_key IS NOT NULL`, [this.job.term]);
  }

  /** Teacher exchange's placements of the scope that overlap the term, page by page; not available when it does not answer. */
  private async placements(): Promise<Readable> {
    const { from, to } = termRange(this.job.term);
    const first = await this.ask<Page<PlacementView>>(TeacherExchangeSubjects.placementList, this.placementQuery(1));
    if (!first) {
      this.missing.push('placements/: 教师交流服务未应答，本归档不含交流安排 (teacher exchange did not answer)');
      return Readable.from([Buffer.from(`${CSV_BOM}${csvLine(['说明'])}${csvLine(['暂无数据：教师交流服务未应答 (not available)'])}`)]);
    }
    const ask = this.ask.bind(this);
    const query = this.placementQuery.bind(this);
    async function* lines(): AsyncGenerator<string> {
      yield CSV_BOM + csvLine(['交流安排ID', '教师', '工号', '派出学校', '接收学校', '类型', '状态', '开始日期', '结束日期', '联盟']);
      let page: Page<PlacementView> | null = first;
      for (let n = 1; page; n += 1) {
        for (const p of page.items) {
          if (p.startsOn >= to || p.endsOn < from) continue;
          yield csvLine([p.id, p.teacherName, p.staffNo, p.homeSchoolName, p.hosts.map((h) => h.schoolName).join('、'), p.kind, p.status, p.startsOn, p.endsOn, p.allianceName]);
        }
        if (n * page.pageSize >= page.total) return;
        page = await ask<Page<PlacementView>>(TeacherExchangeSubjects.placementList, query(n + 1));
        if (!page) throw new Error('teacher exchange stopped answering while its placements were read');
      }
    }
    return bytes(lines());
  }

  private placementQuery(page: number): ListPlacementsQueryDto {
    return { page, pageSize: 200, sort: 'createdAt', ...(this.job.allianceId ? { allianceId: this.job.allianceId } : {}) };
  }

  private async evaluations(): Promise<string> {
    const query: EvaluationStatusQuery = { districtId: this.job.districtId, term: this.job.term, ...(this.job.allianceId ? { allianceId: this.job.allianceId } : {}) };
    const view = await this.ask<EvaluationStatusView>(EVALUATION_STATUS_SUBJECT, query);
    if (!view) {
      this.missing.push('evaluations/: 考核评价服务未提供本学期评价状态，本归档不含考核评价 (assessment did not answer the evaluation status query)');
      return `${CSV_BOM}${csvLine(['说明'])}${csvLine(['暂无数据：考核评价服务未应答 (not available)'])}`;
    }
    return CSV_BOM + csvLine(['对象类型', '对象ID', '联盟ID', '进度', '版本', '得分', '排名', '表彰'])
      + view.items.map((i) => csvLine([i.targetType, i.targetId, i.allianceId, i.step, i.version, i.score, i.rank, i.award])).join('');
  }

  /**
   * The term's published unified exams of the scope (assessment's paged list) with each one's quality
   * analysis workbook, rendered by assessment into the shared file store and streamed from there.
   */
  private async exams(add: (name: string, source: Readable | string, stored?: boolean) => Promise<void>): Promise<void> {
    const query = (page: number): ListExamsQueryDto => ({
      page, pageSize: 100, term: this.job.term, status: 'published', ...(this.job.allianceId ? { allianceId: this.job.allianceId } : {}),
    });
    const exams: ExamView[] = [];
    for (let n = 1; ; n += 1) {
      const page = await this.ask<Page<ExamView>>(AssessmentSubjects.examList, query(n));
      if (!page) {
        this.missing.push('exams/: 质量监测服务未应答，本归档不含考试分析 (assessment did not answer)');
        return;
      }
      exams.push(...page.items);
      if (n * page.pageSize >= page.total) break;
    }
    await add('exams/exams.csv', CSV_BOM + csvLine(['检测ID', '联盟', '年级', '名称', '学科', '参加学校', '学生数'])
      + exams.map((e) => csvLine([e.id, e.allianceName, e.grade, e.name, e.subjects.map((x) => x.name).join('、'), e.schools.length, e.studentCount])).join(''));
    for (const exam of exams) {
      const file = await this.ask<ExamFileView>(AssessmentSubjects.analysisExport, { id: exam.id }, EXPORT_TIMEOUT_MS);
      const found = file ? await this.files.get(file.key) : null;
      if (found) await add(`exams/${safeName(`${exam.grade}${exam.name}-${exam.id.slice(0, 8)}-质量分析.xlsx`)}`, found.stream, true);
      else this.missing.push(`exams/${exam.id}: 质量分析未能导出 (the analysis workbook could not be exported)`);
    }
  }

  /**
   * The term's open and closed surveys of the scope with each one's results workbook, as assessment exports
   * it: groups under the survey's anonymity threshold are not in it.
   */
  private async surveys(add: (name: string, source: Readable | string, stored?: boolean) => Promise<void>): Promise<void> {
    const query = (page: number): ListSurveysQueryDto => ({ page, pageSize: 100, term: this.job.term, ...(this.job.allianceId ? { allianceId: this.job.allianceId } : {}) });
    const surveys: SurveyView[] = [];
    for (let n = 1; ; n += 1) {
      const page = await this.ask<Page<SurveyView>>(AssessmentSubjects.surveyList, query(n));
      if (!page) {
        this.missing.push('surveys/: 问卷调查服务未应答，本归档不含问卷 (assessment did not answer)');
        return;
      }
      surveys.push(...page.items.filter((v) => v.status !== 'draft'));
      if (n * page.pageSize >= page.total) break;
    }
    await add('surveys/surveys.csv', CSV_BOM + csvLine(['问卷ID', '标题', '范围', '联盟', '学校', '对象', '匿名', '状态', '开始', '截止', '答卷数'])
      + surveys.map((v) => csvLine([v.id, v.title, v.level, v.alliance?.name, v.school?.name, v.audiences.join('、'), v.anonymous ? '是' : '否', v.status, v.opensAt, v.closesAt, v.responseCount])).join(''));
    for (const survey of surveys) {
      const file = await this.ask<SurveyFileView>(AssessmentSubjects.surveyResultsExport, { id: survey.id }, EXPORT_TIMEOUT_MS);
      const found = file ? await this.files.get(file.key) : null;
      if (found) await add(`surveys/${safeName(`${survey.title}-${survey.id.slice(0, 8)}-结果.xlsx`)}`, found.stream, true);
      else this.missing.push(`surveys/${survey.id}: 问卷结果未能导出 (the results workbook could not be exported)`);
    }
  }

  private readme(): string {
    const lines = [
      `${this.job.scopeName} ${this.job.term} 学期归档`,
      `Semester archive of ${this.job.term}`,
      '',
      '本归档包含 / Contents:',
      '  activities/activities.csv       联盟活动 activities',
      '  attendance/registrations.csv    报名与签到 registrations and check-ins',
      '  minutes/                        会议纪要与待办事项 minutes and action items',
      '  plans/                          学期工作计划、里程碑、进展与证据文件 work plans, milestones, progress and evidence files',
      '  placements/placements.csv       教师交流安排 teacher placements',
      '  evaluations/status.csv          考核评价状态 evaluation status',
      '  exams/                          统一检测清单与各次检测的质量分析工作簿 unified exams and each one\'s quality analysis workbook',
      '  surveys/                        问卷清单与各问卷结果工作簿（低于匿名门槛的组不列出） surveys and each one\'s results workbook (groups under the anonymity threshold left out)',
      '',
      '未包含 / Not available:',
      ...(this.missing.length ? this.missing.map((m) => `  ${m}`) : ['  （无 none）']),
      '',
    ];
    return lines.join('\r\n');
  }

  /** Asks another service as this service acting for the job's district; null when it does not answer or refuses. */
  private async ask<T>(subject: string, data: unknown, timeoutMs = ASK_TIMEOUT_MS): Promise<T | null> {
    const callerToken = await this.tokens.sign({
      kind: 'system', id: 'activities:archive', displayName: 'archive', assignments: [{ role: 'district_admin', districtId: this.job.districtId }],
    }, 120);
    try {
      return await this.bus.request<T>(subject, data, { callerToken, timeoutMs });
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }
}

/** A stream of the generator's text as UTF-8 bytes (a Readable of strings would be in object mode). */
function bytes(lines: AsyncIterable<string>): Readable {
  return Readable.from((async function* encode(): AsyncGenerator<Buffer> {
    for await (const line of lines) yield Buffer.from(line, 'utf8');
  })(), { objectMode: false });
}

/** A file name safe inside a zip on every system: no path separators or control characters, at most 100 characters. */
export const safeName = (name: string): string => name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(-100) || 'file';
