import type { RoleName, UserStatus } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** null only for the platform admin, who belongs to no district */
  @Column({ name: 'district_id', type: 'uuid', nullable: true }) districtId: string | null;
  @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ name: 'display_name', type: 'varchar', length: 64 }) displayName: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column({ type: 'varchar', length: 24, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Column({ type: 'varchar', length: 16 }) status: UserStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  /** who created the account: a school admin keeps seeing users they created before giving them a role */
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  /** set on accounts handed out with an initial password: the user must choose their own first */
  @Column({ name: 'must_change_password', type: 'boolean', default: false }) mustChangePassword: boolean;
  /** the roster teacher (teacher exchange) this account belongs to; unique */
  @Column({ name: 'roster_teacher_id', type: 'uuid', nullable: true }) rosterTeacherId: string | null;
}

@Entity({ name: 'role_assignment' })
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 24 }) role: RoleName;
  /** null for platform_admin (districtId '*' on the wire) */
  @Column({ name: 'district_id', type: 'uuid', nullable: true }) districtId: string | null;
  @Column({ name: 'alliance_id', type: 'uuid', nullable: true }) allianceId: string | null;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
