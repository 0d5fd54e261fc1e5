import { describeServiceOptions } from '@jiaolian/service-kit/testing';
import { curriculumKitOptions, curriculumSubscriptions } from './app.options.js';

describeServiceOptions({ service: 'curriculum', options: curriculumKitOptions, subscriptions: curriculumSubscriptions });
