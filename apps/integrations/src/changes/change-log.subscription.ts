import { EVENTS_SUBJECTS } from '@jiaolian/contracts';
import type { EventSubscription } from '@jiaolian/service-kit';
import type { ChangeLogWriter } from './change-log.writer.js';

export const CHANGE_LOG_DURABLE = 'integrations-change-log';

/**
 * Every domain event (`evt.>`) through the kit's consumer: exactly once through the inbox, in the
 * transaction that appends it to the change log. Ordered: one event at a time across all replicas, so
 * the log (and the webhooks fanned out from it) keeps the stream's order, and the changes of one object
 * never swap places. The writer is resolved when the first event arrives, after the modules exist.
 */
export function changeLogSubscription(writer: () => ChangeLogWriter): EventSubscription {
  return {
    durable: CHANGE_LOG_DURABLE,
    filterSubject: EVENTS_SUBJECTS,
    ordered: true,
    handle: async (manager, event) => {
      await writer().record(manager, event);
    },
  };
}
