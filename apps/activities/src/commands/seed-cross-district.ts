import type { AccessScope } from '@jiaolian/service-kit';
import type { DataSource } from 'typeorm';
import type { ActivitiesService } from '../activities/activities.service.js';
import { DAY_MS } from '../common/time.js';

const CROSS_ALLIANCE = '清溪—溪南跨区域教育联盟';
const ORGANISER = '清溪县城东小学';
const TITLE = '跨区域联合教研：乡村小学英语课堂教学';
const WAIT_MS = 5_000;

/**
 * The demo's alliance across two counties (membership's seed-demo) gets one coming activity, so the
 * member school of the second county has something of the alliance to see. Runs whenever the demo is
 * seeded and does nothing when the alliance is not in the directory (a demo without the second
 * county) or already has the activity.
 */
export async function seedCrossDistrictActivity(activities: ActivitiesService, dataSource: DataSource, scope: AccessScope, now = new Date()): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let found: { alliance_id: string; school_id: string } | undefined;
  for (;;) {
    [found] = await dataSource.query(
      `SELECT a.id AS alliance_id, s.id AS school_id FROM directory_alliance a
         JOIN directory_member m ON m.alliance_id = a.id AND m.active JOIN directory_school s ON s.id = m.school_id
        WHERE a.name = $1 AND a.status = 'active' AND s.name = $2`,
      [CROSS_ALLIANCE, ORGANISER],
    );
    if (found || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!found) return;
  const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM activity WHERE alliance_id = $1 AND title = $2', [found.alliance_id, TITLE]);
  if (n > 0) return;
  const startsAt = new Date(Math.ceil(now.getTime() / DAY_MS) * DAY_MS + 10 * DAY_MS + 6 * 3600_000); // 14:00 in Shanghai, ten days on
  await activities.create(scope, {
    allianceId: found.alliance_id, organiserSchoolId: found.school_id, kind: 'discussion', title: TITLE,
    description: '两县成员校英语教师同课异构、集体研讨，溪南县溪口镇中心小学参加。',
    startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
    place: { kind: 'school', schoolId: found.school_id, facilityName: '录播教室' },
    audience: { teachers: true, studentGrades: [], parents: false }, capacityPerSchool: 4,
  });
}
