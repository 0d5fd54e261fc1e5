import {
  AssessmentSubjects, CorrectEvaluationRequest, CreateAwardDto, EnterScoresRequest, EVALUATION_STATUS_SUBJECT, EvaluationStatusQueryDto, EvaluationTransitionRequest,
  HistoryQueryDto, IdDto, IndicatorRequest, ListAwardsQueryDto, ListEvaluationsQueryDto, OpenEvaluationsDto, RankingQueryDto, type AwardView, type DrillDownView,
  type EvaluationDetailView, type EvaluationStatusView, type EvaluationVersionsView, type EvaluationView, type HistoryView, type OpenEvaluationsView, type Page, type RankingView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EvaluationsService } from './evaluations.service.js';
import { ResultsService } from './results.service.js';

@Controller()
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService, private readonly results: ResultsService) {}

  @MessagePattern(AssessmentSubjects.evaluationOpen)
  @Writes()
  open(@Payload() dto: OpenEvaluationsDto, @Scope() scope: AccessScope): Promise<OpenEvaluationsView> {
    return this.evaluations.open(scope, dto);
  }

  @MessagePattern(AssessmentSubjects.evaluationList)
  list(@Payload() query: ListEvaluationsQueryDto, @Scope() scope: AccessScope): Promise<Page<EvaluationView>> {
    return this.evaluations.list(scope, query);
  }

  @MessagePattern(AssessmentSubjects.evaluationGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<EvaluationDetailView> {
    return this.evaluations.get(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.evaluationVersions)
  versions(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<EvaluationVersionsView> {
    return this.evaluations.versions(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.evaluationRefresh)
  @Writes()
  refresh(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<EvaluationDetailView> {
    return this.evaluations.refresh(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.evaluationScore)
  @Writes()
  score(@Payload() dto: EnterScoresRequest, @Scope() scope: AccessScope): Promise<EvaluationDetailView> {
    return this.evaluations.score(scope, dto.id, dto.body);
  }

  @MessagePattern(AssessmentSubjects.evaluationTransition)
  @Writes()
  transition(@Payload() dto: EvaluationTransitionRequest, @Scope() scope: AccessScope): Promise<EvaluationDetailView> {
    return this.evaluations.transition(scope, dto.id, dto.body.action, dto.body.comment);
  }

  @MessagePattern(AssessmentSubjects.evaluationCorrect)
  @Writes()
  correct(@Payload() dto: CorrectEvaluationRequest, @Scope() scope: AccessScope): Promise<EvaluationDetailView> {
    return this.evaluations.correct(scope, dto.id, dto.body);
  }

  @MessagePattern(AssessmentSubjects.evaluationDrillDown)
  drillDown(@Payload() dto: IndicatorRequest, @Scope() scope: AccessScope): Promise<DrillDownView> {
    return this.evaluations.drillDown(scope, dto.id, dto.indicator);
  }

  @MessagePattern(AssessmentSubjects.evaluationRanking)
  ranking(@Payload() query: RankingQueryDto, @Scope() scope: AccessScope): Promise<RankingView> {
    return this.results.ranking(scope, query);
  }

  @MessagePattern(AssessmentSubjects.evaluationHistory)
  history(@Payload() query: HistoryQueryDto, @Scope() scope: AccessScope): Promise<HistoryView> {
    return this.results.history(scope, query);
  }

  @MessagePattern(EVALUATION_STATUS_SUBJECT)
  status(@Payload() query: EvaluationStatusQueryDto, @Scope() scope: AccessScope): Promise<EvaluationStatusView> {
    return this.results.status(scope, query);
  }

  @MessagePattern(AssessmentSubjects.awardCreate)
  @Writes()
  createAward(@Payload() dto: CreateAwardDto, @Scope() scope: AccessScope): Promise<AwardView> {
    return this.results.createAward(scope, dto);
  }

  @MessagePattern(AssessmentSubjects.awardList)
  awards(@Payload() query: ListAwardsQueryDto, @Scope() scope: AccessScope): Promise<Page<AwardView>> {
    return this.results.awards(scope, query);
  }
}
