import { Injectable } from '@nestjs/common';
import { HealthRepository } from './health.repository.js';

@Injectable()
export class HealthService {
  constructor(private readonly repository: HealthRepository) {}

  async check(): Promise<{ status: 'ok' | 'degraded'; database: 'up' | 'down' }> {
    const up = await this.repository.ping();
    return up ? { status: 'ok', database: 'up' } : { status: 'degraded', database: 'down' };
  }
}
