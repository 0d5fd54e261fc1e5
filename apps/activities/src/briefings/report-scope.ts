import type { BriefingScope } from '@jiaolian/contracts';
import { ForbiddenError, NotFoundError, ValidationError, type AccessScope } from '@jiaolian/service-kit';
import type { DataSource, EntityManager } from 'typeorm';

/** The district or alliance a briefing or an archive covers, with its schools and alliances from the directory. */
export interface ReportScope {
  scope: BriefingScope;
  districtId: string;
  allianceId: string | null;
  name: string;
  schools: { id: string; name: string }[];
  alliances: { id: string; name: string }[];
}

/** A district is not named in the services' directories: a briefing asks membership for the name and says 本区县 when it does not answer. */
export const DISTRICT_SCOPE_NAME = '本区县';

/**
 * The scope a caller asks for, checked: a district's briefings and archives are the district admin's, an
 * alliance's its alliance admin's (and the district admin's above). A district or alliance the caller
 * cannot see at all answers 404; one they see but do not run answers 403.
 */
export async function resolveReportScope(
  db: DataSource | EntityManager, scope: AccessScope, dto: { scope: BriefingScope; districtId?: string; allianceId?: string },
): Promise<ReportScope> {
  if (dto.scope === 'alliance') {
    if (!dto.allianceId) throw ValidationError.of('allianceId', 'activities.briefing.alliance-required');
    const [alliance]: { id: string; district_id: string; name: string | null }[] = await db.query(
      'SELECT id, district_id, name FROM directory_alliance WHERE id = $1', [dto.allianceId],
    );
    const member = alliance ? await db.query(
      'SELECT 1 FROM directory_member WHERE alliance_id = $1 AND active AND school_id = ANY($2::uuid[])', [alliance.id, scope.schoolIds()],
    ) as unknown[] : [];
    if (!alliance || !(scope.isAllianceAdmin(alliance.id, alliance.district_id) || member.length > 0)) throw new NotFoundError('Alliance', dto.allianceId);
    if (!scope.isAllianceAdmin(alliance.id, alliance.district_id)) throw ForbiddenError.of('activities.briefing.forbidden');
    const schools: { id: string; name: string }[] = await db.query(
      `SELECT ds.id, ds.name FROM directory_member m JOIN directory_school ds ON ds.id = m.school_id
        WHERE m.alliance_id = $1 AND m.active ORDER BY ds.name, ds.id`, [alliance.id],
    );
    const name = alliance.name ?? '';
    return { scope: 'alliance', districtId: alliance.district_id, allianceId: alliance.id, name, schools, alliances: [{ id: alliance.id, name }] };
  }
  if (!dto.districtId) throw ValidationError.of('districtId', 'activities.briefing.district-required');
  if (!scope.inDistrict(dto.districtId)) throw new NotFoundError('District', dto.districtId);
  if (!scope.isDistrictAdmin(dto.districtId)) throw ForbiddenError.of('activities.briefing.forbidden');
  if (!scope.adminDistrictIds().includes(dto.districtId)) {
    // the platform reaches every district: one this service's directory has never heard of does not exist here
    const known: unknown[] = await db.query(
      'SELECT 1 FROM directory_school WHERE district_id = $1 UNION ALL SELECT 1 FROM directory_alliance WHERE district_id = $1 LIMIT 1', [dto.districtId],
    );
    if (known.length === 0) throw new NotFoundError('District', dto.districtId);
  }
  const schools: { id: string; name: string }[] = await db.query('SELECT id, name FROM directory_school WHERE district_id = $1 ORDER BY name, id', [dto.districtId]);
  const alliances: { id: string; name: string }[] = await db.query(
    "SELECT id, COALESCE(name, '') AS name FROM directory_alliance WHERE district_id = $1 ORDER BY name, id", [dto.districtId],
  );
  return { scope: 'district', districtId: dto.districtId, allianceId: null, name: DISTRICT_SCOPE_NAME, schools, alliances };
}
