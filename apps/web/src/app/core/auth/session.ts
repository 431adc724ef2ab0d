import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { Permission } from '#contracts';
import { Api, type UserResponseDto } from '@yubin/api-client';
import { getMe, logout, updateMe } from '@yubin/api-client/functions';
import { firstValueFrom } from 'rxjs';
import { I18n, isLanguage } from '../i18n/i18n.service';
import type { Language } from '../i18n/i18n.types';

/**
 * Who is signed in. The session itself is an httpOnly cookie; this only mirrors
 * `GET /me` so the UI can show the user and hide what they may not do.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  private readonly current = signal<UserResponseDto | null>(null);
  private loaded: Promise<UserResponseDto | null> | undefined;

  readonly user = this.current.asReadonly();
  readonly permissions = computed(() => new Set<string>(this.current()?.permissions ?? []));
  /** Set while the session may only change its password or turn on 2FA. */
  readonly restriction = computed(() => this.current()?.restriction ?? null);
  /** Holds an admin role; a mailbox user without one manages only their own account. */
  readonly isAdmin = computed(() => (this.current()?.role ?? null) !== null);
  /** Reaches every domain (a superadmin): creates and deletes domains, sets limits. */
  readonly allDomains = computed(() => this.isAdmin() && this.current()?.domains === null);
  /** Signs in with a mailbox: has mail-app settings and app passwords. */
  readonly hasMailbox = computed(() => this.current()?.kind === 'mailbox');

  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  /** Loads the user once; null when nobody is signed in. */
  ensure(): Promise<UserResponseDto | null> {
    this.loaded ??= firstValueFrom(this.api.invoke(getMe)).then(
      (user) => {
        this.adopt(user);
        return user;
      },
      (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) return null;
        // Anything else (network, server) may pass: ask again next time.
        this.loaded = undefined;
        throw error;
      },
    );
    return this.loaded;
  }

  /** Asks `GET /me` again, e.g. after a step that lifts a restriction. */
  async refresh(): Promise<UserResponseDto | null> {
    this.loaded = undefined;
    return this.ensure();
  }

  /** Called by the sign-in flow once every step is done. */
  signedIn(user: UserResponseDto): void {
    this.adopt(user);
    this.loaded = Promise.resolve(user);
  }

  /**
   * Keeps the user's own language with their account (`PATCH /me`), so it follows them to
   * other browsers; for a mailbox it is also the language of Yubin's messages to them.
   * Null: their domain's (for a mailbox), else the browser's.
   */
  async saveLanguage(language: Language | null): Promise<void> {
    const user = await firstValueFrom(this.api.invoke(updateMe, { body: { language } }));
    this.current.set(user);
  }

  /** The account's language, where the user chose one, wins over this browser's. */
  private adopt(user: UserResponseDto): void {
    this.current.set(user);
    // A language this UI does not know (a newer server's) leaves the browser's in place.
    if (isLanguage(user.language) && user.language !== this.i18n.language()) {
      void this.i18n.use(user.language);
    }
  }

  clear(): void {
    this.current.set(null);
    this.loaded = undefined;
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.api.invoke(logout));
    } finally {
      this.clear();
    }
  }
}
