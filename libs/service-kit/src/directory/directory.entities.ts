import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A service's own copy of an alliance, fed by membership events. Columns other than the id, district
 * and status stay empty while only a later event (activation, a member joining) has arrived.
 */
@Entity({ name: 'directory_alliance' })
export class DirectoryAllianceEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'district_id' }) districtId: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) kind: string | null;
  @Column('text') status: string;
  @Column('uuid', { name: 'core_school_id', nullable: true }) coreSchoolId: string | null;
  /** membership's version of the alliance that `name` was taken from (0: unknown) */
  @Column('int', { name: 'name_version', default: 0 }) nameVersion: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** One school's membership of one alliance: the latest join and leave, and whether it is active now. */
@Entity({ name: 'directory_member' })
export class DirectoryMemberEntity {
  @PrimaryColumn('uuid', { name: 'alliance_id' }) allianceId: string;
  @PrimaryColumn('uuid', { name: 'school_id' }) schoolId: string;
  @Column('text', { nullable: true }) role: string | null;
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'joined_at', nullable: true }) joinedAt: Date | null;
  @Column('timestamptz', { name: 'left_at', nullable: true }) leftAt: Date | null;
}

/** A school's name and code as membership last announced them (the newest version wins). */
@Entity({ name: 'directory_school' })
export class DirectorySchoolEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'district_id' }) districtId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) code: string | null;
  /** membership's version of the school that `name` was taken from (0: unknown) */
  @Column('int', { default: 0 }) version: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** List these in a service's entities alongside its own. */
export const DIRECTORY_ENTITIES = [DirectoryAllianceEntity, DirectoryMemberEntity, DirectorySchoolEntity];
