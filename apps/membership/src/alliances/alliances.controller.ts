import {
  ApplyToAllianceRequest, CreateAllianceDto, DissolveAllianceRequest, IdDto, InviteSchoolRequest, LeaveAllianceRequest,
  ListAlliancesQueryDto, ListJoinRequestsQueryDto, MembershipSubjects, RespondJoinRequestRequest, UpdateAllianceRequest,
  type AllianceDetailView, type AllianceView, type JoinRequestView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AlliancesService } from './alliances.service.js';
import { JoinRequestsService } from './join-requests.service.js';

@Controller()
export class AlliancesController {
  constructor(private readonly alliances: AlliancesService, private readonly joinRequests: JoinRequestsService) {}

  @MessagePattern(MembershipSubjects.allianceCreate)
  @Writes()
  create(@Payload() dto: CreateAllianceDto, @Scope() scope: AccessScope): Promise<AllianceDetailView> {
    return this.alliances.create(scope, dto);
  }

  @MessagePattern(MembershipSubjects.allianceList)
  list(@Payload() query: ListAlliancesQueryDto, @Scope() scope: AccessScope): Promise<Page<AllianceView>> {
    return this.alliances.list(scope, query);
  }

  @MessagePattern(MembershipSubjects.allianceGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<AllianceDetailView> {
    return this.alliances.get(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.allianceUpdate)
  @Writes()
  update(@Payload() dto: UpdateAllianceRequest, @Scope() scope: AccessScope): Promise<AllianceDetailView> {
    return this.alliances.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(MembershipSubjects.allianceActivate)
  @Writes()
  activate(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<AllianceDetailView> {
    return this.alliances.activate(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.allianceDissolve)
  @Writes()
  dissolve(@Payload() dto: DissolveAllianceRequest, @Scope() scope: AccessScope): Promise<AllianceDetailView> {
    return this.alliances.dissolve(scope, dto.id, dto.body.reason);
  }

  @MessagePattern(MembershipSubjects.allianceLeave)
  @Writes()
  leave(@Payload() dto: LeaveAllianceRequest, @Scope() scope: AccessScope): Promise<AllianceDetailView> {
    return this.alliances.leave(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.allianceInvite)
  @Writes()
  invite(@Payload() dto: InviteSchoolRequest, @Scope() scope: AccessScope): Promise<JoinRequestView> {
    return this.joinRequests.invite(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.allianceApply)
  @Writes()
  apply(@Payload() dto: ApplyToAllianceRequest, @Scope() scope: AccessScope): Promise<JoinRequestView> {
    return this.joinRequests.apply(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.joinRequestList)
  listJoinRequests(@Payload() query: ListJoinRequestsQueryDto, @Scope() scope: AccessScope): Promise<Page<JoinRequestView>> {
    return this.joinRequests.list(scope, query);
  }

  @MessagePattern(MembershipSubjects.joinRequestRespond)
  @Writes()
  respond(@Payload() dto: RespondJoinRequestRequest, @Scope() scope: AccessScope): Promise<JoinRequestView> {
    return this.joinRequests.respond(scope, dto.id, dto.body);
  }
}
