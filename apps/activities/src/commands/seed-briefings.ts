import { termOf } from '@jiaolian/contracts';
import type { AccessScope } from '@jiaolian/service-kit';
import type { DataSource } from 'typeorm';
import type { ArchivesService } from '../archives/archives.service.js';
import type { BriefingsService } from '../briefings/briefings.service.js';
import { shanghaiDate } from '../common/time.js';

/**
 * Demo briefings and archive: the integrated alliance's briefing of the current term so far, the
 * district's briefing of the current quarter, and the alliance's archive of the current term (queued
 * here, built by the running service's worker). Skipped when the alliance has a briefing already.
 */
export async function seedDemoBriefings(
  briefings: BriefingsService, archives: ArchivesService, dataSource: DataSource, scope: AccessScope, allianceId: string, now = new Date(),
): Promise<void> {
  const [existing] = await dataSource.query('SELECT 1 FROM briefing WHERE alliance_id = $1 LIMIT 1', [allianceId]);
  if (existing) return;
  const [{ district_id: districtId }]: { district_id: string }[] = await dataSource.query('SELECT district_id FROM directory_alliance WHERE id = $1', [allianceId]);
  const today = shanghaiDate(now);
  const term = termOf(today);
  const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  await briefings.create(scope, { scope: 'alliance', allianceId, term }, now);
  await briefings.create(scope, { scope: 'district', districtId, quarter }, now);
  await archives.create(scope, { scope: 'alliance', allianceId, term });
}
