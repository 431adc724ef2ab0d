import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { downloadBlob } from '../../../shared/data/download';
import { AccountApi } from '../data/account-api';

/**
 * An iPhone, iPad or Mac sets up the account from one file. With two-step sign-in on it
 * needs an app password, so one is put inside by default; the file is the only copy.
 */
@Component({
  selector: 'yb-apple-profile-card',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatIconModule, TranslatePipe],
  template: `
    <h2>{{ 'connection.apple.title' | t }}</h2>
    <p class="yb-muted">{{ 'connection.apple.intro' | t }}</p>
    <mat-checkbox [formControl]="withAppPassword" data-testid="apple-with-app-password">{{
      'connection.apple.withAppPassword' | t
    }}</mat-checkbox>
    @if (withAppPassword.value) {
      <p class="yb-hint">{{ 'connection.apple.secretHint' | t }}</p>
    }
    @if (error(); as message) {
      <p class="yb-banner-error" role="alert">{{ message }}</p>
    }
    <div class="yb-actions">
      <button
        mat-flat-button
        type="button"
        [disabled]="busy()"
        (click)="download()"
        data-testid="apple-profile-download"
      >
        <mat-icon fontIcon="download" />{{ 'connection.apple.download' | t }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 8px;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppleProfileCard {
  private readonly api = inject(AccountApi);
  private readonly problems = inject(ProblemText);
  readonly username = input.required<string>();
  /** Two-step sign-in is on: the device cannot use the account password. */
  readonly appPasswordRequired = input(false);
  protected readonly withAppPassword = new FormControl(false, { nonNullable: true });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => this.withAppPassword.setValue(this.appPasswordRequired()));
  }

  protected async download(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const profile = await this.api.appleProfile(this.withAppPassword.value);
      downloadBlob(profile, `${this.username()}.mobileconfig`);
    } catch (error) {
      this.error.set(this.problems.describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
