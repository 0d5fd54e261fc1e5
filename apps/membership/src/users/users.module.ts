import { Module } from '@nestjs/common';
import { Passwords } from '../auth/passwords.js';
import { DistrictsModule } from '../districts/districts.module.js';
import { RoleHoldersService } from './role-holders.service.js';
import { TeacherAccountsService } from './teacher-accounts.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [DistrictsModule],
  controllers: [UsersController],
  providers: [UsersService, RoleHoldersService, Passwords, TeacherAccountsService],
  exports: [UsersService],
})
export class UsersModule {}
