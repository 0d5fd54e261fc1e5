import { Injectable } from '@nestjs/common';
import { AuditWriter, BusClient, CallerTokens } from '@jiaolian/service-kit';
import type { Caller } from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { busLookups } from '../notifications/notification-events.js';
import { postNotification } from '../notifications/index.js';

export interface PausedSubscription {
  id: string;
  districtId: string;
  url: string;
  ownerKind: 'user' | 'client';
  ownerId: string;
  consecutiveFailures: number;
  failingSince: Date;
}

/** Where the console shows a subscription and its delivery log. */
const subscriptionLink = (id: string): string => `/webhooks/${id}`;

/**
 * Tells a subscription's owner that its endpoint was paused after failing too long: a notification
 * (bell, e-mail if they asked for it) to the user who owns it, or, for an API client's subscription, to
 * its district's admins, who registered the client. The pause is also audited with the system as actor.
 */
@Injectable()
export class WebhookOwnerNotice {
  constructor(private readonly audit: AuditWriter, private readonly bus: BusClient, private readonly tokens: CallerTokens) {}

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
    const recipients = paused.ownerKind === 'user'
      ? [{ userId: paused.ownerId }]
      : (await busLookups(this.bus, this.tokens).holders(paused.districtId, ['district_admin'], {})).map((h) => ({ userId: h.userId, email: h.email }));
    await postNotification(manager, {
      districtId: paused.districtId, kind: 'webhook.paused', params: { endpoint: endpointOf(paused.url) }, link: subscriptionLink(paused.id), recipients,
    });
  }
}

/** The endpoint as people recognise it: scheme, host and path, without a query that may hold a token. */
function endpointOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url.slice(0, 200);
  }
}
