import {
  LinkTeacherAccountRequest, ProvisionTeacherAccountsRequest, TeacherAccountsOfRequest, type TeacherAccountsResultView, type TeacherAccountView,
  AssignRoleRequest, CreateUserDto, IdDto, ListUsersQueryDto, MembershipSubjects, RevokeRoleRequest, RoleHoldersQuery, UpdateUserRequest, type Page, type RoleHolderView,
  type UserView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RoleHoldersService } from './role-holders.service.js';
import { TeacherAccountsService } from './teacher-accounts.service.js';
import { UsersService } from './users.service.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService, private readonly holders: RoleHoldersService, private readonly teacherAccounts: TeacherAccountsService) {}

  @MessagePattern(MembershipSubjects.userCreate)
  @Writes()
  create(@Payload() dto: CreateUserDto, @Scope() scope: AccessScope): Promise<UserView> {
    return this.users.create(scope, dto);
  }

  @MessagePattern(MembershipSubjects.userList)
  list(@Payload() query: ListUsersQueryDto, @Scope() scope: AccessScope): Promise<Page<UserView>> {
    return this.users.list(scope, query);
  }

  @MessagePattern(MembershipSubjects.userGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<UserView> {
    return this.users.get(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.userUpdate)
  @Writes()
  update(@Payload() dto: UpdateUserRequest, @Scope() scope: AccessScope): Promise<UserView> {
    return this.users.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(MembershipSubjects.roleAssign)
  @Writes()
  assign(@Payload() dto: AssignRoleRequest, @Scope() scope: AccessScope): Promise<UserView> {
    return this.users.assign(scope, dto.userId, dto.assignment);
  }

  @MessagePattern(MembershipSubjects.roleRevoke)
  @Writes()
  revoke(@Payload() dto: RevokeRoleRequest, @Scope() scope: AccessScope): Promise<UserView> {
    return this.users.revoke(scope, dto.userId, dto.assignmentId);
  }

  @MessagePattern(MembershipSubjects.roleHolders)
  roleHolders(@Payload() query: RoleHoldersQuery, @Scope() scope: AccessScope): Promise<RoleHolderView[]> {
    return this.holders.find(scope, query);
  }

  @MessagePattern(MembershipSubjects.teacherAccountsProvision)
  @Writes()
  provisionTeacherAccounts(@Payload() dto: ProvisionTeacherAccountsRequest, @Scope() scope: AccessScope): Promise<TeacherAccountsResultView> {
    return this.teacherAccounts.provision(scope, dto);
  }

  @MessagePattern(MembershipSubjects.teacherAccountsOf)
  teacherAccountsOf(@Payload() dto: TeacherAccountsOfRequest, @Scope() scope: AccessScope): Promise<TeacherAccountView[]> {
    return this.teacherAccounts.of(scope, dto);
  }

  @MessagePattern(MembershipSubjects.teacherAccountLink)
  @Writes()
  linkTeacherAccount(@Payload() dto: LinkTeacherAccountRequest, @Scope() scope: AccessScope): Promise<{ linked: boolean; changed: boolean }> {
    return this.teacherAccounts.link(scope, dto);
  }
}
