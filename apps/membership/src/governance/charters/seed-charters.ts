import type { Caller } from '@jiaolian/contracts';
import { AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChartersService } from './charters.service.js';

const DEMO_ALLIANCE = '清溪县实验小学教联体';
/** The demo school whose admin (the demo login school.admin) still has to sign the amendment. */
const STILL_TO_SIGN = '临溪镇下湾村小学';
const HEADS: Record<string, string> = {
  清溪县实验小学: '周校长', 临溪镇中心小学: '吴校长', 临溪镇枫岭村小学: '郑校长', 白沙乡溪口村小学: '冯校长',
};

/** A stable id per school for the demo signers, who are not logins (only school.admin of 下湾村小学 is). */
const demoSignerId = (schoolId: string): string => {
  const hex = createHash('sha256').update(`jiaolian-demo-signer:${schoolId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Demo charters (章程与协议): the demo integrated alliance's charter in force (every school signed
 * version 1) and an amendment out for signing that 临溪镇下湾村小学 has still to sign. Idempotent: it
 * does nothing when the alliance already has a charter, or when the demo alliance does not exist.
 */
export async function seedDemoCharters(app: INestApplicationContext, scope: AccessScope): Promise<void> {
  const dataSource = app.get(DataSource);
  const [alliance]: { id: string; district_id: string }[] = await dataSource.query('SELECT id, district_id FROM alliance WHERE name = $1', [DEMO_ALLIANCE]);
  if (!alliance) return;
  const [existing] = await dataSource.query('SELECT id FROM charter_document WHERE alliance_id = $1', [alliance.id]);
  if (existing) return;
  const members: { id: string; name: string }[] = await dataSource.query(
    `SELECT s.id, s.name FROM alliance_member m JOIN school s ON s.id = m.school_id WHERE m.alliance_id = $1 AND m.left_at IS NULL ORDER BY m.joined_at, s.name`,
    [alliance.id],
  );
  const [head]: { id: string; display_name: string }[] = await dataSource.query(
    "SELECT id, display_name FROM app_user WHERE username = 'school.admin'",
  );
  const signerOf = (school: { id: string; name: string }): AccessScope => {
    const isLogin = school.name === STILL_TO_SIGN && head;
    const caller: Caller = {
      kind: 'user', id: isLogin ? head.id : demoSignerId(school.id), displayName: isLogin ? head.display_name : `${HEADS[school.name] ?? '校长'}（演示）`,
      assignments: [{ role: 'school_admin', districtId: alliance.district_id, schoolId: school.id }], requestId: randomUUID(),
    };
    return new AccessScope(caller);
  };
  const charters = app.get(ChartersService);
  const duty = (name: string): string => (name === '清溪县实验小学'
    ? '统筹教联体教学管理，派出骨干教师走教、送教，开放功能室与课程资源。'
    : '参与联合教研与统一检测，选派教师跟岗学习，按时报送教学质量数据。');
  const v1 = await charters.create(scope, alliance.id, {
    kind: 'charter', title: '清溪县实验小学教联体章程',
    body: [
      '第一章 总则',
      '第一条 清溪县实验小学教联体由清溪县实验小学牵头，临溪镇、白沙乡成员校共同组成，实行统一管理、师资统筹、教研一体、质量共进。',
      '第二条 教联体在县教育局指导下开展工作，理事会为议事决策机构，秘书处设在核心校。',
      '第二章 共享与协作',
      '第三条 成员校共享骨干教师、课程资源、功能室与场馆，统一教学进度、统一检测、统一阅卷。',
      '第三章 附则',
      '第四条 本章程经各成员校签署后生效，有效期三年。',
    ].join('\n\n'),
    sharedScope: '骨干教师走教与轮岗、课程与教学资源、功能室与场馆预约、统一检测与质量分析',
    duties: members.map((m) => ({ schoolId: m.id, duties: duty(m.name) })),
    disputeResolution: '成员校之间的争议由理事会协商解决；协商不成的，提请县教育局裁决。',
    validFrom: '2026-09-01', validTo: '2029-08-31',
  });
  const ref = { allianceId: alliance.id, documentId: v1.documentId, versionId: v1.id };
  await charters.send(scope, ref);
  for (const school of members) await charters.sign(signerOf(school), ref, school.id);

  const v2 = await charters.amend(scope, alliance.id, v1.documentId);
  const ref2 = { allianceId: alliance.id, documentId: v1.documentId, versionId: v2.id };
  await charters.updateDraft(scope, ref2, {
    body: `${v1.body ?? ''}\n\n第五条（修订新增） 成员校每学期至少承办一次联合教研活动，活动记录纳入学期档案。`,
    sharedScope: `${v1.sharedScope ?? ''}、联合教研活动记录`,
  });
  await charters.send(scope, ref2);
  for (const school of members.filter((m) => m.name !== STILL_TO_SIGN)) await charters.sign(signerOf(school), ref2, school.id);
}

