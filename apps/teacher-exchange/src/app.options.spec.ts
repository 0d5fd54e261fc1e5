import { describeServiceOptions } from '@jiaolian/service-kit/testing';
import { teacherExchangeKitOptions, teacherExchangeSubscriptions } from './app.options.js';

describeServiceOptions({ service: 'teacher-exchange', options: teacherExchangeKitOptions, subscriptions: teacherExchangeSubscriptions });
