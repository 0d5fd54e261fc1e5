import type { ParticipantKind, RegistrationStatus } from '@jiaolian/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One participant of one occurrence, counted against their school's places. */
@Entity({ name: 'registration' })
export class RegistrationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId: string;
  @Column({ name: 'occurrence_start', type: 'timestamptz' }) occurrenceStart: Date;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'participant_kind', type: 'varchar', length: 16 }) participantKind: ParticipantKind;
  @Column({ name: 'participant_name', type: 'varchar', length: 64 }) participantName: string;
  @Column({ type: 'smallint', nullable: true }) grade: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 16 }) status: RegistrationStatus;
  @Column({ name: 'registered_by', type: 'text' }) registeredBy: string;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true }) checkedInAt: Date | null;
  @Column({ name: 'checked_in_by', type: 'text', nullable: true }) checkedInBy: string | null;
}
