import { EVENTS_SUBJECTS } from '@jiaolian/contracts';
import type { EventSubscription } from '@jiaolian/service-kit';
import type { ChangeLogWriter } from './change-log.writer.js';

export const CHANGE_LOG_DURABLE = 'integrations-change-log';

/**
 * Every domain event (`evt.>`) through the kit's consumer: exactly once through the inbox, in the
 * transaction that appends it to the change log. The writer is resolved when the first event arrives,
 * after the application's modules exist.
 */
export function changeLogSubscription(writer: () => ChangeLogWriter): EventSubscription {
  return {
    durable: CHANGE_LOG_DURABLE,
    filterSubject: EVENTS_SUBJECTS,
    handle: async (manager, event) => {
      await writer().record(manager, event);
    },
  };
}
