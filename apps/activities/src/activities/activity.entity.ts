import type { ActivityAudienceDto, ActivityKind, ActivityStatus, PlaceKind } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Recurrence } from './recurrence.js';

@Entity({ name: 'activity' })
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ name: 'alliance_id', type: 'uuid' }) allianceId: string;
  @Column({ name: 'organiser_school_id', type: 'uuid' }) organiserSchoolId: string;
  @Column({ type: 'varchar', length: 24 }) kind: ActivityKind;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ name: 'place_kind', type: 'varchar', length: 16 }) placeKind: PlaceKind;
  @Column({ name: 'place_school_id', type: 'uuid', nullable: true }) placeSchoolId: string | null;
  @Column({ name: 'place_facility', type: 'varchar', length: 100, nullable: true }) placeFacility: string | null;
  @Column({ name: 'place_url', type: 'varchar', length: 500, nullable: true }) placeUrl: string | null;
  @Column({ type: 'jsonb' }) audience: ActivityAudienceDto;
  @Column({ name: 'capacity_per_school', type: 'int', nullable: true }) capacityPerSchool: number | null;
  @Column({ type: 'jsonb', nullable: true }) recurrence: Recurrence | null;
  @Column({ name: 'last_occurrence_at', type: 'timestamptz', nullable: true }) lastOccurrenceAt: Date | null;
  @Column({ name: 'body_id', type: 'uuid', nullable: true }) bodyId: string | null;
  @Column({ type: 'varchar', length: 16 }) status: ActivityStatus;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
