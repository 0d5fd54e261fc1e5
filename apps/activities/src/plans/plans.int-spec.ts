import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import {
  ActivitiesSubjects, EVENTS_STREAM, MembershipEvents, termFactsSubject, type DomainEvent, type MilestoneListItemView, type MilestoneView, type Page,
  type PlanDetailView, type PlanView, type RoleAssignment, type TermFactsView,
} from '@jiaolian/contracts';
import { BusClient, CallerTokens, loadKitConfig } from '@jiaolian/service-kit';
import { createDatabase, testServers } from '@jiaolian/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/*
 * Work plans against real PostgreSQL and NATS: who sees and changes which plan, the review flow, progress
 * with evidence links, the completion assessment with its audit, and the term facts the evaluation reads.
 * The term is 2025-2026-2 (February to July 2026), all of it in the past, so that on time and late are
 * settled facts; activities of that term are written as rows, since registration closes once an
 * occurrence is over.
 */
describe('work plans over the bus', () => {
  let app: INestMicroservice;
  let nc: NatsConnection;
  let bus: BusClient;
  let tokens: CallerTokens;
  let db: DataSource;

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
    townshipAdmin: { id: randomUUID(), assignments: [{ role: 'school_admin', districtId: districtA, schoolId: township }] },
    villageTeacher: { id: randomUUID(), assignments: [{ role: 'teacher', districtId: districtA, schoolId: village }] },
    foreignAdmin: { id: randomUUID(), assignments: [{ role: 'district_admin', districtId: districtB }] },
  } satisfies Record<string, Who>;

  const ask = async <T>(as: Who, subject: string, data: unknown): Promise<T> =>
    bus.request<T>(subject, data, { callerToken: await tokens.sign({ kind: 'user', id: as.id, displayName: as.id.slice(0, 8), assignments: as.assignments }, 300) });
  const event = (subject: string, districtId: string, data: object): DomainEvent => ({ id: randomUUID(), subject, occurredAt: new Date().toISOString(), districtId, data });
  const joined = (allianceId: string, districtId: string, schoolId: string, schoolName: string): DomainEvent =>
    event(MembershipEvents.memberJoined, districtId, { membershipId: randomUUID(), allianceId, districtId, schoolId, schoolName, role: 'member', joinedAt: new Date().toISOString() });
  const count = async (table: string): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    const servers = testServers();
    process.env['DATABASE_URL'] = await createDatabase(servers.postgresAdminUrl, 'activities_plans_it');
    process.env['NATS_URL'] = servers.natsUrl;
    process.env['HEALTH_PORT'] = '0';
    process.env['LOG_LEVEL'] = 'silent';
    const { AppModule } = await import('../app.module.js');
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
      transport: Transport.NATS, options: { servers: servers.natsUrl, queue: 'activities' }, logger: false,
    });
    await app.listen();
    db = app.get(DataSource);
    nc = await connect({ servers: servers.natsUrl });
    bus = new BusClient(nc, 10_000);
    tokens = new CallerTokens(loadKitConfig().jwtSecret);
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
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await nc?.drain();
  });

  const planInput = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    allianceId: allianceA, schoolId: village, term: TERM, title: '下湾村小学 2025-2026 学年第二学期工作计划',
    goals: '数学课堂教学质量明显提升', measures: '跟岗学习、送教下乡、同步教研', ownerName: '王校长', ownerUserId: who.villageAdmin.id, ...over,
  });
  const target = (milestones: { title: string; dueOn: string }[]): Record<string, unknown> => ({
    title: '提升村小数学课堂教学质量', assignees: [{ kind: 'subject_group', name: '数学教研组' }, { kind: 'teacher', name: '李老师', userId: who.villageTeacher.id }],
    milestones: milestones.map((m) => ({ ...m, expectedResult: '课例视频与听评课记录' })),
  });

  let villagePlan: PlanDetailView;
  let alliancePlan: PlanDetailView;
  let townshipPlan: PlanDetailView;

  it('lets the village head write the school plan and the alliance admin the alliance plan; the school head cannot write the alliance plan', async () => {
    villagePlan = await ask<PlanDetailView>(who.villageAdmin, ActivitiesSubjects.planCreate, planInput());
    expect(villagePlan).toMatchObject({
      level: 'school', status: 'draft', term: TERM, school: { id: village, name: '下湾村小学' }, alliance: { id: allianceA, name: '临溪教联体' },
      can: { edit: true, review: false, report: true }, targets: [],
    });
    alliancePlan = await ask<PlanDetailView>(who.allianceAdmin, ActivitiesSubjects.planCreate, planInput({ schoolId: undefined, title: '临溪教联体学期工作计划', ownerUserId: who.allianceAdmin.id }));
    expect(alliancePlan).toMatchObject({ level: 'alliance', school: null, can: { edit: true, review: false } });
    townshipPlan = await ask<PlanDetailView>(who.townshipAdmin, ActivitiesSubjects.planCreate, planInput({ schoolId: township, title: '临溪镇中心小学计划', ownerUserId: who.townshipAdmin.id }));
    const before = await count('work_plan');
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planCreate, planInput({ schoolId: undefined, term: '2026-2027-1' })))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'activities.plan.create-forbidden' });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planCreate, planInput({ schoolId: township, term: '2026-2027-1' })))
      .rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planCreate, planInput()))
      .rejects.toMatchObject({ kind: 'conflict', code: 'activities.plan.exists' });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.planCreate, planInput({ schoolId: foreignSchool, term: '2026-2027-1' })))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'schoolId' })] });
    await expect(ask(who.foreignAdmin, ActivitiesSubjects.planCreate, planInput({ term: '2026-2027-1' }))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.planCreate, planInput({ term: '2026-2028-1' })))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'term' })] });
    expect(await count('work_plan')).toBe(before);
    expect(await db.query('SELECT action FROM audit_log WHERE entity_id = $1', [villagePlan.id])).toEqual([{ action: 'plan.created' }]);
  });

  it('shows each school its own plan and the alliance plan, never another school\'s; other districts see nothing', async () => {
    const ids = (page: Page<PlanView>): string[] => page.items.map((p) => p.id).sort();
    expect(ids(await ask(who.villageAdmin, ActivitiesSubjects.planList, { term: TERM }))).toEqual([villagePlan.id, alliancePlan.id].sort());
    expect(ids(await ask(who.villageTeacher, ActivitiesSubjects.planList, {}))).toEqual([villagePlan.id, alliancePlan.id].sort());
    expect(ids(await ask(who.allianceAdmin, ActivitiesSubjects.planList, {}))).toEqual([villagePlan.id, alliancePlan.id, townshipPlan.id].sort());
    expect(ids(await ask(who.allianceAdmin, ActivitiesSubjects.planList, { level: 'school', q: '临溪镇' }))).toEqual([townshipPlan.id]);
    expect((await ask<Page<PlanView>>(who.foreignAdmin, ActivitiesSubjects.planList, {})).total).toBe(0);
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planGet, { id: townshipPlan.id })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask(who.foreignAdmin, ActivitiesSubjects.planGet, { id: villagePlan.id })).rejects.toMatchObject({ kind: 'not-found' });
    const read = await ask<PlanDetailView>(who.villageAdmin, ActivitiesSubjects.planGet, { id: alliancePlan.id });
    expect(read.can).toEqual({ edit: false, review: false, report: false });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planUpdate, { id: alliancePlan.id, changes: { title: '改' } }))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'activities.plan.edit-forbidden' });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planTargetAdd, { id: townshipPlan.id, body: target([]) })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('adds targets with milestones inside the term only, and refuses to submit a plan without milestones', async () => {
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'submit' } }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'activities.plan.empty' });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planTargetAdd, { id: villagePlan.id, body: target([{ title: '越界', dueOn: '2026-08-01' }]) }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'milestones.0.dueOn' })] });
    expect(await count('plan_target')).toBe(0);
    villagePlan = await ask<PlanDetailView>(who.villageAdmin, ActivitiesSubjects.planTargetAdd, {
      id: villagePlan.id,
      body: target([{ title: '三月：跟岗学习两周', dueOn: '2026-03-31' }, { title: '四月：送教下乡两次', dueOn: '2026-04-30' }, { title: '六月：期末同步检测', dueOn: '2026-06-30' }]),
    });
    expect(villagePlan.targets).toHaveLength(1);
    expect(villagePlan.targets[0]!.assignees).toEqual([
      { kind: 'subject_group', name: '数学教研组', userId: null }, { kind: 'teacher', name: '李老师', userId: who.villageTeacher.id },
    ]);
    expect(villagePlan.targets[0]!.milestones.map((m) => [m.dueOn, m.ownerName, m.status, m.overdue])).toEqual([
      ['2026-03-31', '王校长', 'not_started', false], ['2026-04-30', '王校长', 'not_started', false], ['2026-06-30', '王校长', 'not_started', false],
    ]);
    alliancePlan = await ask<PlanDetailView>(who.allianceAdmin, ActivitiesSubjects.planTargetAdd, {
      id: alliancePlan.id, body: target([{ title: '联盟教研月', dueOn: '2026-05-31' }]),
    });
  });

  it('runs the flow: submit, approve by the reviewer only, illegal steps answer 409, and nothing changes after a refusal', async () => {
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'approve' } }))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'activities.plan.review-forbidden' });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'approve' } }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'activities.plan.illegal-transition', params: { planStatus: 'draft', planAction: 'approve' } });
    await ask(who.villageAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'submit' } });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'return', comment: '  ' } }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'comment' })] });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planTargetAdd, { id: villagePlan.id, body: target([]) }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'activities.plan.not-draft' });
    const approved = await ask<PlanDetailView>(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'approve' } });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: who.allianceAdmin.id.slice(0, 8) });
    // an alliance plan is approved by the district admin, not by the alliance admin who wrote it
    await ask(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: alliancePlan.id, body: { action: 'submit' } });
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: alliancePlan.id, body: { action: 'approve' } }))
      .rejects.toMatchObject({ kind: 'forbidden' });
    await ask(who.districtAdmin, ActivitiesSubjects.planTransition, { id: alliancePlan.id, body: { action: 'approve' } });
    expect(await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at`, [villagePlan.id]))
      .toEqual([{ action: 'plan.created' }, { action: 'plan.submitted' }, { action: 'plan.approved' }]);
    expect(await db.query(`SELECT subject FROM outbox_event WHERE envelope->'data'->>'planId' = $1 ORDER BY created_at`, [villagePlan.id]))
      .toEqual([{ subject: 'evt.activities.plan.status-changed.v1' }, { subject: 'evt.activities.plan.status-changed.v1' }]);
  });

  it('records progress with evidence links: done on time, done late, and refuses a link to an activity the caller cannot see', async () => {
    const [march, april] = villagePlan.targets[0]!.milestones;
    const foreignActivity = await insertActivity(districtB, allianceB, foreignSchool, '外县活动', new Date('2026-03-10T01:00:00Z'), null);
    const ownActivity = await insertActivity(districtA, allianceA, core, '跟岗学习启动会', new Date('2026-03-02T01:00:00Z'), null);
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planProgressReport, {
      id: march!.id, body: { percent: 100, status: 'done', comment: '完成', reportedOn: '2026-03-30', links: [{ kind: 'activity', refId: foreignActivity }] },
    })).rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'links.0.refId' })] });
    await expect(ask(who.townshipAdmin, ActivitiesSubjects.planProgressReport, { id: march!.id, body: { percent: 50, status: 'in_progress', comment: 'x' } }))
      .rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask(who.villageTeacher, ActivitiesSubjects.planProgressReport, { id: march!.id, body: { percent: 50, status: 'in_progress', comment: 'x' } }))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'activities.plan.report-forbidden' });
    expect(await count('milestone_progress')).toBe(0);
    const done = await ask<MilestoneView>(who.villageAdmin, ActivitiesSubjects.planProgressReport, {
      id: march!.id, body: { percent: 100, status: 'done', comment: '两周跟岗完成，听课 12 节', reportedOn: '2026-03-30', links: [{ kind: 'activity', refId: ownActivity }] },
    });
    expect(done).toMatchObject({ status: 'done', percent: 100, completedOn: '2026-03-30', onTime: true, overdue: false });
    expect(done.evidence).toEqual([expect.objectContaining({ kind: 'activity', refId: ownActivity, title: '跟岗学习启动会', verified: true })]);
    const late = await ask<MilestoneView>(who.villageAdmin, ActivitiesSubjects.planProgressReport, {
      id: april!.id, body: { percent: 100, status: 'done', comment: '第二次送教推迟', reportedOn: '2026-05-08' },
    });
    expect(late).toMatchObject({ completedOn: '2026-05-08', onTime: false });
    expect(await db.query(`SELECT action, before->>'status' AS before, after->>'status' AS after FROM audit_log WHERE entity_id = $1`, [april!.id]))
      .toEqual([{ action: 'plan.milestone.progressed', before: 'not_started', after: 'done' }]);
  });

  it('lists the overdue milestones for their owner and the alliance admin, never another school\'s', async () => {
    const mine = await ask<Page<MilestoneListItemView>>(who.villageAdmin, ActivitiesSubjects.planMilestoneList, { status: 'overdue', mine: true });
    expect(mine.items.map((m) => [m.title, m.overdue, m.school?.name])).toEqual([['六月：期末同步检测', true, '下湾村小学']]);
    expect(mine.items[0]!.daysOverdue).toBeGreaterThan(100);
    const admin = await ask<Page<MilestoneListItemView>>(who.allianceAdmin, ActivitiesSubjects.planMilestoneList, { status: 'overdue', allianceId: allianceA });
    expect(admin.items.map((m) => m.title).sort()).toEqual(['六月：期末同步检测', '联盟教研月'].sort());
    // the township head reads the alliance plan, but not the village school's
    expect((await ask<Page<MilestoneListItemView>>(who.townshipAdmin, ActivitiesSubjects.planMilestoneList, { status: 'overdue' })).items.map((m) => m.title)).toEqual(['联盟教研月']);
    expect((await ask<Page<MilestoneListItemView>>(who.villageAdmin, ActivitiesSubjects.planMilestoneList, { status: 'overdue', mine: true, term: '2026-2027-1' })).total).toBe(0);
  });

  it('assesses every target with audit of before and after, and closes only then', async () => {
    const targetId = villagePlan.targets[0]!.id;
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'close' } }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'activities.plan.unassessed', params: { count: 1 } });
    await expect(ask(who.villageAdmin, ActivitiesSubjects.planTargetAssess, { id: targetId, body: { rating: 'met', comment: '自评达成' } }))
      .rejects.toMatchObject({ kind: 'forbidden' });
    await ask(who.allianceAdmin, ActivitiesSubjects.planTargetAssess, { id: targetId, body: { rating: 'met', comment: '初评' } });
    const assessed = await ask<PlanDetailView>(who.allianceAdmin, ActivitiesSubjects.planTargetAssess, { id: targetId, body: { rating: 'partly', comment: '期末检测未完成' } });
    expect(assessed.targets[0]!.assessment).toMatchObject({ rating: 'partly', comment: '期末检测未完成' });
    const audit = await db.query(
      `SELECT before->>'rating' AS before, after->>'rating' AS after, actor_id FROM audit_log WHERE entity_id = $1 AND action = 'plan.target.assessed' ORDER BY at`, [targetId],
    );
    expect(audit).toEqual([{ before: null, after: 'met', actor_id: who.allianceAdmin.id }, { before: 'met', after: 'partly', actor_id: who.allianceAdmin.id }]);
    const closed = await ask<PlanDetailView>(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'close' } });
    expect(closed.status).toBe('closed');
    await expect(ask(who.allianceAdmin, ActivitiesSubjects.planTransition, { id: villagePlan.id, body: { action: 'close' } }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'activities.plan.illegal-transition' });
  });

  it('answers the term facts: milestones on time per school and alliance, activities held and attended, check-in rate', async () => {
    // a weekly session organised by the core school: four Tuesdays in March 2026, the third cancelled
    const weekly = await insertActivity(districtA, allianceA, core, '每周线上教研', new Date('2026-03-03T01:00:00Z'), { freq: 'weekly', interval: 1, count: 4 });
    await db.query(`INSERT INTO occurrence_cancellation (activity_id, occurrence_start, reason, cancelled_by) VALUES ($1, $2, '期中考试', 'test')`,
      [weekly, new Date('2026-03-17T01:00:00Z')]);
    const register = (occurrence: string, school: string, checkedIn: boolean): Promise<unknown> => db.query(
      `INSERT INTO registration (activity_id, occurrence_start, school_id, participant_kind, participant_name, status, registered_by, checked_in_at)
       VALUES ($1, $2, $3, 'teacher', '教师', 'registered', 'test', $4)`, [weekly, new Date(occurrence), school, checkedIn ? new Date(occurrence) : null],
    );
    await register('2026-03-03T01:00:00Z', village, true);
    await register('2026-03-03T01:00:00Z', village, true);
    await register('2026-03-10T01:00:00Z', village, false);
    await register('2026-03-24T01:00:00Z', village, true);
    await register('2026-03-10T01:00:00Z', township, false);

    const facts = await ask<TermFactsView>(who.districtAdmin, termFactsSubject('activities'), { districtId: districtA, term: TERM });
    const find = (key: string, where: Record<string, string>): unknown => facts.facts.filter((f) => f.key === key && Object.entries(where).every(([k, v]) => (f as unknown as Record<string, string>)[k] === v));
    // village: March on time, April late, June never done → 1 of 3
    expect(find('activities.plans.milestones-on-time', { schoolId: village })).toEqual([
      { key: 'activities.plans.milestones-on-time', schoolId: village, value: 0.3333, numerator: 1, denominator: 3 },
    ]);
    expect(find('activities.plans.milestones-on-time', { allianceId: allianceA })).toEqual([
      { key: 'activities.plans.milestones-on-time', allianceId: allianceA, value: 0, numerator: 0, denominator: 1 },
    ]);
    // the township plan is a draft: not a commitment, no figure
    expect(find('activities.plans.milestones-on-time', { schoolId: township })).toEqual([]);
    // the core school held 3 weekly sessions (one cancelled) and the one-off launch meeting
    expect(find('activities.joint-activities.held', { schoolId: core })).toEqual([{ key: 'activities.joint-activities.held', schoolId: core, value: 4 }]);
    expect(find('activities.joint-activities.attended', { schoolId: village })).toEqual([{ key: 'activities.joint-activities.attended', schoolId: village, value: 2 }]);
    expect(find('activities.joint-activities.attended', { schoolId: township })).toEqual([]);
    expect(find('activities.check-in-rate', { schoolId: village })).toEqual([{ key: 'activities.check-in-rate', schoolId: village, value: 0.75, numerator: 3, denominator: 4 }]);
    expect(find('activities.check-in-rate', { schoolId: township })).toEqual([{ key: 'activities.check-in-rate', schoolId: township, value: 0, numerator: 0, denominator: 1 }]);
    // nothing of district B leaks into district A's facts
    expect(facts.facts.some((f) => f.schoolId === foreignSchool || f.allianceId === allianceB)).toBe(false);

    const only = await ask<TermFactsView>(who.districtAdmin, termFactsSubject('activities'), { districtId: districtA, term: TERM, keys: ['activities.check-in-rate'] });
    expect(new Set(only.facts.map((f) => f.key))).toEqual(new Set(['activities.check-in-rate']));
    await expect(ask(who.villageAdmin, termFactsSubject('activities'), { districtId: districtA, term: TERM })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(who.foreignAdmin, termFactsSubject('activities'), { districtId: districtA, term: TERM })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ask(who.districtAdmin, termFactsSubject('activities'), { districtId: districtA, term: '2026-2025-1' }))
      .rejects.toMatchObject({ kind: 'validation-failed', errors: [expect.objectContaining({ field: 'term' })] });
  });

  async function insertActivity(districtId: string, allianceId: string, organiser: string, title: string, startsAt: Date, recurrence: object | null): Promise<string> {
    const last = recurrence ? new Date(startsAt.getTime() + 3 * 7 * 86400_000) : startsAt;
    const [{ id }]: { id: string }[] = await db.query(
      `INSERT INTO activity (district_id, alliance_id, organiser_school_id, kind, title, starts_at, ends_at, place_kind, place_url, audience, recurrence,
                             last_occurrence_at, status, created_by)
       VALUES ($1, $2, $3, 'online_session', $4, $5, $6, 'online', 'https://meeting.example.org/j/1', $7, $8, $9, 'scheduled', 'test') RETURNING id`,
      [districtId, allianceId, organiser, title, startsAt, new Date(startsAt.getTime() + 3600_000), JSON.stringify({ teachers: true, studentGrades: [], parents: false }),
        recurrence ? JSON.stringify(recurrence) : null, last],
    );
    return id;
  }
});
