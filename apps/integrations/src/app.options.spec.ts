import { describeServiceOptions } from '@jiaolian/service-kit/testing';
import { integrationsKitOptions, integrationsSubscriptions } from './app.options.js';

describeServiceOptions({ service: 'integrations', options: integrationsKitOptions, subscriptions: integrationsSubscriptions });
