import {
  DIRECTORY_ENTITIES, directorySubscription, type EventSubscription, type ServiceKitOptions, type SubscriptionDeps,
} from '@jiaolian/service-kit';
import { changeLogSubscription } from './changes/change-log.subscription.js';
import { ChangeLogWriter } from './changes/change-log.writer.js';
import { integrationsMigrations } from './migrations/index.js';
import { notificationsSubscription } from './notifications/notification-events.js';

export const SERVICE = 'integrations';

/** The service's tables, migrations and event subscriptions, as ServiceKitModule.forService takes them. */
export const integrationsKitOptions: ServiceKitOptions = {
  service: SERVICE,
  entities: [...DIRECTORY_ENTITIES],
  migrations: integrationsMigrations,
};

/**
 * The directory of districts, alliances and schools (membership events) tells whose rows are whose;
 * the change log takes every domain event the public catalogue publishes; the notification centre
 * turns domain events into notifications.
 */
export const integrationsSubscriptions = ({ bus, moduleRef }: SubscriptionDeps): EventSubscription[] => [
  directorySubscription(SERVICE),
  changeLogSubscription(() => moduleRef.get(ChangeLogWriter, { strict: false })),
  notificationsSubscription({ bus }),
];
