import {
  MembershipEvents, type AllianceCreatedEvent, type AllianceRenamedEvent, type AllianceStatusChangedEvent, type DomainEvent,
  type MemberJoinedEvent, type MemberLeftEvent, type SchoolRegisteredEvent, type SchoolRenamedEvent, type ServiceName,
} from '@jiaolian/contracts';
import type { EntityManager } from 'typeorm';
import type { EventSubscription } from '../events/event-consumer.js';
import {
  applyAllianceChange, applyMemberChange, coreRoleOf, EMPTY_MEMBER, type AllianceChange, type AllianceState, type MemberChange,
  type MemberState,
} from './directory.state.js';

/** A school's name as one event announces it, with the version of the school it was read from. */
interface SchoolAnnouncement {
  id: string;
  districtId: string;
  name: string;
  code: string | null;
  version: number;
  at: Date;
}

/** The services that keep a directory (membership owns the original). */
export type DirectoryServiceName = Exclude<ServiceName, 'membership'>;

/** The JetStream filter of every membership event. */
export const MEMBERSHIP_EVENTS_FILTER = 'evt.membership.>';

/**
 * Applies membership events to the directory tables inside the consumer's transaction. The rows are
 * locked before they are merged, so replicas of a service sharing the durable consumer cannot lose
 * an update; the merge itself (directory.state.ts) tolerates any order and repetition.
 */
export class DirectoryProjection {
  async apply(manager: EntityManager, event: DomainEvent): Promise<void> {
    const at = (value: unknown, field: string): Date => parseTime(value, field, event);
    switch (event.subject) {
      case MembershipEvents.allianceCreated: {
        const data = requireFields<AllianceCreatedEvent>(event, ['allianceId', 'districtId', 'name', 'kind', 'coreSchoolId']);
        const when = at(event.occurredAt, 'occurredAt');
        await this.changeAlliance(manager, data.allianceId, data.districtId, {
          type: 'created', at: when, name: data.name, version: versionOf(data.version, 'version', event), kind: data.kind, coreSchoolId: data.coreSchoolId,
        });
        // the core school is a member from the start, whether or not membership also announces it
        await this.changeMember(manager, data.allianceId, data.coreSchoolId, { type: 'joined', at: when, role: coreRoleOf(data.kind) });
        return;
      }
      case MembershipEvents.allianceRenamed: {
        const data = requireFields<AllianceRenamedEvent>(event, ['allianceId', 'districtId', 'name']);
        await this.changeAlliance(manager, data.allianceId, data.districtId, {
          type: 'renamed', at: at(event.occurredAt, 'occurredAt'), name: data.name, version: requireVersion(data.version, 'version', event),
        });
        return;
      }
      case MembershipEvents.allianceActivated:
      case MembershipEvents.allianceDissolved: {
        const data = requireFields<AllianceStatusChangedEvent>(event, ['allianceId', 'districtId']);
        const status = event.subject === MembershipEvents.allianceActivated ? 'active' : 'dissolved';
        await this.changeAlliance(manager, data.allianceId, data.districtId, { type: 'status', at: at(event.occurredAt, 'occurredAt'), status });
        return;
      }
      case MembershipEvents.memberJoined: {
        const data = requireFields<MemberJoinedEvent>(event, ['allianceId', 'districtId', 'schoolId', 'role', 'joinedAt']);
        const change: MemberChange = { type: 'joined', at: at(data.joinedAt, 'joinedAt'), role: data.role };
        const schoolVersion = versionOf(data.schoolVersion, 'schoolVersion', event);
        await this.ensureAlliance(manager, data.allianceId, data.districtId, at(event.occurredAt, 'occurredAt'));
        await this.changeMember(manager, data.allianceId, data.schoolId, change);
        if (data.schoolName) {
          // a school of another district keeps its own district (an alliance across districts)
          await this.upsertSchool(manager, {
            id: data.schoolId, districtId: data.schoolDistrictId ?? data.districtId, name: data.schoolName, code: null,
            version: schoolVersion, at: at(event.occurredAt, 'occurredAt'),
          });
        }
        return;
      }
      case MembershipEvents.schoolRegistered: {
        const data = requireFields<SchoolRegisteredEvent>(event, ['schoolId', 'districtId', 'name']);
        await this.upsertSchool(manager, {
          id: data.schoolId, districtId: data.districtId, name: data.name, code: data.code ?? null,
          version: versionOf(data.version, 'version', event), at: at(event.occurredAt, 'occurredAt'),
        });
        return;
      }
      case MembershipEvents.schoolRenamed: {
        const data = requireFields<SchoolRenamedEvent>(event, ['schoolId', 'districtId', 'name']);
        await this.upsertSchool(manager, {
          id: data.schoolId, districtId: data.districtId, name: data.name, code: data.code ?? null,
          version: requireVersion(data.version, 'version', event), at: at(event.occurredAt, 'occurredAt'),
        });
        return;
      }
      case MembershipEvents.memberLeft: {
        const data = requireFields<MemberLeftEvent>(event, ['allianceId', 'districtId', 'schoolId', 'leftAt']);
        const change: MemberChange = { type: 'left', at: at(data.leftAt, 'leftAt') };
        await this.ensureAlliance(manager, data.allianceId, data.districtId, at(event.occurredAt, 'occurredAt'));
        await this.changeMember(manager, data.allianceId, data.schoolId, change);
        return;
      }
      default:
        // other membership events (users, roles, ...) say nothing the directory keeps
        return;
    }
  }

  /**
   * The name read from the newest version of the school wins, whatever order the events come in; among
   * events without a version (written before versions existed) the later one wins. A code, once known,
   * is kept when a later event does not carry one.
   */
  private async upsertSchool(manager: EntityManager, school: SchoolAnnouncement): Promise<void> {
    await manager.query(
      `INSERT INTO directory_school (id, district_id, name, code, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, code = COALESCE(EXCLUDED.code, directory_school.code),
                                      version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE (directory_school.version, directory_school.updated_at) <= (EXCLUDED.version, EXCLUDED.updated_at)`,
      [school.id, school.districtId, school.name, school.code, school.version, school.at],
    );
  }

  /** An alliance row exists as soon as any event names it, so a member event may arrive first. */
  private async ensureAlliance(manager: EntityManager, allianceId: string, districtId: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO directory_alliance (id, district_id, status, updated_at) VALUES ($1, $2, 'draft', $3) ON CONFLICT (id) DO NOTHING`,
      [allianceId, districtId, at],
    );
  }

  private async changeAlliance(manager: EntityManager, allianceId: string, districtId: string, change: AllianceChange): Promise<void> {
    await this.ensureAlliance(manager, allianceId, districtId, change.at);
    const [row]: {
      name: string | null; name_version: number; kind: AllianceState['kind']; status: AllianceState['status']; core_school_id: string | null; updated_at: Date;
    }[] = await manager.query(
      'SELECT name, name_version, kind, status, core_school_id, updated_at FROM directory_alliance WHERE id = $1 FOR UPDATE', [allianceId],
    );
    if (!row) throw new Error(`directory_alliance ${allianceId} vanished inside its transaction`);
    const next = applyAllianceChange(
      { name: row.name, nameVersion: row.name_version, kind: row.kind, coreSchoolId: row.core_school_id, status: row.status, updatedAt: row.updated_at },
      change,
    );
    await manager.query(
      'UPDATE directory_alliance SET name = $2, name_version = $3, kind = $4, status = $5, core_school_id = $6, updated_at = $7 WHERE id = $1',
      [allianceId, next.name, next.nameVersion, next.kind, next.status, next.coreSchoolId, next.updatedAt],
    );
  }

  private async changeMember(manager: EntityManager, allianceId: string, schoolId: string, change: MemberChange): Promise<void> {
    await manager.query(
      'INSERT INTO directory_member (alliance_id, school_id, active) VALUES ($1, $2, false) ON CONFLICT (alliance_id, school_id) DO NOTHING',
      [allianceId, schoolId],
    );
    const [row]: { role: MemberState['role']; joined_at: Date | null; left_at: Date | null }[] = await manager.query(
      'SELECT role, joined_at, left_at FROM directory_member WHERE alliance_id = $1 AND school_id = $2 FOR UPDATE',
      [allianceId, schoolId],
    );
    const current: MemberState = row ? { role: row.role, joinedAt: row.joined_at, leftAt: row.left_at, active: false } : EMPTY_MEMBER;
    const next = applyMemberChange(current, change);
    await manager.query(
      'UPDATE directory_member SET role = $3, active = $4, joined_at = $5, left_at = $6 WHERE alliance_id = $1 AND school_id = $2',
      [allianceId, schoolId, next.role, next.active, next.joinedAt, next.leftAt],
    );
  }
}

/** The subscription a service passes to ServiceKitModule.forService to keep its directory current. */
export function directorySubscription(service: DirectoryServiceName): EventSubscription {
  const projection = new DirectoryProjection();
  return {
    durable: `${service}-directory`,
    filterSubject: MEMBERSHIP_EVENTS_FILTER,
    handle: (manager, event) => projection.apply(manager, event),
  };
}

/**
 * A malformed event is an error, not a silent skip: the consumer logs it and retries, so the gap is
 * visible rather than a directory that quietly disagrees with membership.
 */
function requireFields<T>(event: DomainEvent, fields: (keyof T & string)[]): T {
  const data = event.data as Record<string, unknown> | null;
  const missing = fields.filter((field) => typeof data?.[field] !== 'string' || data[field] === '');
  if (missing.length) throw new Error(`${event.subject} event ${event.id} lacks ${missing.join(', ')}`);
  return data as T;
}

/** A version the event must carry (events that introduced versions always do). */
function requireVersion(value: unknown, field: string, event: DomainEvent): number {
  if (value === undefined) throw new Error(`${event.subject} event ${event.id} lacks ${field}`);
  return versionOf(value, field, event);
}

/** A version an event may lack (written before versions existed): read as 0, older than any versioned one. */
function versionOf(value: unknown, field: string, event: DomainEvent): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`${event.subject} event ${event.id} has no valid ${field}`);
  return value;
}

function parseTime(value: unknown, field: string, event: DomainEvent): Date {
  const time = typeof value === 'string' ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) throw new Error(`${event.subject} event ${event.id} has no valid ${field}`);
  return time;
}
