import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { PasswordHasher } from './password-hasher.js';
import { SecretBox } from './secret-box.js';
import { loadSecretKey } from './secret-key.js';

@Global()
@Module({
  providers: [
    PasswordHasher,
    {
      provide: SecretBox,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => new SecretBox(await loadSecretKey(config)),
    },
  ],
  exports: [PasswordHasher, SecretBox],
})
export class CryptoModule {}
