import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';

const KEY_FILE = 'secret.key';

/**
 * The encryption key for secrets at rest. Configured explicitly in production; in
 * development it is generated once into the data directory, next to the embedded
 * database, so a dump of the database alone never contains it.
 */
export async function loadSecretKey(config: AppConfig): Promise<Buffer> {
  if (config.secretKey !== undefined) return Buffer.from(config.secretKey, 'base64');
  const path = join(config.dataDir, KEY_FILE);
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created the file meanwhile; then read theirs.
  try {
    await writeFile(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadSecretKey(config);
  }
}
