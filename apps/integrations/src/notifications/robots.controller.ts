import {
  CreateRobotDto, IdDto, ListRobotsQueryDto, NotificationSubjects as S, UpdateRobotRequest, type Page, type RobotTestView, type RobotView,
} from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RobotsService } from './robots.service.js';

@Controller()
export class RobotsController {
  constructor(private readonly robots: RobotsService) {}

  @MessagePattern(S.robotList)
  list(@Payload() query: ListRobotsQueryDto, @Scope() scope: AccessScope): Promise<Page<RobotView>> {
    return this.robots.list(scope, query);
  }

  @MessagePattern(S.robotCreate)
  create(@Payload() dto: CreateRobotDto, @Scope() scope: AccessScope): Promise<RobotView> {
    return this.robots.create(scope, dto);
  }

  @MessagePattern(S.robotUpdate)
  update(@Payload() dto: UpdateRobotRequest, @Scope() scope: AccessScope): Promise<RobotView> {
    return this.robots.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(S.robotDelete)
  async remove(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<{ deleted: true }> {
    await this.robots.remove(scope, dto.id);
    return { deleted: true };
  }

  @MessagePattern(S.robotTest)
  test(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<RobotTestView> {
    return this.robots.test(scope, dto.id);
  }
}
