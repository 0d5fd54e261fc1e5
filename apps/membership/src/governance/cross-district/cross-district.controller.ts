import { ApproveJoinRequestRequest, ListInviteCandidatesRequest, MembershipSubjects, type InviteCandidateView, type JoinRequestView, type Page } from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { JoinRequestsService } from '../../alliances/join-requests.service.js';
import { InviteCandidatesService } from './invite-candidates.service.js';

/** Alliances across districts: the schools an alliance may invite, and the district admins' approvals of join requests across the boundary. */
@Controller()
export class CrossDistrictController {
  constructor(private readonly joinRequests: JoinRequestsService, private readonly candidates: InviteCandidatesService) {}

  @MessagePattern(MembershipSubjects.joinRequestApprove)
  @Writes()
  approve(@Payload() dto: ApproveJoinRequestRequest, @Scope() scope: AccessScope): Promise<JoinRequestView> {
    return this.joinRequests.approve(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.allianceInviteCandidates)
  inviteCandidates(@Payload() dto: ListInviteCandidatesRequest, @Scope() scope: AccessScope): Promise<Page<InviteCandidateView>> {
    const { allianceId, ...query } = dto;
    return this.candidates.list(scope, allianceId, query);
  }
}
