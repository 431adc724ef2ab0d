import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

/** What Yubin's metadata_exporter rule posts: the options of Rspamd's DKIM_SIGNED symbol. */
export class DkimSignedDto {
  /** `domain:s=selector`, one per signature. */
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  signatures!: string[];
}
