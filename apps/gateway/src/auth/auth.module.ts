import { Module } from '@nestjs/common';
import { LoginThrottle } from '../common/http/rate-limit.js';
import { GATEWAY_CONFIG } from '../common/tokens.js';
import type { GatewayConfig } from '../config.js';
import { AuthController } from './auth.controller.js';
import { OAuthController } from './oauth.controller.js';

/** Sign-in, token refresh, sign-out, the signed-in user and API clients' tokens (answered by the membership service). */
@Module({
  controllers: [AuthController, OAuthController],
  providers: [{
    provide: LoginThrottle,
    inject: [GATEWAY_CONFIG],
    useFactory: ({ rateLimit }: GatewayConfig) => new LoginThrottle({ maxFailures: rateLimit.loginMax, windowMs: rateLimit.loginWindowMs, disabled: rateLimit.disabled }),
  }],
})
export class AuthModule {}
