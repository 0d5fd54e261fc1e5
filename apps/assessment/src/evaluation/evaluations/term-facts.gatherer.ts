import { termFactsSubject, type ServiceName, type TermFact, type TermFactsView } from '@jiaolian/contracts';
import { BusClient, CallerTokens, type AccessScope } from '@jiaolian/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { AssessmentTermFacts } from '../../term-facts/term-facts.service.js';

/** The services asked over the bus for their term facts (assessment's own are read in-process). */
const REMOTE_SERVICES: ServiceName[] = ['activities', 'teacher-exchange', 'curriculum'];

/** How long each service has to answer; a slow one leaves its indicators without data, not the evaluation waiting. */
const GATHER_TIMEOUT_MS = 15_000;

export interface GatheredFacts {
  facts: TermFact[];
  /** services whose facts came */
  answered: Set<string>;
  /** services whose facts did not come (their indicators show no data) */
  unavailable: string[];
}

/**
 * Asks every service for a district's term facts, never their tables. The caller has already been
 * checked to act on this district's evaluations; the services are asked as a system caller holding
 * district admin for this one district only, so an alliance admin's refresh reads the same figures a
 * district admin's would, and nothing beyond the district.
 */
@Injectable()
export class TermFactsGatherer {
  private readonly logger = new Logger(TermFactsGatherer.name);

  constructor(private readonly bus: BusClient, private readonly tokens: CallerTokens, private readonly own: AssessmentTermFacts) {}

  async gather(scope: AccessScope, districtId: string, term: string): Promise<GatheredFacts> {
    const callerToken = await this.tokens.sign(
      { kind: 'system', id: 'assessment:evaluation', displayName: 'term evaluation', assignments: [{ role: 'district_admin', districtId }] }, 120);
    const asks = REMOTE_SERVICES.map(async (service) => {
      const view = await this.bus.request<TermFactsView>(termFactsSubject(service), { districtId, term }, { callerToken, requestId: scope.caller.requestId, timeoutMs: GATHER_TIMEOUT_MS });
      return view.facts;
    });
    const results = await Promise.allSettled([...asks, this.own.facts(districtId, term)]);
    const services: string[] = [...REMOTE_SERVICES, 'assessment'];
    const facts: TermFact[] = [];
    const answered = new Set<string>();
    const unavailable: string[] = [];
    results.forEach((result, i) => {
      const service = services[i] as string;
      if (result.status === 'fulfilled') {
        facts.push(...result.value);
        answered.add(service);
      } else {
        this.logger.warn(`term facts of ${service} did not come: ${String(result.reason)}`);
        unavailable.push(service);
      }
    });
    return { facts, answered, unavailable };
  }
}
