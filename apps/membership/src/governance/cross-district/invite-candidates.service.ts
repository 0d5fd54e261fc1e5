import type { InviteCandidateView, ListInviteCandidatesQueryDto, Page } from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, likePattern, NotFoundError, pageWindow, toPage } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllianceEntity } from '../../alliances/alliance.entity.js';
import { canSeeAlliance } from '../../common/access.js';

/**
 * The schools an alliance admin may invite: not active members of the alliance, of its own district and
 * (across districts) of the other districts of the same province. A school of another district shows
 * only who and where it is, with its district's name: nothing else of that district is read.
 */
@Injectable()
export class InviteCandidatesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: AccessScope, allianceId: string, query: ListInviteCandidatesQueryDto): Promise<Page<InviteCandidateView>> {
    const alliance = await this.dataSource.getRepository(AllianceEntity).findOne({ where: { id: allianceId } });
    if (!alliance || !canSeeAlliance(scope, alliance)) throw new NotFoundError('alliance', allianceId);
    if (!scope.isAllianceAdmin(alliance.id, alliance.districtId)) throw ForbiddenError.of('membership.join-request.invite-forbidden');
    const window = pageWindow(query);
    const params: unknown[] = [alliance.id, alliance.districtId];
    const districts = query.districts ?? 'all';
    let filter = districts === 'own' ? ' AND s.district_id = $2' : districts === 'other' ? ' AND s.district_id <> $2' : '';
    if (query.q) { params.push(likePattern(query.q)); filter += ` AND s.name ILIKE $${params.length} ESCAPE '\\'`; }
    const from = `FROM school s JOIN district d ON d.id = s.district_id JOIN district home ON home.id = $2
      WHERE d.province IS NOT DISTINCT FROM home.province
        AND NOT EXISTS (SELECT 1 FROM alliance_member m WHERE m.alliance_id = $1 AND m.school_id = s.id AND m.left_at IS NULL)${filter}`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*) AS n ${from}`, params) as { n: string }[];
    const rows: { id: string; name: string; township: string; locale: string; district_id: string; district_name: string }[] = await this.dataSource.query(
      `SELECT s.id, s.name, s.township, s.locale, s.district_id, d.name AS district_name ${from}
        ORDER BY (s.district_id = $2) DESC, d.name, s.name, s.id LIMIT ${window.pageSize} OFFSET ${window.offset}`,
      params,
    );
    return toPage(rows.map((r) => ({
      id: r.id, name: r.name, township: r.township, locale: r.locale, district: { id: r.district_id, name: r.district_name }, crossDistrict: r.district_id !== alliance.districtId,
    })), Number(n), window);
  }
}
