import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsNotBlank } from '../common/validation.js';

export class CreateDistrictDto {
  @ApiProperty({ description: '6-digit administrative division code (行政区划代码)', example: '330782' })
  @Matches(/^\d{6}$/, { message: 'code must be a 6-digit administrative division code' })
  code: string;

  @ApiProperty({ example: '义乌市教育局', maxLength: 64 })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ example: '浙江省', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  province?: string;

  @ApiPropertyOptional({ example: '金华市', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  city?: string;
}

export class DistrictView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DistrictOverviewView {
  @ApiProperty({ type: DistrictView }) district: DistrictView;
  @ApiProperty() schools: number;
  @ApiProperty() townships: number;
  @ApiProperty() students: number;
  @ApiProperty() teachers: number;
  @ApiProperty({ description: 'Alliances by status', example: { draft: 1, active: 2, dissolved: 0 } })
  alliances: Record<'draft' | 'active' | 'dissolved', number>;
  @ApiProperty({ description: 'Alliances by kind', example: { pairing: 1, alliance: 1, integrated: 1 } })
  allianceKinds: Record<'pairing' | 'alliance' | 'integrated', number>;
  @ApiProperty({ description: 'Schools in at least one active alliance' }) schoolsInAlliances: number;
  @ApiProperty() pendingJoinRequests: number;
  @ApiProperty() users: number;
}
