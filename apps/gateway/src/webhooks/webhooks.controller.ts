import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateWebhookSubscriptionDto, ListWebhookDeliveriesQueryDto, PUBLIC_EVENT_CATALOGUE, WebhookEventTypeView, ListWebhookSubscriptionsQueryDto, UpdateWebhookSubscriptionDto, WebhookDeliveryView,
  WebhookSecretView, WebhookSubjects, WebhookSubscriptionCreatedView, WebhookSubscriptionView, WebhookTransitionDto, type IdDto,
  type ListWebhookDeliveriesRequest, type Page, type UpdateWebhookSubscriptionRequest, type WebhookTransitionRequest,
} from '@jiaolian/contracts';
import { Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const SIGNING = 'Each delivery is a POST of the event as JSON, signed as Standard Webhooks specifies: headers webhook-id, webhook-timestamp and '
  + 'webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body"> with the subscription\'s whsec_ secret). Non-2xx answers are retried with '
  + 'exponential backoff for 24 hours; events about one object arrive in order; the webhook-id stays the same on retries and replays.';

/** Webhook subscriptions (事件推送) of a district's admins and API clients, their delivery log, replay, pause and resume. */
@ApiTags('webhooks')
@ClientScopes('integrations')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('event-types')
  @Roles('district_admin')
  @ApiOperation({ summary: 'The event types a subscription may name (the public event catalogue, docs/events.md); `*` and `<prefix>.*` match several' })
  @ApiOkResponse({ type: [WebhookEventTypeView] })
  @ApiProblems(429)
  eventTypes(): WebhookEventTypeView[] {
    return PUBLIC_EVENT_CATALOGUE.map((e) => ({
      type: e.type, domain: e.domain, resourceType: e.resourceType, operation: e.operation, description: e.description.en, descriptionZh: e.description['zh-CN'],
    }));
  }

  @Get('subscriptions')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Webhook subscriptions of your districts (an API client sees its own); filter by status, search url and description', view: WebhookSubscriptionView, page: true })
  list(@Query() query: ListWebhookSubscriptionsQueryDto, @Call() call: CallContext): Promise<Page<WebhookSubscriptionView>> {
    return this.bus.request(call, WebhookSubjects.subscriptionList, query);
  }

  @Post('subscriptions')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Subscribe an https endpoint to event types; the answer shows the signing secret, once; audited',
    description: `${SIGNING} The URL must use https and its host must resolve to public addresses only.`,
    view: WebhookSubscriptionCreatedView, status: 201, problems: [403, 404],
  })
  create(@Body() dto: CreateWebhookSubscriptionDto, @Call() call: CallContext): Promise<WebhookSubscriptionCreatedView> {
    return this.bus.request(call, WebhookSubjects.subscriptionCreate, dto);
  }

  @Get('subscriptions/:id')
  @Roles('district_admin')
  @ApiRoute({ summary: 'One webhook subscription', view: WebhookSubscriptionView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<WebhookSubscriptionView> {
    const payload: IdDto = { id };
    return this.bus.request(call, WebhookSubjects.subscriptionGet, payload);
  }

  @Patch('subscriptions/:id')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Change the URL, event types or description of a subscription; audited', view: WebhookSubscriptionView, byId: true, problems: [403] })
  update(@IdParam() id: string, @Body() changes: UpdateWebhookSubscriptionDto, @Call() call: CallContext): Promise<WebhookSubscriptionView> {
    const payload: UpdateWebhookSubscriptionRequest = { id, changes };
    return this.bus.request(call, WebhookSubjects.subscriptionUpdate, payload);
  }

  @Delete('subscriptions/:id')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Delete a subscription with its delivery log; audited', status: 204, byId: true, problems: [403] })
  async remove(@IdParam() id: string, @Call() call: CallContext): Promise<void> {
    const payload: IdDto = { id };
    await this.bus.request(call, WebhookSubjects.subscriptionDelete, payload);
  }

  @Post('subscriptions/:id/transitions')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'pause (events are kept and sent on resume), disable (events are no longer kept) or resume a subscription; audited',
    view: WebhookSubscriptionView, byId: true, problems: [403, 409],
  })
  transition(@IdParam() id: string, @Body() body: WebhookTransitionDto, @Call() call: CallContext): Promise<WebhookSubscriptionView> {
    const payload: WebhookTransitionRequest = { id, body };
    return this.bus.request(call, WebhookSubjects.subscriptionTransition, payload);
  }

  @Post('subscriptions/:id/secret')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Rotate the signing secret: the new one is shown once; for 24 hours deliveries carry signatures with both secrets; audited',
    view: WebhookSecretView, status: 201, byId: true, problems: [403],
  })
  rotateSecret(@IdParam() id: string, @Call() call: CallContext): Promise<WebhookSecretView> {
    const payload: IdDto = { id };
    return this.bus.request(call, WebhookSubjects.subscriptionRotateSecret, payload);
  }

  @Post('subscriptions/:id/ping')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Send a signed test event (webhook.ping) to the endpoint now and answer with the delivery and its attempt',
    view: WebhookDeliveryView, status: 201, byId: true, problems: [403, 409],
  })
  ping(@IdParam() id: string, @Call() call: CallContext): Promise<WebhookDeliveryView> {
    const payload: IdDto = { id };
    return this.bus.request(call, WebhookSubjects.subscriptionPing, payload);
  }

  @Get('subscriptions/:id/deliveries')
  @Roles('district_admin')
  @ApiRoute({ summary: 'The delivery log of a subscription, newest first, each with its attempts; filter by status and event type', view: WebhookDeliveryView, page: true, byId: true })
  deliveries(@IdParam() id: string, @Query() query: ListWebhookDeliveriesQueryDto, @Call() call: CallContext): Promise<Page<WebhookDeliveryView>> {
    const payload: ListWebhookDeliveriesRequest = { ...query, subscriptionId: id };
    return this.bus.request(call, WebhookSubjects.deliveryList, payload);
  }

  @Post('deliveries/:id/replay')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Send a delivery again (same webhook-id, fresh timestamp and signature), whatever its status; later events about the same object wait for it',
    view: WebhookDeliveryView, byId: true, problems: [403, 409],
  })
  replay(@IdParam() id: string, @Call() call: CallContext): Promise<WebhookDeliveryView> {
    const payload: IdDto = { id };
    return this.bus.request(call, WebhookSubjects.deliveryReplay, payload);
  }
}
