import {
  MembershipSubjects, type CreateTeacherAccountsDto, type ProvisionTeacherAccountsRequest, type TeacherAccountsOfRequest, type TeacherAccountsResultView,
  type TeacherAccountView,
} from '@jiaolian/contracts';
import { AccessScope, BusClient, CallerTokens, fieldError, ForbiddenError, NotFoundError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParams, teacherVisibility } from '../common/access.js';

/**
 * User accounts for roster teachers. The roster is here, the accounts in membership: this checks that
 * the caller manages the school and that every teacher is on its roster, then asks membership, as the
 * caller, to create what is missing (membership checks the caller's right over the school again).
 */
@Injectable()
export class TeacherAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusClient,
    private readonly tokens: CallerTokens,
  ) {}

  async create(scope: AccessScope, dto: CreateTeacherAccountsDto): Promise<TeacherAccountsResultView> {
    const school = await this.accountSchool(scope, dto.schoolId);
    const p = new SqlParams();
    const ids = p.bind(dto.teacherIds);
    const visible = teacherVisibility(scope, 't', p);
    const rows: { id: string; school_id: string; staff_no: string; name: string }[] = await this.dataSource.query(
      `SELECT t.id, t.school_id, t.staff_no, t.name FROM teacher t WHERE t.id = ANY(${ids}::uuid[])${visible ? ` AND ${visible}` : ''}`, p.values,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = dto.teacherIds.find((id) => !byId.has(id));
    if (missing) throw new NotFoundError('teacher', missing);
    const elsewhere = dto.teacherIds.map((id, index) => ({ id, index })).filter(({ id }) => byId.get(id)!.school_id !== school.id);
    if (elsewhere.length) {
      const errors = elsewhere.map(({ index }) => fieldError(`teacherIds.${index}`, 'exchange.teacher-account.not-at-school', { index, row: index + 1 }));
      throw new ValidationError(errors, errors[0]!.message, { code: 'exchange.teacher-account.not-at-school', params: errors[0]!.params });
    }
    const request: ProvisionTeacherAccountsRequest = {
      districtId: school.districtId, schoolId: school.id,
      teachers: dto.teacherIds.map((id) => ({ teacherId: id, staffNo: byId.get(id)!.staff_no, displayName: byId.get(id)!.name })),
    };
    return this.ask<TeacherAccountsResultView>(scope, MembershipSubjects.teacherAccountsProvision, request, 60_000);
  }

  /** The accounts of a school's roster teachers (teachers without one are absent). */
  async list(scope: AccessScope, schoolId: string): Promise<TeacherAccountView[]> {
    const p = new SqlParams();
    const school = p.bind(schoolId);
    const visible = teacherVisibility(scope, 't', p);
    const rows: { id: string }[] = await this.dataSource.query(`SELECT t.id FROM teacher t WHERE t.school_id = ${school}${visible ? ` AND ${visible}` : ''}`, p.values);
    if (!rows.length) {
      const [known] = await this.dataSource.query('SELECT district_id FROM directory_school WHERE id = $1', [schoolId]);
      if (!known || !(scope.inDistrict(known.district_id) || scope.schoolIds().includes(schoolId))) throw new NotFoundError('school', schoolId);
      return [];
    }
    const request: TeacherAccountsOfRequest = { teacherIds: rows.map((r) => r.id) };
    return this.ask<TeacherAccountView[]>(scope, MembershipSubjects.teacherAccountsOf, request, 10_000);
  }

  /**
   * The school whose teachers get accounts: only its own admins and the district's see it here (the
   * admin of another school gets not found, as for any of its teachers); its teachers are refused.
   */
  private async accountSchool(scope: AccessScope, schoolId: string): Promise<{ id: string; districtId: string }> {
    const [school]: { id: string; district_id: string }[] = await this.dataSource.query('SELECT id, district_id FROM directory_school WHERE id = $1', [schoolId]);
    if (!school || !(scope.isDistrictAdmin(school.district_id) || scope.schoolIds().includes(school.id))) throw new NotFoundError('school', schoolId);
    if (!scope.isSchoolAdmin(school.id, school.district_id)) throw ForbiddenError.of('exchange.teacher.manage-forbidden');
    return { id: school.id, districtId: school.district_id };
  }

  /** Asks membership as the caller (a short-lived token of the same identity), so that its own rules decide. */
  private async ask<T>(scope: AccessScope, subject: string, data: unknown, timeoutMs: number): Promise<T> {
    const { requestId, ...caller } = scope.caller;
    const callerToken = await this.tokens.sign(caller, 120);
    return this.bus.request<T>(subject, data, { callerToken, requestId, timeoutMs });
  }
}
