import type { QuestionView, SurveyAudience, SurveyLevel, SurveyStatus, SurveyView } from '@jiaolian/contracts';
import { AccessScope, NotFoundError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso } from '../common/access.js';
import { isAccepting } from './survey.rules.js';

/*
 * Who may see and run a survey, and its rows read with directory names, in one place so that a get, a
 * list and the results cannot disagree.
 *
 * Managers: the district admin of a district survey, the alliance admin (or district admin) of an
 * alliance survey, the school admin (or district admin) of a school survey. Others see a survey that is
 * no longer a draft when it covers their school (teachers to answer it, school admins for their own
 * school's results); anyone else gets 404.
 */

export interface Survey {
  id: string;
  districtId: string;
  level: SurveyLevel;
  allianceId: string | null;
  allianceName: string | null;
  schoolId: string | null;
  schoolName: string | null;
  schoolIds: string[];
  term: string;
  title: string;
  description: string;
  audiences: SurveyAudience[];
  opensAt: Date;
  closesAt: Date;
  anonymous: boolean;
  minGroupSize: number;
  status: SurveyStatus;
  questions: QuestionView[];
  templateId: string | null;
  activityId: string | null;
  occurrenceStart: Date | null;
  responseCount: number;
  createdAt: Date;
  updatedAt: Date;
}

interface SurveyRow {
  id: string; district_id: string; level: SurveyLevel; alliance_id: string | null; alliance_name: string | null; school_id: string | null;
  school_name: string | null; school_ids: string[]; term: string; title: string; description: string; audiences: SurveyAudience[];
  opens_at: Date; closes_at: Date; anonymous: boolean; min_group_size: number; status: SurveyStatus; questions: QuestionView[];
  template_id: string | null; activity_id: string | null; occurrence_start: Date | null; response_count: number; created_at: Date; updated_at: Date;
  total?: number;
}

export const SURVEY_SELECT = `
  SELECT s.*, da.name AS alliance_name, ds.name AS school_name,
         (SELECT count(*)::int FROM survey_response r WHERE r.survey_id = s.id) AS response_count
    FROM survey s
    LEFT JOIN directory_alliance da ON da.id = s.alliance_id
    LEFT JOIN directory_school ds ON ds.id = s.school_id`;

export const toSurvey = (r: SurveyRow): Survey => ({
  id: r.id, districtId: r.district_id, level: r.level, allianceId: r.alliance_id, allianceName: r.alliance_name, schoolId: r.school_id,
  schoolName: r.school_name, schoolIds: r.school_ids, term: r.term, title: r.title, description: r.description, audiences: r.audiences,
  opensAt: r.opens_at, closesAt: r.closes_at, anonymous: r.anonymous, minGroupSize: r.min_group_size, status: r.status, questions: r.questions,
  templateId: r.template_id, activityId: r.activity_id, occurrenceStart: r.occurrence_start, responseCount: r.response_count,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export type SurveyRowWithTotal = SurveyRow;

export function canManageSurvey(scope: AccessScope, s: Pick<Survey, 'level' | 'districtId' | 'allianceId' | 'schoolId'>): boolean {
  switch (s.level) {
    case 'district': return scope.isDistrictAdmin(s.districtId);
    case 'alliance': return s.allianceId !== null && scope.isAllianceAdmin(s.allianceId, s.districtId);
    case 'school': return s.schoolId !== null && scope.isSchoolAdmin(s.schoolId, s.districtId);
    default: {
      const never: never = s.level;
      throw new Error(`unknown level ${String(never)}`);
    }
  }
}

/** SQL condition on a survey alias `s`; pushes its parameters. Undefined means everything (platform admin). */
export function surveyVisibility(scope: AccessScope, params: unknown[]): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  const add = (value: unknown): string => { params.push(value); return `$${params.length}`; };
  const districts = add(scope.adminDistrictIds());
  const alliances = add(scope.adminAllianceIds());
  const adminSchools = add(scope.adminSchoolIds());
  const schools = add(scope.schoolIds());
  return `(s.district_id = ANY(${districts}::uuid[])
    OR (s.level = 'alliance' AND s.alliance_id = ANY(${alliances}::uuid[]))
    OR (s.level = 'school' AND s.school_id = ANY(${adminSchools}::uuid[]))
    OR (s.status <> 'draft' AND s.school_ids && ${schools}::uuid[]))`;
}

/** The covered schools whose groups the caller may read: all for managers, else the covered schools they administer. */
export function readableSchools(scope: AccessScope, s: Survey): string[] {
  if (canManageSurvey(scope, s)) return s.schoolIds;
  return s.schoolIds.filter((id) => scope.adminSchoolIds().includes(id));
}

@Injectable()
export class SurveyStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The survey if the caller may see it (locked FOR UPDATE when asked), else 404. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Survey> {
    const params: unknown[] = [id];
    const visibility = surveyVisibility(scope, params);
    const rows: SurveyRow[] = await manager.query(
      `${SURVEY_SELECT} WHERE s.id = $1${visibility ? ` AND ${visibility}` : ''}${lock ? ' FOR UPDATE OF s' : ''}`, params,
    );
    if (!rows[0]) throw new NotFoundError('Survey', id);
    return toSurvey(rows[0]);
  }

  /** The survey whatever the caller (for token answers, whose credential is the token). */
  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<Survey> {
    const rows: SurveyRow[] = await manager.query(`${SURVEY_SELECT} WHERE s.id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('Survey', id);
    return toSurvey(rows[0]);
  }

  /** Whether the caller has answered the survey (signed in). */
  async hasAnswered(surveyId: string, accountId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM survey_participant WHERE survey_id = $1 AND account_id = $2', [surveyId, accountId]);
    return rows.length > 0;
  }

  view(scope: AccessScope, s: Survey, answered: boolean, now = new Date()): SurveyView {
    return {
      id: s.id, districtId: s.districtId, level: s.level,
      alliance: s.allianceId ? { id: s.allianceId, name: s.allianceName ?? '' } : null,
      school: s.schoolId ? { id: s.schoolId, name: s.schoolName ?? '' } : null,
      term: s.term, title: s.title, description: s.description, audiences: s.audiences, opensAt: iso(s.opensAt), closesAt: iso(s.closesAt),
      anonymous: s.anonymous, minGroupSize: s.minGroupSize, status: s.status, accepting: isAccepting(s, now), questions: s.questions,
      templateId: s.templateId, activityId: s.activityId, occurrenceStart: s.occurrenceStart ? iso(s.occurrenceStart) : null,
      schoolCount: s.schoolIds.length, responseCount: s.responseCount, canManage: canManageSurvey(scope, s),
      canAnswer: this.mayAnswer(scope, s, now) && !answered,
      createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt),
    };
  }

  /** A signed-in caller answers as a teacher of a covered school, when teachers are asked and the survey accepts answers. */
  mayAnswer(scope: AccessScope, s: Survey, now: Date): boolean {
    return isAccepting(s, now) && s.audiences.includes('teachers') && this.teacherSchools(scope, s).length > 0;
  }

  /** The covered schools where the caller teaches (or administers: school staff answer teachers' surveys too). */
  teacherSchools(scope: AccessScope, s: Survey): string[] {
    return scope.caller.assignments
      .filter((a) => (a.role === 'teacher' || a.role === 'school_admin') && a.schoolId && s.schoolIds.includes(a.schoolId))
      .map((a) => a.schoolId as string);
  }
}
