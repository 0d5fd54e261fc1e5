import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';

/** Sign-in, token refresh, sign-out and the signed-in user (answered by the membership service). */
@Module({ controllers: [AuthController] })
export class AuthModule {}
