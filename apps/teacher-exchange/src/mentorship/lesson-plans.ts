import { CurriculumSubjects, type ResourceView } from '@jiaolian/contracts';
import { AccessScope, BusClient, CallerTokens, DomainError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';

/** How long the resource library has to answer. */
const PLAN_CHECK_TIMEOUT_MS = 3_000;

/**
 * Checks a lesson plan against the resource library (curriculum), as the caller: a resource the caller
 * may not see there is refused naming the field, exactly like one that does not exist. When the
 * library does not answer, the lesson is refused as unavailable rather than kept with an unchecked id.
 */
@Injectable()
export class LessonPlans {
  constructor(private readonly bus: BusClient, private readonly tokens: CallerTokens) {}

  async title(scope: AccessScope, resourceId: string): Promise<string> {
    const { requestId, ...caller } = scope.caller;
    const callerToken = await this.tokens.sign(caller, 60);
    try {
      const resource = await this.bus.request<ResourceView>(CurriculumSubjects.resourceGet, { id: resourceId }, { callerToken, requestId, timeoutMs: PLAN_CHECK_TIMEOUT_MS });
      return resource.title;
    } catch (error) {
      const kind = error instanceof DomainError ? error.kind : undefined;
      if (kind === 'not-found' || kind === 'forbidden' || kind === 'validation-failed') throw ValidationError.of('lessonPlanId', 'exchange.mentorship.plan-not-found');
      if (kind === 'unavailable' || kind === 'timeout') throw DomainError.coded('unavailable', 'exchange.mentorship.plan-unavailable');
      throw error;
    }
  }
}
