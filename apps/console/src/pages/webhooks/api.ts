import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap, type components, type paths } from '@jiaolian/api-client';
import { api } from '../../api/client';

type Schemas = components['schemas'];
export type WebhookSubscriptionView = Schemas['WebhookSubscriptionView'];
export type WebhookSubscriptionCreatedView = Schemas['WebhookSubscriptionCreatedView'];
export type WebhookDeliveryView = Schemas['WebhookDeliveryView'];
export type WebhookAttemptView = Schemas['WebhookAttemptView'];
export type WebhookEventTypeView = Schemas['WebhookEventTypeView'];
export type CreateWebhookSubscriptionDto = Schemas['CreateWebhookSubscriptionDto'];
export type SubscriptionStatus = WebhookSubscriptionView['status'];
export type DeliveryStatus = WebhookDeliveryView['status'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type SubscriptionQuery = QueryOf<'/api/v1/webhooks/subscriptions'>;
export type DeliveryQuery = QueryOf<'/api/v1/webhooks/subscriptions/{id}/deliveries'>;

export const SUBSCRIPTION_STATUS_COLORS: Record<SubscriptionStatus, string> = { active: 'green', paused: 'orange', disabled: 'default' };
export const DELIVERY_STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', succeeded: 'green', failed: 'red' };

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: (query: SubscriptionQuery) => ['webhooks', 'list', query] as const,
  one: (id: string) => ['webhooks', 'one', id] as const,
  deliveries: (id: string, query: DeliveryQuery) => ['webhooks', 'deliveries', id, query] as const,
  eventTypes: ['webhooks', 'event-types'] as const,
};

export const useSubscriptions = (query: SubscriptionQuery) =>
  useQuery({
    queryKey: webhookKeys.list(query), queryFn: () => unwrap(api.http.GET('/api/v1/webhooks/subscriptions', { params: { query } })), placeholderData: keepPreviousData,
  });

export const useSubscription = (id: string | undefined) =>
  useQuery({
    queryKey: webhookKeys.one(id ?? ''), enabled: Boolean(id),
    queryFn: () => unwrap(api.http.GET('/api/v1/webhooks/subscriptions/{id}', { params: { path: { id: id ?? '' } } })),
  });

export const useDeliveries = (id: string | undefined, query: DeliveryQuery) =>
  useQuery({
    queryKey: webhookKeys.deliveries(id ?? '', query), enabled: Boolean(id), placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.http.GET('/api/v1/webhooks/subscriptions/{id}/deliveries', { params: { path: { id: id ?? '' }, query } })),
    // pending deliveries change by themselves: look again while any is waiting
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 2_000 : false),
  });

export const useEventTypes = () =>
  useQuery({ queryKey: webhookKeys.eventTypes, queryFn: () => unwrap(api.http.GET('/api/v1/webhooks/event-types')), staleTime: Infinity });

/** What the form checks before the server does: an absolute http(s) URL (the server also refuses private addresses). */
export function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
