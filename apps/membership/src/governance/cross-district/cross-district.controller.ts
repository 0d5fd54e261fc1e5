import { ApproveJoinRequestRequest, MembershipSubjects, type JoinRequestView } from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { JoinRequestsService } from '../../alliances/join-requests.service.js';

/** Alliances across districts: the district admins' approvals of join requests across the boundary. */
@Controller()
export class CrossDistrictController {
  constructor(private readonly joinRequests: JoinRequestsService) {}

  @MessagePattern(MembershipSubjects.joinRequestApprove)
  @Writes()
  approve(@Payload() dto: ApproveJoinRequestRequest, @Scope() scope: AccessScope): Promise<JoinRequestView> {
    return this.joinRequests.approve(scope, dto.id, dto.body);
  }
}
