import { DIRECTORY_ENTITIES, directorySubscription, type EventSubscription, type ServiceKitOptions } from '@jiaolian/service-kit';
import { curriculumMigrations } from './migrations/index.js';

export const SERVICE = 'curriculum';

/** The service's tables, migrations and event subscriptions, as ServiceKitModule.forService takes them. */
export const curriculumKitOptions: ServiceKitOptions = {
  service: SERVICE,
  entities: [...DIRECTORY_ENTITIES],
  migrations: curriculumMigrations,
};

export const curriculumSubscriptions = (): EventSubscription[] => [directorySubscription(SERVICE)];
