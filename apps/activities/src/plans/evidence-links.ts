import {
  AssessmentSubjects, CurriculumSubjects, TeacherExchangeSubjects, type EvidenceLinkDto, type EvidenceLinkKind, type ExamView, type PlacementView,
  type ResourceView,
} from '@jiaolian/contracts';
import { AccessScope, BusClient, CallerTokens, DomainError, NotFoundError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { ActivitiesStore } from '../activities/activities.store.js';

export interface CheckedLink {
  kind: EvidenceLinkKind;
  refId: string;
  /** the object's name as its service told it; null when unverified */
  title: string | null;
  /** the owning service confirmed the caller may see it */
  verified: boolean;
}

/** How long a linked object's service has to answer before the link is kept unverified. */
const LINK_CHECK_TIMEOUT_MS = 3_000;

/**
 * Checks evidence links against the services that own the objects, as the caller: an activity here,
 * a placement in teacher exchange, a resource in curriculum, an exam in assessment. An object the
 * caller may not see (404 or 403 there) is refused naming the link; when the owning service does not
 * answer, the link is kept unverified and shown as a plain link, so reporting progress never waits on
 * another service being up.
 */
@Injectable()
export class EvidenceLinks {
  constructor(private readonly activities: ActivitiesStore, private readonly bus: BusClient, private readonly tokens: CallerTokens) {}

  async check(scope: AccessScope, links: EvidenceLinkDto[]): Promise<CheckedLink[]> {
    const checked: CheckedLink[] = [];
    for (const [index, link] of links.entries()) {
      try {
        checked.push({ kind: link.kind, refId: link.refId, title: await this.titleOf(scope, link), verified: true });
      } catch (error) {
        const kind = error instanceof DomainError ? error.kind : undefined;
        if (kind === 'not-found' || kind === 'forbidden' || kind === 'validation-failed') {
          throw ValidationError.of(`links.${index}.refId`, 'activities.plan.evidence-not-found', { evidenceKind: link.kind });
        }
        if (kind === 'unavailable' || kind === 'timeout') {
          checked.push({ kind: link.kind, refId: link.refId, title: null, verified: false });
          continue;
        }
        throw error;
      }
    }
    return checked;
  }

  private async titleOf(scope: AccessScope, link: EvidenceLinkDto): Promise<string> {
    switch (link.kind) {
      case 'activity':
        return (await this.activities.visibleRow(scope, link.refId)).title;
      case 'placement': {
        const placement = await this.ask<PlacementView>(scope, TeacherExchangeSubjects.placementGet, link.refId);
        return `${placement.teacherName} · ${placement.allianceName}`;
      }
      case 'resource':
        return (await this.ask<ResourceView>(scope, CurriculumSubjects.resourceGet, link.refId)).title;
      case 'exam':
        return (await this.ask<ExamView>(scope, AssessmentSubjects.examGet, link.refId)).name;
      default: {
        const never: never = link.kind;
        throw new NotFoundError('evidence', String(never));
      }
    }
  }

  /** Asks the owning service as the caller (a short-lived token of the same identity), so that its own tenancy rules decide. */
  private async ask<T>(scope: AccessScope, subject: string, id: string): Promise<T> {
    const { requestId, ...caller } = scope.caller;
    const callerToken = await this.tokens.sign(caller, 60);
    return this.bus.request<T>(subject, { id }, { callerToken, requestId, timeoutMs: LINK_CHECK_TIMEOUT_MS });
  }
}
