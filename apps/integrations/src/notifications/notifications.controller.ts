import {
  IdDto, ListNotificationsRequest, NotificationPreferencesDto, NotificationSubjects as S, type MarkedReadView, type NotificationPreferencesView,
  type NotificationView, type Page, type UnreadCountView,
} from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationsService } from './notifications.service.js';

@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @MessagePattern(S.list)
  list(@Payload() query: ListNotificationsRequest, @Scope() scope: AccessScope): Promise<Page<NotificationView>> {
    return this.notifications.list(scope, query);
  }

  @MessagePattern(S.unreadCount)
  unreadCount(@Scope() scope: AccessScope): Promise<UnreadCountView> {
    return this.notifications.unreadCount(scope);
  }

  @MessagePattern(S.markRead)
  markRead(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<MarkedReadView> {
    return this.notifications.markRead(scope, dto.id);
  }

  @MessagePattern(S.markAllRead)
  markAllRead(@Scope() scope: AccessScope): Promise<MarkedReadView> {
    return this.notifications.markAllRead(scope);
  }

  @MessagePattern(S.preferencesGet)
  preferences(@Scope() scope: AccessScope): Promise<NotificationPreferencesView> {
    return this.notifications.preferences(scope);
  }

  @MessagePattern(S.preferencesSet)
  setPreferences(@Payload() dto: NotificationPreferencesDto, @Scope() scope: AccessScope): Promise<NotificationPreferencesView> {
    return this.notifications.setPreferences(scope, dto);
  }
}
