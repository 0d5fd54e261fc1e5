import { termOf, type ProfileLevel } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProfileRoundEntity, ProfileTagEntity } from '../governance/profiles/profile.entity.js';
import { ProfilesService } from '../governance/profiles/profiles.service.js';
import { DEMO_SCHOOLS, DEMO_SCHOOLS_B } from './demo-data.js';

type Item = [code: string, level: ProfileLevel];

/**
 * The demo county's profiles of the current term, as the schools would answer the survey: town schools
 * strong in subjects and facilities with room to support others, township schools in between, village
 * schools short of English, music, PE, art and IT teachers. Keyed by school name (every demo school).
 */
const DEMO_PROFILES: Record<string, { strengths: Item[]; needs: Item[]; specialities: string[]; capacity: number; note?: string }> = {
  '清溪县实验小学': { strengths: [['english', 'high'], ['music', 'high'], ['math', 'high'], ['science', 'medium']], needs: [], specialities: ['youth_palace', 'science_lab', 'music_room'], capacity: 3, note: '市级英语、音乐学科基地校' },
  '清溪县城关第二小学': { strengths: [['chinese', 'high'], ['art', 'high'], ['pe', 'medium']], needs: [], specialities: ['reading', 'library'], capacity: 2 },
  '清溪县城关中学': { strengths: [['math', 'high'], ['physics', 'high'], ['english', 'medium'], ['it', 'high']], needs: [], specialities: ['computer_room', 'science_tech'], capacity: 3 },
  '清溪县第二中学': { strengths: [['chinese', 'high'], ['chemistry', 'medium'], ['pe', 'high']], needs: [], specialities: ['sports_ground'], capacity: 2 },
  '清溪县城东小学': { strengths: [['it', 'high'], ['science', 'high']], needs: [['music', 'low']], specialities: ['science_tech'], capacity: 1 },
  '临溪镇中心小学': { strengths: [['pe', 'medium']], needs: [['english', 'medium']], specialities: ['farm_base'], capacity: 1 },
  '临溪镇初级中学': { strengths: [['labour', 'high']], needs: [['physics', 'medium'], ['english', 'medium']], specialities: ['farm_base'], capacity: 1 },
  '临溪镇下湾村小学': { strengths: [], needs: [['english', 'high'], ['music', 'high'], ['science', 'medium']], specialities: [], capacity: 0, note: '英语、音乐无专职教师' },
  '临溪镇枫岭村小学': { strengths: [], needs: [['english', 'high'], ['art', 'medium']], specialities: [], capacity: 0 },
  '白沙乡中心学校': { strengths: [['labour', 'high']], needs: [['math', 'medium'], ['it', 'medium']], specialities: ['farm_base'], capacity: 1 },
  '白沙乡溪口村小学': { strengths: [], needs: [['music', 'high'], ['pe', 'medium']], specialities: [], capacity: 0 },
  '白沙乡竹坑教学点': { strengths: [], needs: [['english', 'high'], ['music', 'medium'], ['art', 'medium']], specialities: [], capacity: 0, note: '教学点，教师 3 人' },
  '石桥镇中心小学': { strengths: [['chinese', 'medium'], ['art', 'medium']], needs: [['science', 'medium']], specialities: [], capacity: 1 },
  '石桥镇中学': { strengths: [], needs: [['math', 'high'], ['chemistry', 'medium']], specialities: [], capacity: 0 },
  '石桥镇后岙村小学': { strengths: [], needs: [['chinese', 'medium'], ['music', 'high']], specialities: [], capacity: 0 },
  '石桥镇新塘学校': { strengths: [], needs: [['english', 'medium'], ['it', 'high']], specialities: ['farm_base'], capacity: 0 },
  '青山乡中心学校': { strengths: [['pe', 'medium']], needs: [['english', 'medium'], ['science', 'low']], specialities: [], capacity: 1 },
  '青山乡石门村小学': { strengths: [], needs: [['english', 'high'], ['pe', 'medium']], specialities: [], capacity: 0 },
  '青山乡上庄小学': { strengths: [], needs: [['music', 'high'], ['art', 'high']], specialities: [], capacity: 0 },
  '青山乡中学': { strengths: [], needs: [['physics', 'high'], ['it', 'medium']], specialities: [], capacity: 0 },
  // the second county (溪南县): a town school able to support, a township school short of English and music
  '溪南县城南小学': { strengths: [['english', 'high'], ['music', 'medium'], ['chinese', 'high']], needs: [], specialities: ['library', 'music_room'], capacity: 2 },
  '溪南县溪口镇中心小学': { strengths: [['labour', 'medium']], needs: [['english', 'high'], ['music', 'medium']], specialities: ['farm_base'], capacity: 0, note: '英语教师缺 2 人' },
};

/** The current term of the demo, in the district's calendar (Asia/Shanghai). */
const currentTerm = (): string => termOf(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

/**
 * Tags, a profile round of the current term and a profile for every demo school of the district (either
 * demo county). Idempotent: the default tags are inserted only where missing, and a district that has a
 * round for the term keeps it as it is. Answers whether it opened the round (and filled it in).
 */
export async function seedDemoProfiles(app: INestApplicationContext, scope: AccessScope, districtId: string): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const profiles = app.get(ProfilesService);
  const term = currentTerm();
  await profiles.ensureDefaultTags(dataSource.manager, districtId);
  if (await dataSource.getRepository(ProfileRoundEntity).exists({ where: { districtId, term } })) return false;
  const round = await profiles.openRound(scope, {
    districtId, term, deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(), instructions: '请各校如实填写本学期的优势、需求与可帮扶学校数，作为结对推荐的依据。',
  });
  const tags = new Map((await dataSource.getRepository(ProfileTagEntity).find({ where: { districtId } })).map((t) => [t.code, t.id]));
  const tag = (code: string): string => tags.get(code) as string;
  const schools: { id: string; name: string }[] = await dataSource.query('SELECT id, name FROM school WHERE district_id = $1', [districtId]);
  for (const demo of [...DEMO_SCHOOLS, ...DEMO_SCHOOLS_B]) {
    const school = schools.find((s) => s.name === demo.name);
    const answer = DEMO_PROFILES[demo.name];
    if (!school || !answer) continue;
    await profiles.submit(scope, round.id, {
      schoolId: school.id, capacity: answer.capacity, note: answer.note,
      strengths: answer.strengths.map(([code, level]) => ({ tagId: tag(code), level })),
      needs: answer.needs.map(([code, level]) => ({ tagId: tag(code), level })),
      specialities: answer.specialities.map(tag),
    });
  }
  return true;
}
