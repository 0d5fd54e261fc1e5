import { type TermFact, type TermFactSource, type TermFactsQueryDto, type TermFactsView } from '@jiaolian/contracts';
import { ForbiddenError, ValidationError, type AccessScope } from '@jiaolian/service-kit';
import { isTerm } from '@jiaolian/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { ASSESSMENT_TERM_FACT_SOURCES } from './term-fact-sources.js';

/** Joins the facts of assessment's sources (exams, surveys …) into the service's one answer. */
@Injectable()
export class AssessmentTermFacts {
  constructor(@Inject(ASSESSMENT_TERM_FACT_SOURCES) private readonly sources: TermFactSource[]) {}

  async answer(scope: AccessScope, query: TermFactsQueryDto): Promise<TermFactsView> {
    if (!isTerm(query.term)) throw ValidationError.of('term', 'assessment.evaluation.term-invalid');
    if (!scope.isDistrictAdmin(query.districtId)) throw ForbiddenError.of('assessment.term-facts.forbidden');
    return { service: 'assessment', term: query.term, facts: await this.facts(query.districtId, query.term, query.keys) };
  }

  /** The facts of the sources that answer any of the keys (all of them when no keys are given). */
  async facts(districtId: string, term: string, keys?: string[]): Promise<TermFact[]> {
    const wanted = keys?.length ? new Set(keys) : undefined;
    const sources = this.sources.filter((s) => !wanted || s.keys.some((k) => wanted.has(k)));
    const facts = (await Promise.all(sources.map((s) => s.facts(districtId, term)))).flat();
    return wanted ? facts.filter((f) => wanted.has(f.key)) : facts;
  }
}
