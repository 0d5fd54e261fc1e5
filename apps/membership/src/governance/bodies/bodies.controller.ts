import {
  AddBodyMemberRequest, BodyRefsQuery, CreateBodyRequest, DissolveBodyRequest, EndBodyMemberRequest, IdDto, ListBodiesRequest, ListBodyCandidatesRequest,
  MembershipSubjects, UpdateBodyRequest,
  type BodyCandidateView, type BodyDetailView, type BodyRefView, type BodyView, type Page, type UserBodyMembershipView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BodiesService } from './bodies.service.js';

@Controller()
export class BodiesController {
  constructor(private readonly bodies: BodiesService) {}

  @MessagePattern(MembershipSubjects.bodyCreate)
  @Writes()
  create(@Payload() dto: CreateBodyRequest, @Scope() scope: AccessScope): Promise<BodyDetailView> {
    return this.bodies.create(scope, dto.allianceId, dto.body);
  }

  @MessagePattern(MembershipSubjects.bodyList)
  list(@Payload() dto: ListBodiesRequest, @Scope() scope: AccessScope): Promise<BodyView[]> {
    return this.bodies.list(scope, dto.allianceId, dto);
  }

  @MessagePattern(MembershipSubjects.bodyGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<BodyDetailView> {
    return this.bodies.get(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.bodyUpdate)
  @Writes()
  update(@Payload() dto: UpdateBodyRequest, @Scope() scope: AccessScope): Promise<BodyDetailView> {
    return this.bodies.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(MembershipSubjects.bodyDissolve)
  @Writes()
  dissolve(@Payload() dto: DissolveBodyRequest, @Scope() scope: AccessScope): Promise<BodyDetailView> {
    return this.bodies.dissolve(scope, dto.id, dto.body.reason);
  }

  @MessagePattern(MembershipSubjects.bodyMemberAdd)
  @Writes()
  addMember(@Payload() dto: AddBodyMemberRequest, @Scope() scope: AccessScope): Promise<BodyDetailView> {
    return this.bodies.addMember(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.bodyMemberEnd)
  @Writes()
  endMember(@Payload() dto: EndBodyMemberRequest, @Scope() scope: AccessScope): Promise<BodyDetailView> {
    return this.bodies.endMember(scope, dto.bodyId, dto.memberId, dto.body);
  }

  @MessagePattern(MembershipSubjects.bodyCandidates)
  candidates(@Payload() dto: ListBodyCandidatesRequest, @Scope() scope: AccessScope): Promise<Page<BodyCandidateView>> {
    return this.bodies.candidates(scope, dto.allianceId, dto);
  }

  @MessagePattern(MembershipSubjects.userBodyMemberships)
  userMemberships(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<UserBodyMembershipView[]> {
    return this.bodies.userMemberships(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.bodyRefs)
  refs(@Payload() query: BodyRefsQuery, @Scope() scope: AccessScope): Promise<BodyRefView[]> {
    return this.bodies.refs(scope, query.ids);
  }
}
