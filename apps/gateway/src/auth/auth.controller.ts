import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import { ChangePasswordDto, LoginDto, MembershipSubjects, MeView, RefreshDto, TokenPairView, type LogoutRequest } from '@jiaolian/contracts';
import { ANY_ROLE, BeforePasswordChange, Call, Public, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginThrottle, loginRateLimit } from '../common/http/rate-limit.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly bus: GatewayBus, private readonly throttle: LoginThrottle) {}

  @Post('auth/login')
  @Public()
  @RouteConfig({ rateLimit: loginRateLimit() })
  @ApiRoute({ summary: 'Sign in with username and password (failed attempts are limited per account and address)', view: TokenPairView, problems: [401] })
  login(
    @Body() dto: LoginDto, @Call() call: CallContext, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairView> {
    return this.throttle.attempt(
      LoginThrottle.keyOf(request.ip, dto.username),
      () => this.bus.request(call, MembershipSubjects.authLogin, dto),
      (seconds) => void reply.header('retry-after', String(seconds)),
    );
  }

  @Post('auth/refresh')
  @Public()
  @RouteConfig({ rateLimit: loginRateLimit() })
  @ApiRoute({ summary: 'Exchange a refresh token for a new token pair (the old refresh token stops working)', view: TokenPairView, problems: [401] })
  refresh(@Body() dto: RefreshDto, @Call() call: CallContext): Promise<TokenPairView> {
    return this.bus.request(call, MembershipSubjects.authRefresh, dto);
  }

  @Post('auth/logout')
  @Roles(...ANY_ROLE)
  @BeforePasswordChange()
  @ApiRoute({ summary: 'Revoke a refresh token', status: 204 })
  async logout(@Body() dto: RefreshDto, @Call() call: CallContext): Promise<void> {
    const request: LogoutRequest = { refreshToken: dto.refreshToken };
    await this.bus.request(call, MembershipSubjects.authLogout, request);
  }

  @Get('me')
  @Roles(...ANY_ROLE)
  @BeforePasswordChange()
  @ApiRoute({ summary: 'The signed-in user and their role assignments', view: MeView })
  me(@Call() call: CallContext): Promise<MeView> {
    return this.bus.request(call, MembershipSubjects.authMe, {});
  }

  @Post('me/password')
  @Roles(...ANY_ROLE)
  @BeforePasswordChange()
  @RouteConfig({ rateLimit: loginRateLimit() })
  @ApiRoute({
    summary: 'Change your own password (required after the first login with a handed-out password); ends your other sessions and answers a new token pair',
    view: TokenPairView,
  })
  changePassword(@Body() dto: ChangePasswordDto, @Call() call: CallContext): Promise<TokenPairView> {
    return this.bus.request(call, MembershipSubjects.authChangePassword, dto);
  }
}
