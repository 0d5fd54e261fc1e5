import type { Caller, RoleName } from '@jiaolian/contracts';
import { AccessScope, AuditWriter } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AlliancesService } from '../alliances/alliances.service.js';
import { JoinRequestsService } from '../alliances/join-requests.service.js';
import { Passwords } from '../auth/passwords.js';
import { DistrictsService } from '../districts/districts.service.js';
import { SchoolsService } from '../schools/schools.service.js';
import { ensurePlatformAdmin } from '../users/platform-admin.js';
import { UsersService } from '../users/users.service.js';
import { DEMO_CROSS_ALLIANCE, DEMO_DISTRICT, DEMO_DISTRICT_B, DEMO_PASSWORD, DEMO_SCHOOLS, DEMO_SCHOOLS_B } from './demo-data.js';
import { seedDemoProfiles } from './seed-profiles.js';
import { seedDemoOrganisation } from './seed-bodies.js';
import { systemCaller } from './system-caller.js';
import { seedDemoCharters } from '../governance/charters/seed-charters.js';

/**
 * `node apps/membership/dist/main.js seed-demo`: a demo county with schools, three alliances and one
 * login per role, written through the domain services (so audit and events are real). Runs once: it
 * does nothing when the demo district exists.
 */
export async function seedDemoCommand(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const caller = systemCaller('seed-demo');
  const scope = new AccessScope(caller);
  const adminOutcome = await ensurePlatformAdmin(dataSource, app.get(Passwords), app.get(AuditWriter), caller, { username: 'admin', password: DEMO_PASSWORD, mode: 'ifMissing' });
  const [existing] = await dataSource.query('SELECT id FROM district WHERE code = $1', [DEMO_DISTRICT.code]);
  if (existing) {
    // a demo seeded before the alliance organisation existed gets it now (idempotent)
    if (await seedDemoOrganisation(app, scope)) process.stdout.write('The demo alliance organisation (council, working groups, studios) seeded.\n');
    process.stdout.write(`The demo district ${DEMO_DISTRICT.code} exists already; nothing seeded.\n`);
    await seedCrossDistrictDemo(app, scope);
    await seedDemoCharters(app, scope);
    if (await seedSecondCountyProfiles(app, scope)) process.stdout.write(`The school profiles of ${DEMO_DISTRICT_B.name} seeded.\n`);
    return;
  }
  await seedDemo(app, scope);
  await seedCrossDistrictDemo(app, scope);
  await seedDemoCharters(app, scope);
  await seedDemoOrganisation(app, scope);
  await seedSecondCountyProfiles(app, scope);
  const logins = ['district.admin', 'alliance.admin', 'school.admin', 'teacher', 'district.admin.b', 'school.admin.b', 'teacher.b'];
  if (adminOutcome === 'created') logins.unshift('admin');
  process.stdout.write(`Demo district ${DEMO_DISTRICT.name} (${DEMO_DISTRICT.code}) seeded.\nDemo logins (password ${DEMO_PASSWORD}): ${logins.join(', ')}\n`);
}

export async function seedDemo(app: INestApplicationContext, scope: AccessScope): Promise<void> {
  const districts = app.get(DistrictsService);
  const schools = app.get(SchoolsService);
  const alliances = app.get(AlliancesService);
  const joinRequests = app.get(JoinRequestsService);
  const users = app.get(UsersService);

  const district = await districts.create(scope, DEMO_DISTRICT);
  const ids = new Map<string, string>();
  for (const dto of DEMO_SCHOOLS) ids.set(dto.name, (await schools.create(scope, { ...dto, districtId: district.id })).id);
  const id = (name: string): string => ids.get(name) as string;
  await schools.createCampus(scope, id('清溪县实验小学'), { name: '东校区', address: '云溪市清溪县城关镇东山路18号' });

  /** Creates an alliance whose listed schools are invited and accept, then (optionally) activates it. */
  const found = async (name: string, kind: 'pairing' | 'alliance' | 'integrated', core: string, members: string[], description: string, activate = true): Promise<string> => {
    const alliance = await alliances.create(scope, { districtId: district.id, name, kind, coreSchoolId: id(core), description, startsOn: '2026-09-01' });
    for (const member of members) {
      const invitation = await joinRequests.invite(scope, alliance.id, { schoolId: id(member), message: '诚邀贵校加入，共建共享、协同发展。' });
      await joinRequests.respond(scope, invitation.id, { decision: 'accept', comment: '同意加入。' });
    }
    if (activate) await alliances.activate(scope, alliance.id);
    return alliance.id;
  };

  const integrated = await found('清溪县实验小学教联体', 'integrated', '清溪县实验小学',
    ['临溪镇中心小学', '临溪镇下湾村小学', '临溪镇枫岭村小学', '白沙乡溪口村小学'],
    '以实验小学为核心校，统一管理、师资统筹、教研一体、质量共进的城乡教联体。');
  const alliance = await found('城关中学教育联盟', 'alliance', '清溪县城关中学',
    ['清溪县第二中学', '临溪镇初级中学', '石桥镇中学'],
    '初中学段教育联盟：联合教研、统一检测、骨干教师交流。');
  await joinRequests.invite(scope, alliance, { schoolId: id('白沙乡中心学校'), message: '欢迎贵校初中部加入联盟。' });
  await joinRequests.apply(scope, alliance, { schoolId: id('青山乡中学'), message: '我校希望加入联盟，参与联合教研与统一检测。' });
  await found('城关二小—后岙村小结对帮扶', 'pairing', '清溪县城关第二小学', ['石桥镇后岙村小学'],
    '城区学校对口帮扶村小：送教下乡、师徒结对、资源共享。');

  const person = async (username: string, displayName: string, role: Exclude<RoleName, 'platform_admin'>, scopeIds: { allianceId?: string; schoolId?: string } = {}): Promise<void> => {
    const user = await users.create(scope, { districtId: district.id, username, displayName, password: DEMO_PASSWORD });
    await users.assign(scope, user.id, { role, ...scopeIds });
  };
  await person('district.admin', '陈建国', 'district_admin');
  await person('alliance.admin', '李慧', 'alliance_admin', { allianceId: integrated });
  await person('school.admin', '王海峰', 'school_admin', { schoolId: id('临溪镇下湾村小学') });
  await person('teacher', '张晓燕', 'teacher', { schoolId: id('临溪镇下湾村小学') });

  await seedDemoProfiles(app, scope, district.id);
}

/**
 * The second demo county and the alliance across the two: its district admin, a school admin and a
 * teacher of the member school, and the invitation accepted by the school and approved by both
 * district admins (each acting as themselves, so the audit names them). Does nothing once the second
 * county exists, and nothing without the first.
 */
export async function seedCrossDistrictDemo(app: INestApplicationContext, scope: AccessScope): Promise<void> {
  const dataSource = app.get(DataSource);
  const [first]: { id: string }[] = await dataSource.query('SELECT id FROM district WHERE code = $1', [DEMO_DISTRICT.code]);
  const [second]: { id: string }[] = await dataSource.query('SELECT id FROM district WHERE code = $1', [DEMO_DISTRICT_B.code]);
  if (!first || second) return;
  const schools = app.get(SchoolsService);
  const users = app.get(UsersService);
  const alliances = app.get(AlliancesService);
  const joinRequests = app.get(JoinRequestsService);

  const district = await app.get(DistrictsService).create(scope, DEMO_DISTRICT_B);
  const ids = new Map<string, string>();
  for (const dto of DEMO_SCHOOLS_B) ids.set(dto.name, (await schools.create(scope, { ...dto, districtId: district.id })).id);
  const [core]: { id: string }[] = await dataSource.query('SELECT id FROM school WHERE district_id = $1 AND name = $2', [first.id, DEMO_CROSS_ALLIANCE.core]);
  const member = ids.get(DEMO_CROSS_ALLIANCE.foreignMember) as string;
  const [adminA]: { id: string }[] = await dataSource.query("SELECT id FROM app_user WHERE username = 'district.admin'");

  const person = async (username: string, displayName: string, role: 'district_admin' | 'school_admin' | 'teacher', schoolId?: string): Promise<string> => {
    const user = await users.create(scope, { districtId: district.id, username, displayName, password: DEMO_PASSWORD });
    await users.assign(scope, user.id, { role, ...(schoolId ? { schoolId } : {}) });
    return user.id;
  };
  const adminB = await person('district.admin.b', '周明', 'district_admin');
  const headB = await person('school.admin.b', '吴丽萍', 'school_admin', member);
  await person('teacher.b', '郑宇', 'teacher', member);

  const as = (id: string, assignment: Caller['assignments'][number]): AccessScope =>
    new AccessScope({ kind: 'user', id, displayName: id, assignments: [assignment], requestId: randomUUID() });
  const alliance = await alliances.create(scope, {
    districtId: first.id, name: DEMO_CROSS_ALLIANCE.name, kind: 'alliance', coreSchoolId: core!.id, description: DEMO_CROSS_ALLIANCE.description, startsOn: '2026-09-01',
  });
  await alliances.activate(scope, alliance.id);
  const districtA = adminA ? as(adminA.id, { role: 'district_admin', districtId: first.id }) : scope;
  const invitation = await joinRequests.invite(districtA, alliance.id, { schoolId: member, message: '诚邀贵校跨区域加入联盟，共享教研与活动。' });
  await joinRequests.approve(as(adminB, { role: 'district_admin', districtId: district.id }), invitation.id, { decision: 'approve', comment: '同意本县学校跨区域加入。' });
  await joinRequests.respond(as(headB, { role: 'school_admin', districtId: district.id, schoolId: member }), invitation.id, { decision: 'accept', comment: '同意加入。' });
  await joinRequests.approve(districtA, invitation.id, { decision: 'approve', comment: '同意。' });
}

/** The second county's profile round of the current term with its schools' profiles (once; nothing without the county). */
async function seedSecondCountyProfiles(app: INestApplicationContext, scope: AccessScope): Promise<boolean> {
  const [second]: { id: string }[] = await app.get(DataSource).query('SELECT id FROM district WHERE code = $1', [DEMO_DISTRICT_B.code]);
  return second ? seedDemoProfiles(app, scope, second.id) : false;
}
