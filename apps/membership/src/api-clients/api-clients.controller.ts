import {
  CreateApiClientDto, IdDto, IssueClientTokenRequest, ListApiClientsQueryDto, MembershipSubjects, RotateApiClientSecretRequest, UpdateApiClientRequest,
  type ApiClientView, type ApiClientWithSecretView, type ClientTokenView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, PUBLIC_SUBJECTS, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApiClientsService } from './api-clients.service.js';

// The token request is how a client gets a token, so it cannot require one.
PUBLIC_SUBJECTS.add(MembershipSubjects.oauthToken);

@Controller()
export class ApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  @MessagePattern(MembershipSubjects.apiClientCreate)
  create(@Payload() dto: CreateApiClientDto, @Scope() scope: AccessScope): Promise<ApiClientWithSecretView> {
    return this.clients.create(scope, dto);
  }

  @MessagePattern(MembershipSubjects.apiClientList)
  list(@Payload() query: ListApiClientsQueryDto, @Scope() scope: AccessScope): Promise<Page<ApiClientView>> {
    return this.clients.list(scope, query);
  }

  @MessagePattern(MembershipSubjects.apiClientGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ApiClientView> {
    return this.clients.get(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.apiClientUpdate)
  update(@Payload() dto: UpdateApiClientRequest, @Scope() scope: AccessScope): Promise<ApiClientView> {
    return this.clients.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(MembershipSubjects.apiClientRotateSecret)
  rotateSecret(@Payload() dto: RotateApiClientSecretRequest, @Scope() scope: AccessScope): Promise<ApiClientWithSecretView> {
    return this.clients.rotateSecret(scope, dto.id, dto.body.graceSeconds);
  }

  @MessagePattern(MembershipSubjects.apiClientRevoke)
  revoke(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ApiClientView> {
    return this.clients.revoke(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.oauthToken)
  token(@Payload() dto: IssueClientTokenRequest): Promise<ClientTokenView> {
    return this.clients.issueToken(dto);
  }
}
