import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
} from 'class-validator';
import { IsMailAddress, NormaliseAddress } from '../../../common/validators/decorators.js';
import { MAX_ALIAS_DESTINATIONS } from './alias-settings.dto.js';

export class UpdateAliasDto {
  @ApiPropertyOptional({ type: [String], description: 'Replaces the destination list.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALIAS_DESTINATIONS)
  @NormaliseAddress({ each: true })
  @IsMailAddress({ each: true })
  @ArrayUnique()
  destinations?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
