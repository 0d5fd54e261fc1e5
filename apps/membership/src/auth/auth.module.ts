import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { Passwords } from './passwords.js';
import { SessionStore } from './session.store.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, SessionStore, Passwords],
  exports: [AuthService, Passwords],
})
export class AuthModule {}
