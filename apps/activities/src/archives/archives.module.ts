import { Module } from '@nestjs/common';
import { activitiesFileStoreProvider } from '../common/file-store.js';
import { ArchiveWorker } from './archive-worker.js';
import { ArchivesController } from './archives.controller.js';
import { ArchivesService } from './archives.service.js';

/** The semester archive (学期归档): one zip of a term's records per district or alliance, built in the background and kept in the file store. */
@Module({ controllers: [ArchivesController], providers: [ArchivesService, ArchiveWorker, activitiesFileStoreProvider], exports: [ArchivesService, ArchiveWorker] })
export class ArchivesModule {}
