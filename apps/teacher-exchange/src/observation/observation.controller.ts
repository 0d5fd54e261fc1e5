import {
  IdDto, ListObservationsQueryDto, ObservationStatsQueryDto, RecordObservationDto, RubricQueryDto, SaveRubricDto, TeacherExchangeSubjects as S,
  type ObservationStatsView, type ObservationView, type Page, type RubricView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ObservationService } from './observation.service.js';

@Controller()
export class ObservationController {
  constructor(private readonly observations: ObservationService) {}

  @MessagePattern(S.rubricGet)
  rubric(@Payload() query: RubricQueryDto, @Scope() scope: AccessScope): Promise<RubricView> {
    return this.observations.rubric(scope, query.districtId, query.version);
  }

  @MessagePattern(S.rubricSave)
  @Writes()
  saveRubric(@Payload() dto: SaveRubricDto, @Scope() scope: AccessScope): Promise<RubricView> {
    return this.observations.saveRubric(scope, dto);
  }

  @MessagePattern(S.observationRecord)
  @Writes()
  record(@Payload() dto: RecordObservationDto, @Scope() scope: AccessScope): Promise<ObservationView> {
    return this.observations.record(scope, dto);
  }

  @MessagePattern(S.observationList)
  list(@Payload() query: ListObservationsQueryDto, @Scope() scope: AccessScope): Promise<Page<ObservationView>> {
    return this.observations.list(scope, query);
  }

  @MessagePattern(S.observationGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ObservationView> {
    return this.observations.get(scope, dto.id);
  }

  @MessagePattern(S.observationStats)
  stats(@Payload() query: ObservationStatsQueryDto, @Scope() scope: AccessScope): Promise<ObservationStatsView> {
    return this.observations.stats(scope, query);
  }
}
