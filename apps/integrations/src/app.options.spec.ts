import type { BusClient } from '@jiaolian/service-kit';
import { describeServiceOptions } from '@jiaolian/service-kit/testing';
import { integrationsKitOptions, integrationsSubscriptions } from './app.options.js';

const subscriptions = () => integrationsSubscriptions({ bus: {} as BusClient });

// the kit's shared checks look at the directory's consumer; the service's own consumers are checked below
describeServiceOptions({
  service: 'integrations', options: integrationsKitOptions, subscriptions: () => subscriptions().filter((s) => s.durable === 'integrations-directory'),
});

describe('integrations event consumers', () => {
  it('has one durable consumer of every domain event for the notification centre, besides the directory', () => {
    expect(subscriptions().map((s) => [s.durable, s.filterSubject])).toEqual(expect.arrayContaining([
      ['integrations-directory', 'evt.membership.>'], ['integrations-notifications', 'evt.>'],
    ]));
  });
});
