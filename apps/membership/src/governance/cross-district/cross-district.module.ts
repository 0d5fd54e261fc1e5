import { Module } from '@nestjs/common';
import { AlliancesModule } from '../../alliances/alliances.module.js';
import { CrossDistrictController } from './cross-district.controller.js';
import { InviteCandidatesService } from './invite-candidates.service.js';

/**
 * Alliances across districts (跨区域合作): a school of another district joins with both district
 * admins' approval. The join-request flow itself lives with alliances; this room holds the approvals.
 */
@Module({
  imports: [AlliancesModule],
  controllers: [CrossDistrictController],
  providers: [InviteCandidatesService],
})
export class CrossDistrictModule {}
