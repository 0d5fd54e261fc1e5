import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AssignRoleDto, CreateUserDto, ListUsersQueryDto, MembershipSubjects, UpdateUserDto, UserView,
  type AssignRoleRequest, type IdDto, type Page, type RevokeRoleRequest, type UpdateUserRequest,
} from '@jiaolian/contracts';
import { Call, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'List and search users', view: UserView, page: true })
  list(@Query() query: ListUsersQueryDto, @Call() call: CallContext): Promise<Page<UserView>> {
    return this.bus.request(call, MembershipSubjects.userList, query);
  }

  @Post()
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Create a user account', view: UserView, status: 201, problems: [409] })
  create(@Body() dto: CreateUserDto, @Call() call: CallContext): Promise<UserView> {
    return this.bus.request(call, MembershipSubjects.userCreate, dto);
  }

  @Get(':id')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'One user with their role assignments', view: UserView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<UserView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.userGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Change a user (name, status, password)', view: UserView, byId: true })
  update(@IdParam() id: string, @Body() changes: UpdateUserDto, @Call() call: CallContext): Promise<UserView> {
    const payload: UpdateUserRequest = { id, changes };
    return this.bus.request(call, MembershipSubjects.userUpdate, payload);
  }

  @Post(':id/roles')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Assign a role to a user', view: UserView, status: 201, byId: true, problems: [409] })
  assignRole(@IdParam() userId: string, @Body() assignment: AssignRoleDto, @Call() call: CallContext): Promise<UserView> {
    const payload: AssignRoleRequest = { userId, assignment };
    return this.bus.request(call, MembershipSubjects.roleAssign, payload);
  }

  @Delete(':id/roles/:assignmentId')
  @Roles('district_admin', 'school_admin')
  @ApiParam({ name: 'assignmentId', schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({ summary: 'Revoke a role assignment; answers the user with the assignments left', view: UserView, byId: true })
  revokeRole(@IdParam() userId: string, @IdParam('assignmentId') assignmentId: string, @Call() call: CallContext): Promise<UserView> {
    const payload: RevokeRoleRequest = { userId, assignmentId };
    return this.bus.request(call, MembershipSubjects.roleRevoke, payload);
  }
}
