import { MembershipSubjects, type BodyRefView } from '@jiaolian/contracts';
import { AccessScope, BusClient, CallerTokens, DomainError, fieldError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';

/** How long membership has to answer whether a body exists. */
const BODY_CHECK_TIMEOUT_MS = 3_000;

/**
 * Checks the alliance body a plan or an activity names against membership, as the caller: it must be a
 * current body of the record's alliance that the caller may see. Unlike evidence links, a body that
 * cannot be checked is not kept: when membership does not answer, the change is refused (503) and
 * nothing is written.
 */
@Injectable()
export class AllianceBodies {
  constructor(private readonly bus: BusClient, private readonly tokens: CallerTokens) {}

  /** Throws 422 naming `bodyId` with `code` unless the body is a current body of the alliance the caller may see. */
  async assertOf(scope: AccessScope, bodyId: string, allianceId: string, code: 'activities.plan.body-not-found' | 'activities.activity.body-not-found'): Promise<void> {
    const { requestId, ...caller } = scope.caller;
    const callerToken = await this.tokens.sign(caller, 60);
    const [body] = await this.bus.request<BodyRefView[]>(MembershipSubjects.bodyRefs, { ids: [bodyId] }, { callerToken, requestId, timeoutMs: BODY_CHECK_TIMEOUT_MS });
    if (!body || body.allianceId !== allianceId || body.status !== 'active') {
      throw DomainError.coded('unprocessable', code, {}, [fieldError('bodyId', code)]);
    }
  }
}
