import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/access.decorators.js';
import { SettingsResponseDto } from './dto/settings-response.dto.js';
import { SettingsService } from './settings.service.js';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Server-wide defaults: what a new domain gets when a value is omitted.',
  })
  @ApiOkResponse({ type: SettingsResponseDto })
  getSettings(): SettingsResponseDto {
    return this.settings.describe();
  }
}
