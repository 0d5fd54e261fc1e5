import { DIRECTORY_ENTITIES, directorySubscription, type BusClient, type EventSubscription, type ServiceKitOptions } from '@jiaolian/service-kit';
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
 * the notification centre turns domain events into notifications.
 */
export const integrationsSubscriptions = (deps: { bus: BusClient }): EventSubscription[] => [directorySubscription(SERVICE), notificationsSubscription(deps)];
