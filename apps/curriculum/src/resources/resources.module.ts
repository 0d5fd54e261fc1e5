import { createFileStore, NATS_CONNECTION } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { ResourcesController } from './resources.controller.js';
import { RESOURCE_FILE_STORE, ResourcesService } from './resources.service.js';

/**
 * Shared teaching resources: metadata, Chinese full-text search, downloads. Files live in the kit's
 * file store: the JetStream object store, or S3-compatible storage when OBJECT_STORE=s3.
 */
@Module({
  controllers: [ResourcesController],
  providers: [
    ResourcesService,
    { provide: RESOURCE_FILE_STORE, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => createFileStore(nc) },
  ],
  exports: [ResourcesService, RESOURCE_FILE_STORE],
})
export class ResourcesModule {}
