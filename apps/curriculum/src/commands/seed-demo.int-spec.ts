import { CurriculumSubjects, type BookingView, type Page, type ResourceView } from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../test-support/harness.js';
import { DEMO_ALLIANCES, DEMO_BOOKINGS, DEMO_FACILITIES, DEMO_RESOURCES } from './demo-data.js';
import { seedDemoCommand } from './seed-demo.command.js';

/** The demo seeder against a directory shaped like membership's demo county. */
describe('curriculum seed-demo (integration)', () => {
  let h: Harness;
  const districtId = randomUUID();
  const schoolIds = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness('curriculum_seed_it');
    const members: Record<string, string[]> = {
      [DEMO_ALLIANCES[0]]: ['清溪县实验小学', '临溪镇中心小学', '临溪镇下湾村小学', '临溪镇枫岭村小学', '白沙乡溪口村小学'],
      [DEMO_ALLIANCES[1]]: ['清溪县城关中学', '清溪县第二中学', '临溪镇初级中学', '石桥镇中学'],
      [DEMO_ALLIANCES[2]]: ['清溪县城关第二小学', '石桥镇后岙村小学'],
    };
    for (const [alliance, schools] of Object.entries(members)) {
      const allianceId = randomUUID();
      await h.db.query(`INSERT INTO curriculum.directory_alliance (id, district_id, name, kind, status, updated_at) VALUES ($1, $2, $3, 'alliance', 'active', now())`, [allianceId, districtId, alliance]);
      for (const name of schools) {
        const id = randomUUID();
        schoolIds.set(name, id);
        await h.db.query('INSERT INTO curriculum.directory_school (id, district_id, name, updated_at) VALUES ($1, $2, $3, now())', [id, districtId, name]);
        await h.db.query('INSERT INTO curriculum.directory_member (alliance_id, school_id, active) VALUES ($1, $2, true)', [allianceId, id]);
      }
    }
  }, 60_000);

  afterAll(async () => { await h?.close(); });

  it('seeds resources, facilities and bookings in every state once, and a second run adds nothing', async () => {
    await seedDemoCommand(h.app);
    await seedDemoCommand(h.app);
    expect(await h.count('resource')).toBe(DEMO_RESOURCES.length);
    // every resource has its first version; one lesson plan has been revised once
    expect(await h.count('resource_version')).toBe(DEMO_RESOURCES.length + 1);
    expect(await h.count('resource', 'version = 2')).toBe(1);
    expect(await h.count('facility')).toBe(DEMO_FACILITIES.length);
    expect(await h.count('booking')).toBe(DEMO_BOOKINGS.length);
    const states = (await h.db.query('SELECT DISTINCT status FROM curriculum.booking ORDER BY status')).rows.map((r) => r.status);
    expect(states).toEqual(['approved', 'cancelled', 'pending', 'rejected']);
    expect(await h.count('booking', 'ends_at < now()')).toBeGreaterThan(0);
    expect(await h.count('booking', 'starts_at > now()')).toBeGreaterThan(0);

    const teacher = await h.tokenFor([{ role: 'teacher', districtId, schoolId: schoolIds.get('临溪镇下湾村小学')! }]);
    const found = await h.call<Page<ResourceView>>(CurriculumSubjects.resourceList, { q: '农耕' }, teacher);
    expect(found.items.map((r) => r.title)).toContain('农耕文化劳动教育');
    const [first] = found.items;
    expect(first?.file.size).toBeGreaterThan(0);
    expect(await h.files.get((await h.db.query('SELECT file_key FROM curriculum.resource WHERE id = $1', [first!.id])).rows[0].file_key)).not.toBeNull();
    const admin = await h.tokenFor([{ role: 'school_admin', districtId, schoolId: schoolIds.get('清溪县实验小学')! }]);
    const pending = await h.call<Page<BookingView>>(CurriculumSubjects.bookingList, { direction: 'incoming', status: 'pending' }, admin);
    expect(pending.total).toBeGreaterThan(0);
  });
});
