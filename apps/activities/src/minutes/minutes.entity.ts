import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The minutes (会议纪要) of one occurrence of an activity. */
@Entity({ name: 'minutes' })
export class MinutesEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId: string;
  @Column({ name: 'occurrence_start', type: 'timestamptz' }) occurrenceStart: Date;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'jsonb' }) decisions: string[];
  @Column({ name: 'recorded_by', type: 'text', nullable: true }) recordedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A follow-up of a meeting (待办事项) with its owner and due date. */
@Entity({ name: 'action_item' })
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'minutes_id', type: 'uuid' }) minutesId: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId: string;
  @Column({ name: 'alliance_id', type: 'uuid' }) allianceId: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true }) ownerUserId: string | null;
  @Column({ name: 'owner_name', type: 'varchar', length: 64 }) ownerName: string;
  @Column({ name: 'owner_school_id', type: 'uuid', nullable: true }) ownerSchoolId: string | null;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt: Date | null;
  @Column({ name: 'done_by', type: 'text', nullable: true }) doneBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
