import { ChangePasswordDto, LoginDto, LogoutRequest, MembershipSubjects, RefreshDto, type Caller, type MeView, type TokenPairView } from '@jiaolian/contracts';
import { CurrentCaller, PUBLIC_SUBJECTS, REQUEST_ID_HEADER, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { AuthService } from './auth.service.js';

// Login and refresh are how a caller gets a token, so they cannot require one.
PUBLIC_SUBJECTS.add(MembershipSubjects.authLogin);
PUBLIC_SUBJECTS.add(MembershipSubjects.authRefresh);

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(MembershipSubjects.authLogin)
  login(@Payload() dto: LoginDto, @Ctx() context: NatsContext): Promise<TokenPairView> {
    return this.auth.login(dto, context.getHeaders()?.get(REQUEST_ID_HEADER) || randomUUID());
  }

  @MessagePattern(MembershipSubjects.authRefresh)
  refresh(@Payload() dto: RefreshDto, @Ctx() context: NatsContext): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken, context.getHeaders()?.get(REQUEST_ID_HEADER) || randomUUID());
  }

  @MessagePattern(MembershipSubjects.authLogout)
  async logout(@Payload() dto: LogoutRequest, @CurrentCaller() caller: Caller): Promise<{ revoked: true }> {
    await this.auth.logout(caller, dto.refreshToken);
    return { revoked: true };
  }

  @MessagePattern(MembershipSubjects.authMe)
  me(@CurrentCaller() caller: Caller): Promise<MeView> {
    return this.auth.me(caller);
  }

  @MessagePattern(MembershipSubjects.authChangePassword)
  @Writes()
  changePassword(@Payload() dto: ChangePasswordDto, @CurrentCaller() caller: Caller): Promise<TokenPairView> {
    return this.auth.changePassword(caller, dto);
  }
}
