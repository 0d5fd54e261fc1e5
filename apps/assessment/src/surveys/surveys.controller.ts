import {
  AssessmentSubjects, CreateSurveyDto, CreateSurveyTemplateDto, IdDto, IssueTokensRequest, ListSurveysQueryDto, ListTemplatesQueryDto, PublicAnswerRequest,
  SubmitSurveyResponseRequest, SurveyDeadlinesQuery, SurveyResultsRequest, SurveyTokenDto, SurveyTransitionRequest, UpdateSurveyRequest, UpdateSurveyTemplateRequest,
  type IssuedTokensView, type SurveyDeadlineView, type Page, type PublicSurveyView, type ResponseReceiptView, type SurveyFileView, type SurveyResultsView, type SurveyTemplateView,
  type SurveyView, type TokenBatchView,
} from '@jiaolian/contracts';
import { AccessScope, PUBLIC_SUBJECTS, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SurveyAnswersService } from './survey-answers.service.js';
import { SurveyDeadlinesService } from './survey-deadlines.service.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveysService } from './surveys.service.js';

// Parents and students answer without an account: the one-time token in the payload is the credential, checked by the service.
PUBLIC_SUBJECTS.add(AssessmentSubjects.surveyPublicGet);
PUBLIC_SUBJECTS.add(AssessmentSubjects.surveyPublicAnswer);

@Controller()
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService, private readonly answers: SurveyAnswersService, private readonly results: SurveyResultsService,
    private readonly deadlinesOf: SurveyDeadlinesService,
  ) {}

  @MessagePattern(AssessmentSubjects.surveyTemplateCreate)
  @Writes()
  createTemplate(@Payload() dto: CreateSurveyTemplateDto, @Scope() scope: AccessScope): Promise<SurveyTemplateView> {
    return this.surveys.createTemplate(scope, dto);
  }

  @MessagePattern(AssessmentSubjects.surveyTemplateList)
  listTemplates(@Payload() query: ListTemplatesQueryDto, @Scope() scope: AccessScope): Promise<Page<SurveyTemplateView>> {
    return this.surveys.listTemplates(scope, query);
  }

  @MessagePattern(AssessmentSubjects.surveyTemplateGet)
  getTemplate(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<SurveyTemplateView> {
    return this.surveys.getTemplate(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.surveyTemplateUpdate)
  @Writes()
  updateTemplate(@Payload() dto: UpdateSurveyTemplateRequest, @Scope() scope: AccessScope): Promise<SurveyTemplateView> {
    return this.surveys.updateTemplate(scope, dto.id, dto.changes);
  }

  @MessagePattern(AssessmentSubjects.surveyCreate)
  @Writes()
  create(@Payload() dto: CreateSurveyDto, @Scope() scope: AccessScope): Promise<SurveyView> {
    return this.surveys.create(scope, dto);
  }

  @MessagePattern(AssessmentSubjects.surveyList)
  list(@Payload() query: ListSurveysQueryDto, @Scope() scope: AccessScope): Promise<Page<SurveyView>> {
    return this.surveys.list(scope, query);
  }

  @MessagePattern(AssessmentSubjects.surveyMine)
  mine(@Scope() scope: AccessScope): Promise<SurveyView[]> {
    return this.surveys.mine(scope);
  }

  @MessagePattern(AssessmentSubjects.surveyGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<SurveyView> {
    return this.surveys.get(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.surveyUpdate)
  @Writes()
  update(@Payload() dto: UpdateSurveyRequest, @Scope() scope: AccessScope): Promise<SurveyView> {
    return this.surveys.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(AssessmentSubjects.surveyTransition)
  @Writes()
  transition(@Payload() dto: SurveyTransitionRequest, @Scope() scope: AccessScope): Promise<SurveyView> {
    return this.surveys.transition(scope, dto.id, dto.body.action);
  }

  @MessagePattern(AssessmentSubjects.surveyRespond)
  @Writes()
  respond(@Payload() dto: SubmitSurveyResponseRequest, @Scope() scope: AccessScope): Promise<ResponseReceiptView> {
    return this.answers.respond(scope, dto.id, dto.body);
  }

  @MessagePattern(AssessmentSubjects.surveyTokensIssue)
  @Writes()
  issue(@Payload() dto: IssueTokensRequest, @Scope() scope: AccessScope): Promise<IssuedTokensView> {
    return this.answers.issueTokens(scope, dto.id, dto.body);
  }

  @MessagePattern(AssessmentSubjects.surveyTokenBatches)
  batches(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<TokenBatchView[]> {
    return this.answers.batches(scope, dto.id);
  }

  @MessagePattern(AssessmentSubjects.surveyPublicGet)
  publicGet(@Payload() dto: SurveyTokenDto): Promise<PublicSurveyView> {
    return this.answers.publicGet(dto.token);
  }

  @MessagePattern(AssessmentSubjects.surveyPublicAnswer)
  @Writes()
  publicAnswer(@Payload() dto: PublicAnswerRequest): Promise<ResponseReceiptView> {
    return this.answers.publicAnswer(dto.token, dto.body.answers);
  }

  @MessagePattern(AssessmentSubjects.surveyResults)
  resultsOf(@Payload() dto: SurveyResultsRequest, @Scope() scope: AccessScope): Promise<SurveyResultsView> {
    return this.results.results(scope, dto.id, dto.breakdown);
  }

  @MessagePattern(AssessmentSubjects.surveyResultsExport)
  export(@Payload() dto: SurveyResultsRequest, @Scope() scope: AccessScope): Promise<SurveyFileView> {
    return this.results.export(scope, dto.id, dto.breakdown);
  }

  @MessagePattern(AssessmentSubjects.surveyDeadlines)
  deadlines(@Payload() query: SurveyDeadlinesQuery, @Scope() scope: AccessScope): Promise<SurveyDeadlineView[]> {
    return this.deadlinesOf.deadlines(scope, query);
  }
}
