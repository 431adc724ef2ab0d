import { inject, Injectable } from '@angular/core';
import { Api, type UserResponseDto } from '@yubin/api-client';
import { login, loginMfa } from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';

/**
 * What the API says after the password step: signed in, or a second factor is needed
 * (the challenge then goes with the code to the next step).
 */
export type SignInOutcome =
  { step: 'done'; user: UserResponseDto } | { step: 'second-factor'; challenge: string };

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly api = inject(Api);

  async signIn(email: string, password: string): Promise<SignInOutcome> {
    const response = await firstValueFrom(this.api.invoke(login, { body: { email, password } }));
    if (response.mfaRequired && response.challenge !== undefined) {
      return { step: 'second-factor', challenge: response.challenge };
    }
    if (response.user === undefined) throw new Error('sign-in answered without a user');
    return { step: 'done', user: response.user };
  }

  async completeSecondFactor(challenge: string, code: string): Promise<UserResponseDto> {
    const response = await firstValueFrom(this.api.invoke(loginMfa, { body: { challenge, code } }));
    if (response.user === undefined) throw new Error('sign-in answered without a user');
    return response.user;
  }
}
