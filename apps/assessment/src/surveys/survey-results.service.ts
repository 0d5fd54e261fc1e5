import {
  SURVEY_SATISFACTION_FACT, type SurveyAudience, type SurveyBreakdown, type SurveyFileView, type SurveyResultsView, type TermFact, type TermFactSource,
} from '@jiaolian/contracts';
import { AccessScope, ForbiddenError, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ASSESSMENT_FILES, storeGenerated } from '../scores/assessment-files.js';
import { tallySurvey, type ResponseRecord, type StoredAnswers } from './survey.rules.js';
import { readableSchools, SurveyStore } from './survey.store.js';
import { writeSurveyWorkbook } from './survey.workbook.js';

/**
 * Survey results under the anonymity threshold, their .xlsx export (built from the same tally, so it can
 * show nothing the screen does not) and nothing else: no route reads single responses.
 */
@Injectable()
export class SurveyResultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SurveyStore,
    @Inject(ASSESSMENT_FILES) private readonly files: FileStore,
  ) {}

  async results(scope: AccessScope, surveyId: string, breakdown: SurveyBreakdown = 'school-audience', now = new Date()): Promise<SurveyResultsView> {
    const survey = await this.store.visible(scope, surveyId);
    const schools = readableSchools(scope, survey);
    if (!schools.length) throw ForbiddenError.of('assessment.survey.manage-forbidden');
    const rows: { school_id: string; audience: SurveyAudience; answers: StoredAnswers }[] = await this.dataSource.query(
      'SELECT school_id, audience, answers FROM survey_response WHERE survey_id = $1 AND school_id = ANY($2::uuid[])', [surveyId, schools],
    );
    const responses: ResponseRecord[] = rows.map((r) => ({ schoolId: r.school_id, audience: r.audience, answers: r.answers }));
    const names = await this.schoolNames(schools);
    const order = [...schools].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'zh-CN'));
    const groupsOf = order.flatMap((schoolId) => survey.audiences.map((audience) => ({ schoolId, audience })));
    const tally = tallySurvey(survey.questions, responses, survey.minGroupSize, breakdown, groupsOf);
    return {
      survey: this.store.view(scope, survey, await this.store.hasAnswered(surveyId, scope.caller.id), now),
      breakdown, minGroupSize: survey.minGroupSize, shownResponses: tally.shownResponses, overall: tally.overall,
      groups: tally.groups.map((g) => ({
        key: g.key, school: g.schoolId ? { id: g.schoolId, name: names.get(g.schoolId) ?? '' } : null, audience: g.audience, shown: g.shown,
        responses: g.responses, questions: g.questions,
      })),
    };
  }

  /** The results as an .xlsx workbook in the file store: overall, then one block per group shown; groups under the threshold are left out. */
  async export(scope: AccessScope, surveyId: string, breakdown: SurveyBreakdown = 'school-audience'): Promise<SurveyFileView> {
    const results = await this.results(scope, surveyId, breakdown);
    return storeGenerated(this.files, `assessment/exports/${randomUUID()}`, `${results.survey.term}-${results.survey.title}-结果.xlsx`,
      (out) => writeSurveyWorkbook(out, results));
  }

  private async schoolNames(ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

/**
 * Survey satisfaction for the term evaluation (SURVEY_SATISFACTION_FACT): per school, over the district's
 * open and closed surveys of the term, each response's mean of its satisfaction Likert questions scaled to
 * 0–1 ((point − 1) / 4); numerator their sum, denominator the responses that answered one. Only responses in
 * school × audience cells that meet their survey's minimum count, so a school whose cells are all too small
 * has no fact at all.
 */
@Injectable()
export class SurveyTermFactSource implements TermFactSource {
  readonly keys = [SURVEY_SATISFACTION_FACT] as const;

  constructor(private readonly dataSource: DataSource) {}

  async facts(districtId: string, term: string): Promise<TermFact[]> {
    const rows: { school_id: string; numerator: string; denominator: number }[] = await this.dataSource.query(
      `WITH s AS (
         SELECT id, min_group_size,
                ARRAY(SELECT q->>'id' FROM jsonb_array_elements(questions) q WHERE q->>'kind' = 'likert' AND (q->>'satisfaction')::boolean) AS qids
           FROM survey WHERE district_id = $1 AND term = $2 AND status IN ('open', 'closed')
       ),
       cells AS (
         SELECT r.survey_id, r.school_id, r.audience FROM survey_response r JOIN s ON s.id = r.survey_id
          GROUP BY r.survey_id, r.school_id, r.audience, s.min_group_size HAVING count(*) >= s.min_group_size
       ),
       scored AS (
         SELECT r.school_id,
                (SELECT avg(((r.answers -> k ->> 'v')::numeric - 1) / 4) FROM unnest(s.qids) k WHERE r.answers -> k ? 'v') AS score
           FROM survey_response r
           JOIN s ON s.id = r.survey_id
           JOIN cells c ON c.survey_id = r.survey_id AND c.school_id = r.school_id AND c.audience = r.audience
       )
       SELECT school_id, sum(score)::text AS numerator, count(score)::int AS denominator
         FROM scored WHERE score IS NOT NULL GROUP BY school_id ORDER BY school_id`,
      [districtId, term],
    );
    return rows.map((r) => {
      const numerator = Math.round(Number(r.numerator) * 10_000) / 10_000;
      return { key: SURVEY_SATISFACTION_FACT, schoolId: r.school_id, value: Math.round((Number(r.numerator) / r.denominator) * 10_000) / 10_000, numerator, denominator: r.denominator };
    });
  }
}
