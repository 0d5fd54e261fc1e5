import type { ProfileLevel, ProfileRoundStatus, ProfileTagCategory } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** A tag of the district's profile taxonomy (subjects, grades, facilities, specialities). */
@Entity({ name: 'profile_tag' })
export class ProfileTagEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ type: 'varchar', length: 16 }) category: ProfileTagCategory;
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ name: 'name_zh', type: 'varchar', length: 32 }) nameZh: string;
  @Column({ name: 'name_en', type: 'varchar', length: 64 }) nameEn: string;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The needs survey of one district and term. */
@Entity({ name: 'profile_round' })
export class ProfileRoundEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ type: 'varchar', length: 11 }) term: string;
  @Column({ type: 'timestamptz' }) deadline: Date;
  @Column({ type: 'varchar', length: 500, nullable: true }) instructions: string | null;
  @Column({ type: 'varchar', length: 8 }) status: ProfileRoundStatus;
  @Column({ name: 'opened_by', type: 'text' }) openedBy: string;
  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
}

export interface StoredItem {
  tagId: string;
  level: ProfileLevel;
}

/** One school's profile of one term; a resubmission within the round replaces it (version counts them). */
@Entity({ name: 'school_profile' })
export class SchoolProfileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'varchar', length: 11 }) term: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ type: 'jsonb' }) strengths: StoredItem[];
  @Column({ type: 'jsonb' }) needs: StoredItem[];
  /** tag ids of facilities and specialities */
  @Column({ type: 'jsonb' }) specialities: string[];
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'submitted_by', type: 'text' }) submittedBy: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @VersionColumn({ type: 'int' }) version: number;
}

/** A road distance entered by hand for two schools (stored once, the smaller id first). */
@Entity({ name: 'road_distance' })
export class RoadDistanceEntity {
  @PrimaryColumn({ name: 'school_a_id', type: 'uuid' }) schoolAId: string;
  @PrimaryColumn({ name: 'school_b_id', type: 'uuid' }) schoolBId: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ type: 'numeric', precision: 5, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) km: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
