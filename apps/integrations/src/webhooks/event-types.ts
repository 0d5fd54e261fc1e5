import { Injectable } from '@nestjs/common';
import { PUBLIC_EVENT_TYPES } from '@jiaolian/contracts';

/** The event types a subscription may name: the public event catalogue's (docs/events.md). */
@Injectable()
export class WebhookEventTypes {
  all(): readonly string[] {
    return PUBLIC_EVENT_TYPES;
  }
}
