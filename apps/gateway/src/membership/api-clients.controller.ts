import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiClientView, ApiClientWithSecretView, CreateApiClientDto, ListApiClientsQueryDto, MembershipSubjects, RotateApiClientSecretDto, UpdateApiClientDto,
  type IdDto, type Page, type RotateApiClientSecretRequest, type UpdateApiClientRequest,
} from '@jiaolian/contracts';
import { Call, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

/** API clients (第三方应用) of a district, managed by its admins; no API client may use these routes (no scopes). */
@ApiTags('api-clients')
@Controller('api-clients')
export class ApiClientsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles('district_admin')
  @ApiRoute({ summary: "List and search the district's API clients", view: ApiClientView, page: true })
  list(@Query() query: ListApiClientsQueryDto, @Call() call: CallContext): Promise<Page<ApiClientView>> {
    return this.bus.request(call, MembershipSubjects.apiClientList, query);
  }

  @Post()
  @Roles('district_admin')
  @ApiRoute({ summary: 'Register an API client; the answer holds its secret, shown this once', view: ApiClientWithSecretView, status: 201 })
  create(@Body() dto: CreateApiClientDto, @Call() call: CallContext): Promise<ApiClientWithSecretView> {
    return this.bus.request(call, MembershipSubjects.apiClientCreate, dto);
  }

  @Get(':id')
  @Roles('district_admin')
  @ApiRoute({ summary: 'One API client (never its secret)', view: ApiClientView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<ApiClientView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.apiClientGet, payload);
  }

  @Patch(':id')
  @Roles('district_admin')
  @ApiRoute({ summary: "Change a client's name, scopes, reach or rate limit; its current tokens end", view: ApiClientView, byId: true, problems: [409] })
  update(@IdParam() id: string, @Body() changes: UpdateApiClientDto, @Call() call: CallContext): Promise<ApiClientView> {
    const payload: UpdateApiClientRequest = { id, changes };
    return this.bus.request(call, MembershipSubjects.apiClientUpdate, payload);
  }

  @Post(':id/secret')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Rotate the secret: the new one is shown this once, the old one works for graceSeconds more (default 24 h)',
    view: ApiClientWithSecretView, status: 201, byId: true, problems: [409],
  })
  rotateSecret(@IdParam() id: string, @Body() body: RotateApiClientSecretDto, @Call() call: CallContext): Promise<ApiClientWithSecretView> {
    const payload: RotateApiClientSecretRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.apiClientRotateSecret, payload);
  }

  @Post(':id/revoke')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Revoke the client: its secrets and tokens stop working at once', view: ApiClientView, byId: true })
  revoke(@IdParam() id: string, @Call() call: CallContext): Promise<ApiClientView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.apiClientRevoke, payload);
  }
}
