import {
  EVENTS_STREAM, MembershipEvents, MembershipSubjects as S, type AllianceDetailView, type DistrictView, type DomainEvent, type JoinRequestView,
  type SchoolView,
} from '@jiaolian/contracts';
import {
  createLogger, createServiceDataSource, DIRECTORY_ENTITIES, DIRECTORY_MIGRATIONS, directorySubscription, DirectoryVersions1765200000100, EventConsumer,
  KitTables1764400000000, runMigrationsLocked, SERVICE_SCHEMAS, type DirectoryServiceName,
} from '@jiaolian/service-kit';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { givenAlliance, givenDistrict, givenSchool } from './test-support/factories.js';
import { startHarness, type Harness } from './test-support/harness.js';

/**
 * Every field another service copies from membership, changed through membership as a user would, and
 * each of the four services' directories compared with membership's own rows once the events settle.
 * The directories run here as each service runs them: its schema, the directory migrations and the
 * directory subscription on its durable consumer.
 */
const SERVICES: DirectoryServiceName[] = ['teacher-exchange', 'curriculum', 'activities', 'assessment'];

interface Copy {
  schools: { id: string; district_id: string; code: string | null; name: string }[];
  alliances: { id: string; district_id: string; name: string | null; kind: string | null; status: string; core_school_id: string | null }[];
  members: { alliance_id: string; school_id: string; role: string | null; active: boolean }[];
}

describe('membership → directories of the other services', () => {
  let h: Harness;
  let district: DistrictView;
  let admin: string;
  const directories = new Map<DirectoryServiceName, { dataSource: DataSource; consumer: EventConsumer }>();

  /** What membership holds of the district, in the shape of a directory (the latest period of each member). */
  const source = async (): Promise<Copy> => ({
    schools: (await h.db.query('SELECT id, district_id, code, name FROM membership.school WHERE district_id = $1 ORDER BY id', [district.id])).rows,
    alliances: (await h.db.query(
      'SELECT id, district_id, name, kind, status, core_school_id FROM membership.alliance WHERE district_id = $1 ORDER BY id', [district.id],
    )).rows,
    members: (await h.db.query(
      `SELECT alliance_id, school_id, role, active FROM (
         SELECT DISTINCT ON (m.alliance_id, m.school_id) m.alliance_id, m.school_id, m.role, m.left_at IS NULL AS active
           FROM membership.alliance_member m JOIN membership.alliance a ON a.id = m.alliance_id
          WHERE a.district_id = $1 ORDER BY m.alliance_id, m.school_id, m.joined_at DESC) latest
        ORDER BY alliance_id, school_id`,
      [district.id],
    )).rows,
  });

  const copyOf = async (service: DirectoryServiceName): Promise<Copy> => {
    const s = SERVICE_SCHEMAS[service];
    return {
      schools: (await h.db.query(`SELECT id, district_id, code, name FROM "${s}".directory_school WHERE district_id = $1 ORDER BY id`, [district.id])).rows,
      alliances: (await h.db.query(
        `SELECT id, district_id, name, kind, status, core_school_id FROM "${s}".directory_alliance WHERE district_id = $1 ORDER BY id`, [district.id],
      )).rows,
      members: (await h.db.query(
        `SELECT m.alliance_id, m.school_id, m.role, m.active FROM "${s}".directory_member m JOIN "${s}".directory_alliance a ON a.id = m.alliance_id
          WHERE a.district_id = $1 ORDER BY m.alliance_id, m.school_id`,
        [district.id],
      )).rows,
    };
  };

  /** Waits until membership has published everything and every directory consumer has applied it. */
  const settled = async (): Promise<void> => {
    const jsm = await jetstreamManager(h.nc);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await h.db.query('SELECT count(*)::int AS n FROM membership.outbox_event WHERE published_at IS NULL');
      const infos = await Promise.all(SERVICES.map((service) => jsm.consumers.info(EVENTS_STREAM, `${service}-directory`)));
      if (rows[0].n === 0 && infos.every((info) => info.num_pending === 0 && info.num_ack_pending === 0)) return;
      if (Date.now() > deadline) throw new Error('the directories did not catch up with membership');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const expectEveryDirectoryToMatch = async (): Promise<void> => {
    await settled();
    const expected = await source();
    for (const service of SERVICES) expect({ service, ...(await copyOf(service)) }).toEqual({ service, ...expected });
  };

  beforeAll(async () => {
    h = await startHarness('membership_directory_sync');
    const logger = createLogger('directory-sync-test', 'silent');
    for (const service of SERVICES) {
      const schema = SERVICE_SCHEMAS[service];
      const dataSource = createServiceDataSource({
        schema, url: h.databaseUrl, entities: DIRECTORY_ENTITIES, migrations: [KitTables1764400000000, ...DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100], poolSize: 2,
      });
      await runMigrationsLocked(dataSource, schema, h.databaseUrl);
      const consumer = new EventConsumer(dataSource, h.nc, directorySubscription(service), logger);
      await consumer.start();
      directories.set(service, { dataSource, consumer });
    }
    const platform = await h.systemToken();
    district = await givenDistrict(h, platform, '清溪县教育局');
    admin = await h.tokenFor([{ role: 'district_admin', districtId: district.id }]);
  });

  afterAll(async () => {
    const jsm = h ? await jetstreamManager(h.nc) : undefined;
    for (const [service, { dataSource, consumer }] of directories) {
      await consumer.stop();
      await dataSource.destroy();
      await jsm?.consumers.delete(EVENTS_STREAM, `${service}-directory`).catch(() => undefined);
    }
    await h?.close();
  });

  it('copies every projected field of schools, alliances and members, including renames, into all four directories', async () => {
    const core = await givenSchool(h, admin, district.id, { name: '清溪县实验小学', locale: 'urban' });
    const village = await givenSchool(h, admin, district.id, { name: '白沙乡中心小学', township: '白沙乡' });
    const leaver = await givenSchool(h, admin, district.id, { name: '溪口村小', township: '溪口乡' });
    const alliance = await givenAlliance(h, admin, district.id, core.id, 'alliance', '城关教育联盟');
    for (const school of [village, leaver]) {
      const invitation = await h.call<JoinRequestView>(S.allianceInvite, { id: alliance.id, body: { schoolId: school.id } }, admin);
      await h.call<JoinRequestView>(S.joinRequestRespond, { id: invitation.id, body: { decision: 'accept' } }, admin);
    }
    await h.call<AllianceDetailView>(S.allianceActivate, { id: alliance.id }, admin);
    const shortLived = await givenAlliance(h, admin, district.id, village.id, 'pairing', '白沙结对帮扶');
    await h.call<AllianceDetailView>(S.allianceActivate, { id: shortLived.id }, admin);
    await expectEveryDirectoryToMatch();

    // the changes: renames by the school's own head and by the alliance admin, a school leaving, an alliance dissolved
    const head = await h.tokenFor([{ role: 'school_admin', districtId: district.id, schoolId: village.id }]);
    const renamed = await h.call<SchoolView>(S.schoolUpdate, { id: village.id, changes: { name: '白沙乡九年一贯制学校', studentCount: 640 } }, head);
    expect(renamed.name).toBe('白沙乡九年一贯制学校');
    await h.call<SchoolView>(S.schoolUpdate, { id: core.id, changes: { name: '清溪县实验教育集团' } }, admin);
    await h.call<SchoolView>(S.schoolUpdate, { id: core.id, changes: { name: '清溪县第一实验小学' } }, admin);
    const secretariat = await h.tokenFor([{ role: 'alliance_admin', districtId: district.id, allianceId: alliance.id }]);
    await h.call<AllianceDetailView>(S.allianceUpdate, { id: alliance.id, changes: { name: '清溪县城关教联体' } }, secretariat);
    await h.call<AllianceDetailView>(S.allianceLeave, { id: alliance.id, body: { schoolId: leaver.id, reason: '调整办学' } }, admin);
    await h.call<AllianceDetailView>(S.allianceDissolve, { id: shortLived.id, body: { reason: '帮扶期满' } }, admin);
    await expectEveryDirectoryToMatch();

    const copy = await copyOf('teacher-exchange');
    expect(copy.schools.find((s) => s.id === village.id)?.name).toBe('白沙乡九年一贯制学校');
    expect(copy.schools.find((s) => s.id === core.id)?.name).toBe('清溪县第一实验小学');
    expect(copy.alliances.find((a) => a.id === alliance.id)?.name).toBe('清溪县城关教联体');
  });

  it('announces a rename once, with the version it made, and nothing for a change other services do not copy', async () => {
    const school = await givenSchool(h, admin, district.id, { name: '城北小学' });
    await h.call<SchoolView>(S.schoolUpdate, { id: school.id, changes: { studentCount: 321, address: '城北路8号' } }, admin);
    await h.call<SchoolView>(S.schoolUpdate, { id: school.id, changes: { name: '城北小学' } }, admin);
    await h.call<SchoolView>(S.schoolUpdate, { id: school.id, changes: { name: '城北实验小学' } }, admin);
    const { rows } = await h.db.query('SELECT version FROM membership.school WHERE id = $1', [school.id]);
    const renames = await h.db.query(
      "SELECT envelope->'data' AS data FROM membership.outbox_event WHERE subject = $1 AND envelope->'data'->>'schoolId' = $2",
      [MembershipEvents.schoolRenamed, school.id],
    );
    expect(renames.rows.map((r) => r.data)).toEqual([{
      schoolId: school.id, districtId: district.id, code: school.code, name: '城北实验小学', previousName: '城北小学', version: rows[0].version,
    }]);
  });

  it('keeps the newest names when older events about the same schools and alliances arrive late', async () => {
    await settled();
    const before = await source();
    const ours = new Set([...before.schools.map((s) => s.id), ...before.alliances.map((a) => a.id)]);
    const subjectOf = (e: DomainEvent): string | undefined => {
      const data = e.data as { schoolId?: string; allianceId?: string };
      return data.allianceId ?? data.schoolId;
    };
    const late = (await h.events(district.id, (all) => all.some((e) => e.subject === MembershipEvents.allianceRenamed)))
      .filter((e) => [MembershipEvents.schoolRegistered, MembershipEvents.allianceCreated, MembershipEvents.memberJoined].includes(e.subject as never))
      .filter((e) => ours.has(subjectOf(e) ?? ''));
    expect(late.length).toBeGreaterThanOrEqual(6);
    // as new events (fresh ids), so the inboxes do not swallow them: only the projections' merge rules stand in the way.
    // The school announcements come stamped an hour ahead, as from a replica whose clock runs fast: the version
    // they were read from, not their time, decides.
    const js = jetstream(h.nc);
    const fast = new Date(Date.now() + 3_600_000).toISOString();
    for (const e of late) {
      const again = { ...e, id: randomUUID(), occurredAt: e.subject === MembershipEvents.allianceCreated ? e.occurredAt : fast };
      await js.publish(again.subject, JSON.stringify(again), { msgID: again.id });
    }
    await expectEveryDirectoryToMatch();
    expect(await source()).toEqual(before);
  });
});
