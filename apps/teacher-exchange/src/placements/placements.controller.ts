import {
  ApprovePlacementRequest, IdDto, ListPlacementsQueryDto, PlacementReasonRequest, ProposePlacementDto, TeacherExchangeSubjects, type Page,
  type PlacementView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PlacementsService } from './placements.service.js';

@Controller()
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @MessagePattern(TeacherExchangeSubjects.placementPropose)
  @Writes()
  propose(@Payload() dto: ProposePlacementDto, @Scope() scope: AccessScope): Promise<PlacementView> {
    return this.placements.propose(scope, dto);
  }

  @MessagePattern(TeacherExchangeSubjects.placementList)
  list(@Payload() query: ListPlacementsQueryDto, @Scope() scope: AccessScope): Promise<Page<PlacementView>> {
    return this.placements.list(scope, query);
  }

  @MessagePattern(TeacherExchangeSubjects.placementGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlacementView> {
    return this.placements.get(scope, dto.id);
  }

  @MessagePattern(TeacherExchangeSubjects.placementApprove)
  @Writes()
  approve(@Payload() dto: ApprovePlacementRequest, @Scope() scope: AccessScope): Promise<PlacementView> {
    return this.placements.approve(scope, dto.id, dto.body);
  }

  @MessagePattern(TeacherExchangeSubjects.placementReject)
  @Writes()
  reject(@Payload() dto: PlacementReasonRequest, @Scope() scope: AccessScope): Promise<PlacementView> {
    return this.placements.reject(scope, dto.id, dto.body.reason);
  }

  @MessagePattern(TeacherExchangeSubjects.placementActivate)
  @Writes()
  activate(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlacementView> {
    return this.placements.activate(scope, dto.id);
  }

  @MessagePattern(TeacherExchangeSubjects.placementComplete)
  @Writes()
  complete(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<PlacementView> {
    return this.placements.complete(scope, dto.id);
  }

  @MessagePattern(TeacherExchangeSubjects.placementCancel)
  @Writes()
  cancel(@Payload() dto: PlacementReasonRequest, @Scope() scope: AccessScope): Promise<PlacementView> {
    return this.placements.cancel(scope, dto.id, dto.body.reason);
  }
}
