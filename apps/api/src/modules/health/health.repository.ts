import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';

const PING_TIMEOUT_MS = 2000;

@Injectable()
export class HealthRepository {
  constructor(private readonly db: Database) {}

  /** True when the database answers within two seconds. */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        this.db.manager.query('SELECT 1').then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
