import { Module } from '@nestjs/common';
import { TeacherAccountsController } from './teacher-accounts.controller.js';
import { TeacherAccountsService } from './teacher-accounts.service.js';
import { TeacherImportService } from './teacher-import.service.js';
import { TeachersController } from './teachers.controller.js';
import { TeachersService } from './teachers.service.js';

@Module({
  controllers: [TeachersController, TeacherAccountsController],
  providers: [TeachersService, TeacherImportService, TeacherAccountsService],
  exports: [TeachersService, TeacherImportService],
})
export class TeachersModule {}
