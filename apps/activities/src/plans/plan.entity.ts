import type { AssigneeDto, EvidenceKind, MilestoneStatus, PlanStatus, TargetRating } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A term's work plan (学期工作计划) of an alliance, or of a member school within it (schoolId set). */
@Entity({ name: 'work_plan' })
export class WorkPlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ name: 'alliance_id', type: 'uuid' }) allianceId: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ type: 'varchar', length: 11 }) term: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) goals: string;
  @Column({ type: 'text' }) measures: string;
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true }) ownerUserId: string | null;
  @Column({ name: 'owner_name', type: 'varchar', length: 64 }) ownerName: string;
  /** the alliance body (in membership) that owns the plan */
  @Column({ name: 'body_id', type: 'uuid', nullable: true }) bodyId: string | null;
  @Column({ type: 'varchar', length: 16 }) status: PlanStatus;
  @Column({ name: 'return_comment', type: 'varchar', length: 500, nullable: true }) returnComment: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ name: 'approved_by', type: 'text', nullable: true }) approvedBy: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A target task (目标任务) of a plan, broken down to groups and teachers, with its completion assessment. */
@Entity({ name: 'plan_target' })
export class PlanTargetEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'jsonb' }) assignees: AssigneeDto[];
  @Column({ type: 'varchar', length: 16, nullable: true }) rating: TargetRating | null;
  @Column({ name: 'assessment_comment', type: 'text', nullable: true }) assessmentComment: string | null;
  @Column({ name: 'assessed_by', type: 'text', nullable: true }) assessedBy: string | null;
  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true }) assessedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A milestone of a target: a due day and the visible result expected (显性成果). */
@Entity({ name: 'plan_milestone' })
export class PlanMilestoneEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'target_id', type: 'uuid' }) targetId: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column({ name: 'expected_result', type: 'varchar', length: 500 }) expectedResult: string;
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true }) ownerUserId: string | null;
  @Column({ name: 'owner_name', type: 'varchar', length: 64, nullable: true }) ownerName: string | null;
  @Column({ type: 'varchar', length: 16 }) status: MilestoneStatus;
  @Column({ type: 'smallint' }) percent: number;
  @Column({ name: 'completed_on', type: 'date', nullable: true }) completedOn: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** One progress update on a milestone. */
@Entity({ name: 'milestone_progress' })
export class MilestoneProgressEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'milestone_id', type: 'uuid' }) milestoneId: string;
  @Column({ type: 'smallint' }) percent: number;
  @Column({ type: 'varchar', length: 16 }) status: MilestoneStatus;
  @Column({ type: 'text' }) comment: string;
  @Column({ name: 'reported_on', type: 'date' }) reportedOn: string;
  @Column({ name: 'reported_by_id', type: 'text' }) reportedById: string;
  @Column({ name: 'reported_by', type: 'varchar', length: 64 }) reportedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Evidence of a milestone: a file in the kit's file store, or a link to an activity, placement, resource or exam. */
@Entity({ name: 'plan_evidence' })
export class PlanEvidenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'milestone_id', type: 'uuid' }) milestoneId: string;
  @Column({ name: 'progress_id', type: 'uuid', nullable: true }) progressId: string | null;
  @Column({ type: 'varchar', length: 16 }) kind: EvidenceKind;
  @Column({ name: 'ref_id', type: 'uuid', nullable: true }) refId: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) title: string | null;
  @Column({ type: 'boolean' }) verified: boolean;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column({ name: 'file_key', type: 'varchar', length: 300, nullable: true }) fileKey: string | null;
  @Column({ name: 'file_size', type: 'bigint', nullable: true }) fileSize: string | null;
  @Column({ name: 'file_sha256', type: 'varchar', length: 64, nullable: true }) fileSha256: string | null;
  @Column({ name: 'content_type', type: 'varchar', length: 200, nullable: true }) contentType: string | null;
  @Column({ name: 'added_by_id', type: 'text' }) addedById: string;
  @Column({ name: 'added_by', type: 'varchar', length: 64 }) addedBy: string;
  @Column({ name: 'added_at', type: 'timestamptz' }) addedAt: Date;
}

export const PLAN_ENTITIES = [WorkPlanEntity, PlanTargetEntity, PlanMilestoneEntity, MilestoneProgressEntity, PlanEvidenceEntity];
