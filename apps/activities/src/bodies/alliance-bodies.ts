import { MembershipSubjects, type BodyRefView } from '@jiaolian/contracts';
import { AccessScope, BusClient, CallerTokens, DomainError, fieldError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';

/** How long membership has to answer whether a body exists. */
const BODY_CHECK_TIMEOUT_MS = 3_000;

/**
 * Checks the alliance body a plan names against membership, as the caller: it must be a current body
 * of the plan's alliance that the caller may see. Unlike evidence links, an owner that cannot be checked
 * is not kept: when membership does not answer, the change is refused (503) and nothing is written.
 */
@Injectable()
export class PlanBodies {
  constructor(private readonly bus: BusClient, private readonly tokens: CallerTokens) {}

  async assertOwner(scope: AccessScope, bodyId: string, allianceId: string): Promise<void> {
    const { requestId, ...caller } = scope.caller;
    const callerToken = await this.tokens.sign(caller, 60);
    const [body] = await this.bus.request<BodyRefView[]>(MembershipSubjects.bodyRefs, { ids: [bodyId] }, { callerToken, requestId, timeoutMs: BODY_CHECK_TIMEOUT_MS });
    if (!body || body.allianceId !== allianceId || body.status !== 'active') {
      throw DomainError.coded('unprocessable', 'activities.plan.body-not-found', {}, [fieldError('bodyId', 'activities.plan.body-not-found')]);
    }
  }
}
