import { Module } from '@nestjs/common';
import { TeacherImportService } from './teacher-import.service.js';
import { TeachersController } from './teachers.controller.js';
import { TeachersService } from './teachers.service.js';

@Module({ controllers: [TeachersController], providers: [TeachersService, TeacherImportService], exports: [TeachersService, TeacherImportService] })
export class TeachersModule {}
