import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@jiaolian/service-kit';
import type { Caller } from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export interface PausedSubscription {
  id: string;
  districtId: string;
  url: string;
  ownerKind: 'user' | 'client';
  ownerId: string;
  consecutiveFailures: number;
  failingSince: Date;
}

/**
 * Tells a subscription's owner that its endpoint was paused after failing too long. Until the
 * notification centre can take it, the pause is written to the audit log with the system as actor:
 * the owner finds it there, and the console shows the subscription as paused by failures.
 */
@Injectable()
export class WebhookOwnerNotice {
  constructor(private readonly audit: AuditWriter) {}

  async subscriptionPausedForFailures(manager: EntityManager, paused: PausedSubscription): Promise<void> {
    const system: Caller = { kind: 'system', id: 'integrations', displayName: 'webhook delivery', assignments: [], requestId: randomUUID() };
    await this.audit.record(manager, system, {
      districtId: paused.districtId, action: 'webhook.subscription.paused-for-failures', entityType: 'webhook_subscription', entityId: paused.id,
      before: { status: 'active' },
      after: {
        status: 'paused', pausedReason: 'failures', url: paused.url, owner: { kind: paused.ownerKind, id: paused.ownerId },
        consecutiveFailures: paused.consecutiveFailures, failingSince: paused.failingSince.toISOString(),
      },
    });
  }
}
