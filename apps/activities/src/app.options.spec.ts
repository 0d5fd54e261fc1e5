import { describeServiceOptions } from '@jiaolian/service-kit/testing';
import { activitiesKitOptions, activitiesSubscriptions } from './app.options.js';

describeServiceOptions({ service: 'activities', options: activitiesKitOptions, subscriptions: activitiesSubscriptions });
