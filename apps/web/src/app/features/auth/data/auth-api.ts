import { inject, Injectable } from '@angular/core';
import { Api, type UserResponseDto } from '@yubin/api-client';
import { login } from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';

/**
 * What the API says after the password step. Today a correct password signs in at once;
 * the identity work adds further steps here (`second-factor`, `change-password`), each a
 * component of its own on the login page.
 */
export type SignInOutcome = { step: 'done'; user: UserResponseDto };

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly api = inject(Api);

  async signIn(email: string, password: string): Promise<SignInOutcome> {
    const response = await firstValueFrom(this.api.invoke(login, { body: { email, password } }));
    return { step: 'done', user: response.user };
  }
}
