import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import {
  ActivitiesSubjects, EVENTS_STREAM, MembershipEvents, type ArchiveView, type BriefingDetailView, type DomainEvent, type Page, type RoleAssignment,
  type StoredDownloadView,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, createFileStore, loadKitConfig, type FileStore } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import yauzl from 'yauzl';
import { DataSource } from 'typeorm';

/*
 * Briefings and the semester archive against real PostgreSQL, NATS and the NATS object store. The world
 * is one alliance of three schools (and a foreign district) in term 2025-2026-2, all in the past: an
 * approved village plan with milestones done on time, late and never, an evidence file, a weekly
 * session with registrations and check-ins, minutes with an action item. The other four services are
 * not running: their sections must say not available, and nothing fails for it.
 */
describe('briefings and term archives over the bus', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let bus: BusClient;
  let tokens: CallerTokens;
  let db: DataSource;
  let files: FileStore;

  const TERM = '2025-2026-2';
  const districtA = randomUUID();
  const districtB = randomUUID();
  const allianceA = randomUUID();
  const allianceB = randomUUID();
  const core = randomUUID();
  const village = randomUUID();
  const township = randomUUID();
  const foreignSchool = randomUUID();

  type Who = { id: string; assignments: RoleAssignment[] };
  const who = {
    districtAdmin: { id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtA }] },
    allianceAdmin: { id: randomUUID(), assignments: [{ role: 'alliance_admin', districtId: districtA, allianceId: allianceA }] },
    villageAdmin: { id: randomUUID(), assignments: [{ role: 'school_admin', districtId: districtA, schoolId: village }] },
    foreignAdmin: { id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtB }] },
    platform: { id: randomUUID(), assignments: [{ role: 'platform_admin', districtId: '*' }] },
  } satisfies Record<string, Who>;

  const ask = async <T>(as: Who, subject: string, data: unknown): Promise<T> =>
    bus.request<T>(subject, data, { callerToken: await tokens.sign({ kind: 'user', id: as.id, displayName: '联盟秘书处', assignments: as.assignments }, 300), timeoutMs: 30_000 });
  const event = (subject: string, districtId: string, data: object): DomainEvent => ({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data });
  const joined = (allianceId: string, districtId: string, schoolId: string, schoolName: string): DomainEvent =>
    event(MembershipEvents.memberJoined, districtId, { membershipId: randomUUID(), allianceId, districtId, schoolId, schoolName, role: 'member', joinedAt: new Date().toISOString() });
  const count = async (table: string): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  // larger than any evidence the gateway takes, so that holding it in memory cannot hide in a loaded machine's noise
  const evidenceBytes = randomBytes(96 * 1024 * 1024);
  let weekly: string;

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'activities_archives_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';
    process.env['ARCHIVE_POLL_MS'] = '200';
    process.env['ARCHIVE_STALE_MS'] = '2000';
    const { AppModule } = await import('../app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'activities' }, logger: false,
    });
    await app.listen();
    db = app.get(DataSource);
    nc = await connect({ servers: servers.natsUrl });
    bus = new BusClient(nc, 30_000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);
    files = createFileStore(nc);
    const js = jetstream(nc);
    for (const e of [
      event(MembershipEvents.allianceCreated, districtA, { allianceId: allianceA, districtId: districtA, name: '临溪教联体', kind: 'integrated', coreSchoolId: core }),
      joined(allianceA, districtA, core, '清溪县实验小学'), joined(allianceA, districtA, village, '下湾村小学'), joined(allianceA, districtA, township, '临溪镇中心小学'),
      event(MembershipEvents.allianceActivated, districtA, { allianceId: allianceA, districtId: districtA }),
      event(MembershipEvents.allianceCreated, districtB, { allianceId: allianceB, districtId: districtB, name: '外县联盟', kind: 'alliance', coreSchoolId: foreignSchool }),
      joined(allianceB, districtB, foreignSchool, '外县小学'),
      event(MembershipEvents.allianceActivated, districtB, { allianceId: allianceB, districtId: districtB }),
    ]) await js.publish(e.subject, JSON.stringify(e), { msgID: e.id });
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const info = await jsm.consumers.info(EVENTS_STREAM, 'activities-directory').catch(() => undefined);
      if (info && info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > deadline) throw new Error('the directory did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
    await seedTerm();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
  });

  async function seedTerm(): Promise<void> {
    const [{ id: plan }] = await db.query(
      `INSERT INTO work_plan (district_id, alliance_id, school_id, term, title, goals, measures, owner_name, status, created_by)
       VALUES ($1, $2, $3, $4, '下湾村小学学期工作计划', '数学课堂质量提升', '跟岗学习、送教下乡', '王校长', 'approved', 'test') RETURNING id`,
      [districtA, allianceA, village, TERM],
    );
    const [{ id: target }] = await db.query(
      `INSERT INTO plan_target (plan_id, position, title, assignees) VALUES ($1, 0, '提升村小数学课堂教学质量', '[]') RETURNING id`, [plan],
    );
    const milestone = async (title: string, dueOn: string, completedOn: string | null): Promise<string> => (await db.query(
      `INSERT INTO plan_milestone (target_id, plan_id, title, due_on, expected_result, status, percent, completed_on)
       VALUES ($1, $2, $3, $4, '课例视频', $5, $6, $7) RETURNING id`,
      [target, plan, title, dueOn, completedOn ? 'done' : 'in_progress', completedOn ? 100 : 40, completedOn],
    ))[0].id;
    const march = await milestone('三月送教下乡', '2026-03-31', '2026-03-28');
    await milestone('四月同课异构', '2026-04-30', '2026-05-06');
    await milestone('六月汇报课', '2026-06-30', null);
    const key = `activities/plan-evidence/${randomUUID()}`;
    await files.put(Readable.from([evidenceBytes]), { key, filename: '送教下乡课例.mp4', contentType: 'video/mp4', maxBytes: 128 * 1024 * 1024 });
    await db.query(
      `INSERT INTO plan_evidence (milestone_id, kind, title, verified, file_key, file_size, added_by_id, added_by) VALUES ($1, 'file', '送教下乡课例.mp4', true, $2, $3, 'test', '王校长')`,
      [march, key, evidenceBytes.length],
    );
    const [{ id }] = await db.query(
      `INSERT INTO activity (district_id, alliance_id, organiser_school_id, kind, title, starts_at, ends_at, place_kind, place_url, audience, recurrence,
                             last_occurrence_at, status, created_by)
       VALUES ($1, $2, $3, 'online_session', '每周线上教研', '2026-03-03T01:00:00Z', '2026-03-03T02:00:00Z', 'online', 'https://meeting.example.org/j/1', $4, $5,
               '2026-03-24T01:00:00Z', 'scheduled', 'test') RETURNING id`,
      [districtA, allianceA, core, JSON.stringify({ teachers: true, studentGrades: [], parents: false }), JSON.stringify({ freq: 'weekly', interval: 1, count: 4 })],
    );
    weekly = id;
    const register = (occurrence: string, school: string, name: string, checkedIn: boolean): Promise<unknown> => db.query(
      `INSERT INTO registration (activity_id, occurrence_start, school_id, participant_kind, participant_name, status, registered_by, checked_in_at)
       VALUES ($1, $2, $3, 'teacher', $4, 'registered', 'test', $5)`, [weekly, new Date(occurrence), school, name, checkedIn ? new Date(occurrence) : null],
    );
    for (let i = 0; i < 5; i += 1) await register('2026-03-03T01:00:00Z', village, `村小教师${i}`, true);
    await register('2026-03-10T01:00:00Z', village, '李老师', false);
    await register('2026-03-10T01:00:00Z', township, '=HYPERLINK("x")', false);
    const [{ id: minutes }] = await db.query(
      `INSERT INTO minutes (activity_id, occurrence_start, summary, decisions, recorded_by) VALUES ($1, '2026-03-03T01:00:00Z', '研讨村小数学课堂，形成三条改进意见', '["每月一次同课异构"]', 'test') RETURNING id`,
      [weekly],
    );
    await db.query(
      `INSERT INTO action_item (minutes_id, activity_id, alliance_id, district_id, title, owner_name, owner_school_id, due_on, done_at)
       VALUES ($1, $2, $3, $4, '整理课例视频', '李老师', $5, '2026-03-20', '2026-03-18T08:00:00Z')`,
      [minutes, weekly, allianceA, districtA, village],
    );
  }

  describe('briefings', () => {
    let issued: BriefingDetailView;

    it('issues an alliance briefing of a term to the alliance admin: activities counted, plans, highlights, the other services marked not available', async () => {
      issued = await ask<BriefingDetailView>(who.allianceAdmin, ActivitiesSubjects.briefingCreate, { scope: 'alliance', allianceId: allianceA, term: TERM });
      expect(issued).toMatchObject({
        scope: 'alliance', allianceId: allianceA, districtId: districtA, scopeName: '临溪教联体', periodKind: 'term', period: TERM, from: '2026-02-01', to: '2026-07-31',
        term: TERM, title: '临溪教联体2025-2026学年第二学期工作简报', issuedBy: '联盟秘书处',
      });
      const activities = issued.content.services.find((s) => s.service === 'activities')!;
      const figure = (key: string): unknown => activities.figures.find((f) => f.key === key);
      // four weekly sessions in March, none cancelled
      expect(figure('activities.joint-activities.held')).toEqual({ key: 'activities.joint-activities.held', unit: 'count', value: 4 });
      expect(figure('activities.check-in-rate')).toEqual({ key: 'activities.check-in-rate', unit: 'rate', value: 0.7143, numerator: 5, denominator: 7 });
      expect(figure('activities.minutes.recorded')).toMatchObject({ value: 1 });
      expect(figure('activities.action-items.done')).toMatchObject({ value: 1 });
      // March on time, April late, June never: 1 of 3 on time, 2 completed within the term
      expect(figure('activities.plans.milestones-on-time')).toEqual({ key: 'activities.plans.milestones-on-time', unit: 'rate', value: 0.3333, numerator: 1, denominator: 3 });
      expect(issued.content.plans).toMatchObject({ plans: 1, byStatus: { approved: 1 }, milestones: 3, completedInPeriod: 2, overdue: 1 });
      expect(issued.content.services.filter((s) => !s.available).map((s) => s.service)).toEqual(['membership', 'teacher-exchange', 'curriculum', 'assessment']);
      expect(issued.content.evaluation).toEqual({ available: false, bySteps: {}, rows: [] });
      expect(issued.content.schools.map((s) => s.name).sort()).toEqual(['下湾村小学', '临溪镇中心小学', '清溪县实验小学'].sort());
      expect(issued.content.highlights).toEqual(expect.arrayContaining([
        { kind: 'milestones-completed', name: '', value: 2 },
        { kind: 'best-check-in', name: '下湾村小学', value: 0.8333 },
        { kind: 'most-activities', name: '清溪县实验小学', value: 4 },
      ]));
      expect(await db.query('SELECT action FROM audit_log WHERE entity_id = $1', [issued.id])).toEqual([{ action: 'briefing.issued' }]);
    }, 60_000);

    it('keeps the PDF and xlsx in the file store and never changes an issued briefing when the data changes', async () => {
      const pdf = await ask<StoredDownloadView>(who.villageAdmin, ActivitiesSubjects.briefingDownload, { id: issued.id, format: 'pdf' });
      expect(pdf.filename).toBe('临溪教联体2025-2026学年第二学期工作简报.pdf');
      const stored = await files.get(pdf.key);
      expect(stored?.file.contentType).toBe('application/pdf');
      const head = (await stored!.stream.toArray() as Buffer[])[0]!;
      expect(head.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const xlsx = await ask<StoredDownloadView>(who.allianceAdmin, ActivitiesSubjects.briefingDownload, { id: issued.id, format: 'xlsx' });
      expect((await files.get(xlsx.key))?.file.size).toBeGreaterThan(1000);

      await db.query(`UPDATE registration SET checked_in_at = occurrence_start WHERE activity_id = $1`, [weekly]);
      const again = await ask<BriefingDetailView>(who.allianceAdmin, ActivitiesSubjects.briefingGet, { id: issued.id });
      expect(again).toEqual(issued);
      await db.query(`UPDATE registration SET checked_in_at = NULL WHERE activity_id = $1 AND participant_name IN ('李老师', '=HYPERLINK("x")')`, [weekly]);
    });

    it('lets a member school read its alliance briefing but not issue one, and hides it from another district', async () => {
      const before = await count('briefing');
      await expect(ask(who.villageAdmin, ActivitiesSubjects.briefingCreate, { scope: 'alliance', allianceId: allianceA, quarter: '2026-Q1' }))
        .rejects.toMatchObject({ kind: 'forbidden', code: 'activities.briefing.forbidden' });
      await expect(ask(who.foreignAdmin, ActivitiesSubjects.briefingCreate, { scope: 'alliance', allianceId: allianceA, quarter: '2026-Q1' }))
        .rejects.toMatchObject({ kind: 'not-found' });
      await expect(ask(who.allianceAdmin, ActivitiesSubjects.briefingCreate, { scope: 'district', districtId: districtA, quarter: '2026-Q1' }))
        .rejects.toMatchObject({ kind: 'forbidden' });
      await expect(ask(who.allianceAdmin, ActivitiesSubjects.briefingCreate, { scope: 'alliance', allianceId: allianceA, quarter: '2026-Q1', term: TERM }))
        .rejects.toMatchObject({ kind: 'validation-failed', code: 'activities.briefing.period-one' });
      expect(await count('briefing')).toBe(before);

      const seen = await ask<Page<{ id: string }>>(who.villageAdmin, ActivitiesSubjects.briefingList, {});
      expect(seen.items.map((b) => b.id)).toEqual([issued.id]);
      expect((await ask<Page<{ id: string }>>(who.foreignAdmin, ActivitiesSubjects.briefingList, {})).items).toEqual([]);
      await expect(ask(who.foreignAdmin, ActivitiesSubjects.briefingGet, { id: issued.id })).rejects.toMatchObject({ kind: 'not-found' });
      await expect(ask(who.foreignAdmin, ActivitiesSubjects.briefingDownload, { id: issued.id, format: 'pdf' })).rejects.toMatchObject({ kind: 'not-found' });
    });

    it('issues a district briefing of a quarter to the district admin, which member schools do not see', async () => {
      const district = await ask<BriefingDetailView>(who.districtAdmin, ActivitiesSubjects.briefingCreate, { scope: 'district', districtId: districtA, quarter: '2026-Q1' });
      expect(district).toMatchObject({ scope: 'district', allianceId: null, scopeName: '本区县', from: '2026-01-01', to: '2026-03-31', term: TERM, title: '本区县2026年第一季度工作简报' });
      expect(district.content.services[0]!.figures.find((f) => f.key === 'activities.joint-activities.held')).toMatchObject({ value: 4 });
      await expect(ask(who.villageAdmin, ActivitiesSubjects.briefingGet, { id: district.id })).rejects.toMatchObject({ kind: 'not-found' });
      const list = await ask<Page<{ id: string }>>(who.districtAdmin, ActivitiesSubjects.briefingList, { scope: 'district' });
      expect(list.items.map((b) => b.id)).toEqual([district.id]);
    }, 60_000);
  });

  describe('term archives', () => {
    const waitFor = async (id: string, as: Who = who.allianceAdmin): Promise<{ final: ArchiveView; seen: number[] }> => {
      const seen: number[] = [];
      const deadline = Date.now() + 90_000;
      for (;;) {
        const job = await ask<ArchiveView>(as, ActivitiesSubjects.archiveGet, { id });
        seen.push(job.progress);
        if (job.status === 'done' || job.status === 'failed') return { final: job, seen };
        if (Date.now() > deadline) throw new Error(`archive ${id} still ${job.status} at ${job.progress}%`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    const unzip = async (key: string): Promise<Map<string, Buffer>> => {
      const found = await files.get(key);
      const zipBytes = Buffer.concat(await found!.stream.toArray() as Buffer[]);
      return new Promise((resolve, reject) => {
        yauzl.fromBuffer(zipBytes, { lazyEntries: true }, (error, zip) => {
          if (error || !zip) return reject(error);
          const out = new Map<string, Buffer>();
          zip.on('entry', (entry: yauzl.Entry) => {
            zip.openReadStream(entry, (err, stream) => {
              if (err || !stream) return reject(err);
              const chunks: Buffer[] = [];
              stream.on('data', (c: Buffer) => chunks.push(c));
              stream.on('end', () => { out.set(entry.fileName, Buffer.concat(chunks)); zip.readEntry(); });
            });
          });
          zip.on('end', () => resolve(out));
          zip.readEntry();
        });
      });
    };

    let archive: ArchiveView;

    it('builds the alliance archive in the background with its progress recorded, streaming a 96 MB evidence file through without holding it', async () => {
      // live memory, not garbage waiting for the collector (this process runs the service: the builder's memory is ours)
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      const live = (): number => { gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
      const baseline = live();
      let peak = 0;
      const sampler = setInterval(() => { peak = Math.max(peak, live() - baseline); }, 500);
      const queued = await ask<ArchiveView>(who.allianceAdmin, ActivitiesSubjects.archiveCreate, { scope: 'alliance', allianceId: allianceA, term: TERM });
      expect(queued).toMatchObject({ scope: 'alliance', allianceId: allianceA, term: TERM, scopeName: '临溪教联体', requestedBy: '联盟秘书处' });
      expect(['queued', 'running']).toContain(queued.status);
      await expect(ask(who.allianceAdmin, ActivitiesSubjects.archiveCreate, { scope: 'alliance', allianceId: allianceA, term: TERM }))
        .rejects.toMatchObject({ kind: 'conflict', code: 'activities.archive.running' });
      const { final, seen } = await waitFor(queued.id);
      clearInterval(sampler);
      archive = final;
      expect(final).toMatchObject({ status: 'done', progress: 100, error: null, attempts: 1, entries: 12 });
      expect(final.size).toBeGreaterThan(evidenceBytes.length);
      // progress rose through the steps and never went back
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      // holding the evidence file, or the zip it went into, would add 96 MB or more; what else a loaded machine
      // adds between two samples (client buffers, garbage of the CSV pages) has stayed under 60 MB
      expect(peak).toBeLessThan(64 * 1024 * 1024);
      expect(await db.query('SELECT action FROM audit_log WHERE entity_id = $1', [queued.id])).toEqual([{ action: 'archive.requested' }]);
    }, 120_000);

    it('holds the term\'s records as CSV, the evidence file byte for byte, and a README naming what is not available', async () => {
      const download = await ask<StoredDownloadView>(who.allianceAdmin, ActivitiesSubjects.archiveDownload, { id: archive.id });
      expect(download.filename).toBe('临溪教联体-2025-2026-2-学期归档.zip');
      const entries = await unzip(download.key);
      const names = [...entries.keys()];
      expect(names.filter((n) => !n.startsWith('plans/evidence/'))).toEqual([
        'activities/activities.csv', 'attendance/registrations.csv', 'minutes/minutes.csv', 'minutes/action-items.csv', 'plans/plans.csv',
        'plans/milestones.csv', 'plans/progress.csv', 'plans/evidence.csv', 'placements/placements.csv', 'evaluations/status.csv', 'README.txt',
      ]);
      const evidence = names.find((n) => n.startsWith('plans/evidence/'))!;
      expect(evidence).toMatch(/送教下乡课例\.mp4$/);
      const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
      expect(sha(entries.get(evidence)!)).toBe(sha(evidenceBytes));
      const registrations = entries.get('attendance/registrations.csv')!.toString('utf8');
      expect(registrations.startsWith('\uFEFF报名ID,活动,活动时间,学校')).toBe(true);
      expect(registrations.split('\r\n').filter(Boolean)).toHaveLength(1 + 7);
      // a name that looks like a formula is written as text
      expect(registrations).toContain(`"'=HYPERLINK(""x"")"`);
      expect(entries.get('plans/milestones.csv')!.toString('utf8')).toContain('四月同课异构');
      expect(entries.get('minutes/action-items.csv')!.toString('utf8')).toContain('整理课例视频');
      const readme = entries.get('README.txt')!.toString('utf8');
      expect(readme).toContain('临溪教联体 2025-2026-2 学期归档');
      expect(readme).toMatch(/placements\/: .*未应答/);
      expect(readme).toMatch(/evaluations\/: /);
      expect(readme).toMatch(/exams\/: /);
      expect(readme).toMatch(/surveys\/: /);
      // nothing of the foreign district
      expect([...entries.values()].some((b) => b.toString('utf8').includes('外县'))).toBe(false);
    }, 60_000);

    it('lists archives per term for the admins only; a school and another district get 404', async () => {
      const list = await ask<Page<ArchiveView>>(who.districtAdmin, ActivitiesSubjects.archiveList, { term: TERM });
      expect(list.items.map((a) => a.id)).toEqual([archive.id]);
      expect((await ask<Page<ArchiveView>>(who.allianceAdmin, ActivitiesSubjects.archiveList, { term: '2026-2027-1' })).items).toEqual([]);
      expect((await ask<Page<ArchiveView>>(who.villageAdmin, ActivitiesSubjects.archiveList, {})).items).toEqual([]);
      await expect(ask(who.villageAdmin, ActivitiesSubjects.archiveDownload, { id: archive.id })).rejects.toMatchObject({ kind: 'not-found' });
      await expect(ask(who.foreignAdmin, ActivitiesSubjects.archiveGet, { id: archive.id })).rejects.toMatchObject({ kind: 'not-found' });
      const before = await count('archive_job');
      await expect(ask(who.villageAdmin, ActivitiesSubjects.archiveCreate, { scope: 'alliance', allianceId: allianceA, term: TERM })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(ask(who.foreignAdmin, ActivitiesSubjects.archiveCreate, { scope: 'district', districtId: districtA, term: TERM })).rejects.toMatchObject({ kind: 'not-found' });
      // the platform reaches every district, but not one no service has heard of
      await expect(ask(who.platform, ActivitiesSubjects.archiveCreate, { scope: 'district', districtId: randomUUID(), term: TERM })).rejects.toMatchObject({ kind: 'not-found' });
      await expect(ask(who.platform, ActivitiesSubjects.briefingCreate, { scope: 'district', districtId: randomUUID(), term: TERM })).rejects.toMatchObject({ kind: 'not-found' });
      expect(await count('archive_job')).toBe(before);
    });

    it('takes up a job whose process died (stale heartbeat) and finishes it; fails one interrupted too often with the reason', async () => {
      const insert = async (allianceId: string | null, attempts: number): Promise<string> => (await db.query(
        `INSERT INTO archive_job (district_id, alliance_id, scope, scope_name, term, status, progress, attempts, worker, heartbeat_at, started_at,
                                  requested_by_id, requested_by, caller)
         VALUES ($1, $2, $3, '临溪教联体', $4, 'running', 37, $5, 'dead-host/1', now() - interval '10 minutes', now() - interval '11 minutes', 'x', '联盟秘书处', '{}')
         RETURNING id`,
        [districtA, allianceId, allianceId ? 'alliance' : 'district', allianceId ? '2026-2027-1' : TERM, attempts],
      ))[0].id;
      const interrupted = await insert(allianceA, 1);
      const hopeless = await insert(null, 3);
      const resumed = await waitFor(interrupted);
      expect(resumed.final).toMatchObject({ status: 'done', progress: 100, attempts: 2, error: null });
      const failed = await waitFor(hopeless, who.districtAdmin);
      expect(failed.final).toMatchObject({ status: 'failed', attempts: 3 });
      expect(failed.final.error).toMatch(/interrupted 3 times/);
      await expect(ask(who.districtAdmin, ActivitiesSubjects.archiveDownload, { id: hopeless }))
        .rejects.toMatchObject({ kind: 'conflict', code: 'activities.archive.not-ready' });
    }, 120_000);
  });
});
