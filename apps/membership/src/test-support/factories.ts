import { MembershipSubjects, type AllianceDetailView, type CreateSchoolDto, type DistrictView, type SchoolView, type UserView } from '@jiaolian/contracts';
import type { Harness } from './harness.js';

let sequence = 0;
const next = (): number => ++sequence;

export async function givenDistrict(h: Harness, token: string, name = '测试县教育局'): Promise<DistrictView> {
  const code = String(100000 + Math.floor(Math.random() * 800000) + next()).slice(0, 6);
  return h.call<DistrictView>(MembershipSubjects.districtCreate, { code, name, province: '浙江省' }, token);
}

export async function givenSchool(h: Harness, token: string, districtId: string, overrides: Partial<CreateSchoolDto> = {}): Promise<SchoolView> {
  const n = next();
  return h.call<SchoolView>(MembershipSubjects.schoolCreate, {
    districtId, code: `21${String(Date.now()).slice(-5)}${String(n).padStart(3, '0')}`, name: `测试学校${n}`, stage: 'primary',
    locale: 'village', township: '城关镇', studentCount: 100, teacherCount: 10, classCount: 6, ...overrides,
  }, token);
}

export async function givenAlliance(
  h: Harness, token: string, districtId: string, coreSchoolId: string, kind: 'pairing' | 'alliance' | 'integrated' = 'alliance', name = `测试联盟${next()}`,
): Promise<AllianceDetailView> {
  return h.call<AllianceDetailView>(MembershipSubjects.allianceCreate, { districtId, name, kind, coreSchoolId }, token);
}

export async function givenUser(h: Harness, token: string, districtId: string, username = `user.${next()}.${Date.now()}`, password = 'Correct-Horse-42'): Promise<UserView> {
  return h.call<UserView>(MembershipSubjects.userCreate, { districtId, username, displayName: '测试用户', password }, token);
}
