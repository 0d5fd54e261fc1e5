import { createFileStore, NATS_CONNECTION, type FileStore } from '@jiaolian/service-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Provider } from '@nestjs/common';

/** The platform's file store (OBJECT_STORE), where briefings' renderings and term archives are kept. */
export const ACTIVITIES_FILE_STORE = Symbol('ACTIVITIES_FILE_STORE');

export const activitiesFileStoreProvider: Provider = {
  provide: ACTIVITIES_FILE_STORE,
  inject: [NATS_CONNECTION],
  useFactory: (nc: NatsConnection): FileStore => createFileStore(nc),
};
