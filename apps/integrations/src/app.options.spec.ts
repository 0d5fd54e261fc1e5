import { describe, expect, it } from '@jest/globals';
import { EVENTS_SUBJECTS } from '@jiaolian/contracts';
import { DirectoryAllianceEntity, DirectoryMemberEntity, type BusClient } from '@jiaolian/service-kit';
import type { ModuleRef } from '@nestjs/core';
import { integrationsKitOptions, integrationsSubscriptions } from './app.options.js';

const moduleRef = { get: () => { throw new Error('not resolved in this test'); } } as unknown as ModuleRef;
const bus = {} as BusClient;

describe('integrations service options', () => {
  it("runs the kit's tables first, then the directory, then its own, each once and in timestamp order", () => {
    const names = (integrationsKitOptions.migrations as (new () => { name?: string })[]).map((migration) => new migration().name ?? '');
    expect(names.slice(0, 2)).toEqual(['KitTables1764400000000', 'DirectoryTables1764400000100']);
    expect(names).toEqual(expect.arrayContaining(['DirectoryVersions1765200000100', 'ChangeLog1765500000000', 'Notifications1765520000000']));
    expect(new Set(names).size).toBe(names.length);
    const timestamps = names.map((name) => Number(/(\d{13})$/.exec(name)?.[1]));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
  });

  it('keeps its own directory, follows every domain event into the change log and into notifications, each with a durable consumer of its own', () => {
    expect(integrationsKitOptions.entities).toEqual(expect.arrayContaining([DirectoryAllianceEntity, DirectoryMemberEntity]));
    const [directory, changeLog, notifications, ...others] = integrationsSubscriptions({ bus, moduleRef });
    expect(others).toEqual([]);
    expect(directory).toMatchObject({ durable: 'integrations-directory', filterSubject: 'evt.membership.>' });
    expect(changeLog).toMatchObject({ durable: 'integrations-change-log', filterSubject: EVENTS_SUBJECTS, ordered: true });
    expect(notifications).toMatchObject({ durable: 'integrations-notifications', filterSubject: EVENTS_SUBJECTS });
  });
});
