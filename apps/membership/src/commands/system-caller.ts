import { PLATFORM_DISTRICT, type Caller } from '@jiaolian/contracts';
import { randomUUID } from 'node:crypto';

/** The caller a command acts as: the service itself, with platform rights. */
export const systemCaller = (name: string): Caller => ({
  kind: 'system', id: `membership:${name}`, displayName: name, assignments: [{ role: 'platform_admin', districtId: PLATFORM_DISTRICT }], requestId: randomUUID(),
});
