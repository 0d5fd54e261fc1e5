import type { SchoolLocale, SchoolStage } from '@jiaolian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'school' })
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'district_id', type: 'uuid' }) districtId: string;
  @Column({ type: 'char', length: 10 }) code: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'varchar', length: 16 }) stage: SchoolStage;
  @Column({ type: 'varchar', length: 16 }) locale: SchoolLocale;
  @Column({ type: 'varchar', length: 32 }) township: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) address: string | null;
  @Column({ type: 'double precision', nullable: true }) lat: number | null;
  @Column({ type: 'double precision', nullable: true }) lng: number | null;
  @Column({ name: 'student_count', type: 'int' }) studentCount: number;
  @Column({ name: 'teacher_count', type: 'int' }) teacherCount: number;
  @Column({ name: 'class_count', type: 'int' }) classCount: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** raised by every update; events that carry the name say which version they describe */
  @VersionColumn({ type: 'int' }) version: number;
}

@Entity({ name: 'campus' })
export class CampusEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) address: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
