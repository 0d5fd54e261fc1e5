import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Payload of every `*.get` subject and path parameter of every id route. */
export class IdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
