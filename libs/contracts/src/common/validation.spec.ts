import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateActivityDto, UpdateActivityDto } from '../activities/activities.dto.js';
import { CreateFacilityDto, UpdateFacilityDto } from '../curriculum/facilities.dto.js';
import { UpdateResourceDto } from '../curriculum/resources.dto.js';
import { UpdateAllianceDto } from '../membership/alliances.dto.js';
import { CreateSchoolDto, UpdateSchoolDto } from '../membership/schools.dto.js';
import { UpdateUserDto } from '../membership/users.dto.js';
import { QuotaQueryDto, SetQuotaDto } from '../teacher-exchange/quotas.dto.js';
import { CreateSlotDto } from '../teacher-exchange/slots.dto.js';
import { UpdateTeacherDto } from '../teacher-exchange/teachers.dto.js';

/** The fields a body is refused for, after the transformation the validation pipe applies. */
function refused<T extends object>(type: new () => T, body: object): string[] {
  const instance = plainToInstance(type, body);
  return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);
}

const facility = { schoolId: '6f1c1c1e-0d7a-4a8e-9a51-2b1e1f1a1b1c', kind: 'lab', name: '科学实验室', capacity: 40, openHours: '周一至周五' };
const school = { districtId: '6f1c1c1e-0d7a-4a8e-9a51-2b1e1f1a1b1c', code: '2133000001', name: '城关小学', stage: 'primary', locale: 'township', township: '城关镇', studentCount: 600, teacherCount: 40, classCount: 18 };
const slot = { placementId: '6f1c1c1e-0d7a-4a8e-9a51-2b1e1f1a1b1c', schoolId: '6f1c1c1e-0d7a-4a8e-9a51-2b1e1f1a1b1c', weekday: 2, startsAt: '14:00', endsAt: '14:40', subject: 'music', grade: 4 };

describe('validation of request bodies', () => {
  it.each([
    ['UpdateSchoolDto', 'name', UpdateSchoolDto],
    ['UpdateFacilityDto', 'capacity', UpdateFacilityDto],
    ['UpdateFacilityDto', 'active', UpdateFacilityDto],
    ['UpdateTeacherDto', 'subjects', UpdateTeacherDto],
    ['UpdateResourceDto', 'title', UpdateResourceDto],
    ['UpdateAllianceDto', 'name', UpdateAllianceDto],
    ['UpdateUserDto', 'status', UpdateUserDto],
    ['UpdateActivityDto', 'startsAt', UpdateActivityDto],
    ['UpdateActivityDto', 'place', UpdateActivityDto],
  ] as const)('%s refuses null for the required column %s but lets it be left out', (_, field, type) => {
    expect(refused(type as new () => object, { [field]: null })).toEqual([field]);
    expect(refused(type as new () => object, {})).toEqual([]);
  });

  it('still lets a change clear an optional column with null', () => {
    expect(refused(UpdateFacilityDto, { description: null, location: null })).toEqual([]);
    expect(refused(UpdateActivityDto, { capacityPerSchool: null, recurrence: null })).toEqual([]);
  });

  it.each([
    ['spaces', '   '],
    ['an ideographic space', '\u3000'],
    ['a tab and a newline', '\t\n'],
  ])('refuses a name of only %s', (_, name) => {
    expect(refused(CreateFacilityDto, { ...facility, name })).toEqual(['name']);
    expect(refused(CreateSchoolDto, { ...school, name })).toEqual(['name']);
    expect(refused(UpdateAllianceDto, { name })).toEqual(['name']);
  });

  it('keeps a name with spaces around it as it was sent', () => {
    const dto = plainToInstance(CreateFacilityDto, { ...facility, name: ' 科学实验室 ' });
    expect(validateSync(dto)).toEqual([]);
    expect(dto.name).toBe(' 科学实验室 ');
  });

  it.each([
    ['a boolean capacity', CreateFacilityDto, { ...facility, capacity: true }, 'capacity'],
    ['a numeric string capacity', CreateFacilityDto, { ...facility, capacity: '40' }, 'capacity'],
    ['a boolean weekday', CreateSlotDto, { ...slot, weekday: true }, 'weekday'],
    ['a numeric string grade', CreateSlotDto, { ...slot, grade: '4' }, 'grade'],
    ['a numeric string year', SetQuotaDto, { allianceId: slot.schoolId, year: '2026', rules: [] }, 'year'],
    ['a numeric string latitude', CreateSchoolDto, { ...school, location: { lat: '29.3', lng: 120.07 } }, 'location'],
    ['tags as a string in JSON', UpdateResourceDto, { tags: '劳动教育,农耕' }, 'tags'],
  ] as const)('does not coerce %s in a JSON body', (_, type, body, field) => {
    expect(refused(type as new () => object, body)).toEqual([field]);
  });

  it('still converts the year of a query string, where every value is text', () => {
    const query = plainToInstance(QuotaQueryDto, { allianceId: slot.schoolId, year: '2026' });
    expect(validateSync(query)).toEqual([]);
    expect(query.year).toBe(2026);
  });

  it.each([
    ['without place', 'place'],
    ['without audience', 'audience'],
  ])('refuses an activity %s', (_, field) => {
    const activity: Record<string, unknown> = {
      allianceId: slot.schoolId, organiserSchoolId: slot.schoolId, kind: 'demo', title: '展示课', startsAt: '2026-10-15T06:00:00Z', endsAt: '2026-10-15T08:00:00Z',
      place: { kind: 'online', url: 'https://meeting.example.org/j/1' }, audience: { teachers: true, studentGrades: [], parents: false },
    };
    expect(refused(CreateActivityDto, activity)).toEqual([]);
    delete activity[field];
    expect(refused(CreateActivityDto, activity)).toEqual([field]);
    expect(refused(CreateActivityDto, { ...activity, [field]: [] })).toEqual([field]);
  });
});
