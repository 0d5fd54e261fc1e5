import type { ApprovalSide, ApprovalStatus } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One district admin's approval of a join request across districts: the alliance's side or the school's. */
@Entity({ name: 'join_request_approval' })
export class JoinRequestApprovalEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'join_request_id', type: 'uuid' }) joinRequestId: string;
  @Column({ type: 'varchar', length: 16 }) side: ApprovalSide;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ type: 'varchar', length: 16 }) status: ApprovalStatus;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
