import { DIRECTORY_ENTITIES, directorySubscription, type EventSubscription, type ServiceKitOptions } from '@jiaolian/service-kit';
import { assessmentMigrations } from './migrations/index.js';

export const SERVICE = 'assessment';

/** The service's tables, migrations and event subscriptions, as ServiceKitModule.forService takes them. */
export const assessmentKitOptions: ServiceKitOptions = {
  service: SERVICE,
  entities: [...DIRECTORY_ENTITIES],
  migrations: assessmentMigrations,
};

export const assessmentSubscriptions = (): EventSubscription[] => [directorySubscription(SERVICE)];
