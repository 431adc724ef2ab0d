import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '#contracts';
import { Trim } from '../validators/decorators.js';

export class ListQueryDto {
  @ApiPropertyOptional({
    description: `Page size, 1 to ${PAGE_LIMIT_MAX}.`,
    default: PAGE_LIMIT_DEFAULT,
    minimum: 1,
    maximum: PAGE_LIMIT_MAX,
    example: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit: number = PAGE_LIMIT_DEFAULT;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page. Valid only with the same `sort` and `q`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Case-insensitive prefix search (see each list for the fields it searches).',
    example: 'ali',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(254)
  q?: string;
}

/** Escapes LIKE wildcards so a search for `a_b` finds exactly that text. */
export function likePrefix(q: string): string {
  return `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
