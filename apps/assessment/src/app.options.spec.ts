import { describeServiceOptions } from '@jiaolian/service-kit/testing';
import { assessmentKitOptions, assessmentSubscriptions } from './app.options.js';

describeServiceOptions({ service: 'assessment', options: assessmentKitOptions, subscriptions: assessmentSubscriptions });
