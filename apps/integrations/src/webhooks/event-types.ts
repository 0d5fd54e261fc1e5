import { Injectable } from '@nestjs/common';
import { ActivitiesEvents, AssessmentEvents, CurriculumEvents, MembershipEvents, TeacherExchangeEvents } from '@jiaolian/contracts';

/**
 * The event types a subscription may name. Until the public event catalogue is merged in, they are
 * the domain events' subjects without the `evt.` prefix and version suffix
 * (`evt.activities.plan.status-changed.v1` → `activities.plan.status-changed`).
 */
@Injectable()
export class WebhookEventTypes {
  private readonly types: readonly string[] = [
    ...new Set(
      [MembershipEvents, TeacherExchangeEvents, CurriculumEvents, ActivitiesEvents, AssessmentEvents]
        .flatMap((events) => Object.values(events) as string[])
        .map((subject) => subject.replace(/^evt\./, '').replace(/\.v\d+$/, '')),
    ),
  ].sort();

  all(): readonly string[] {
    return this.types;
  }
}
