import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18n } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { downloadText } from '../data/download';

/**
 * Recovery codes, shown once: readable in a grid, copied all at once or saved as a text
 * file with a line saying what they are for.
 */
@Component({
  selector: 'yb-recovery-codes',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <div class="box">
      <ol
        class="codes yb-mono"
        role="list"
        data-testid="recovery-codes"
        [attr.aria-label]="'twoFactor.codes.label' | t"
      >
        @for (code of codes(); track code) {
          <li>{{ code }}</li>
        }
      </ol>
      <div class="yb-actions">
        <button mat-stroked-button type="button" (click)="copy()" data-testid="copy-codes">
          <mat-icon [fontIcon]="copied() ? 'check' : 'content_copy'" />
          {{ (copied() ? 'common.copied' : 'twoFactor.codes.copy') | t }}
        </button>
        <button mat-stroked-button type="button" (click)="download()" data-testid="download-codes">
          <mat-icon fontIcon="download" />{{ 'twoFactor.codes.download' | t }}
        </button>
      </div>
      <p class="warning">
        <mat-icon fontIcon="visibility_off" />{{ 'twoFactor.codes.shownOnce' | t }}
      </p>
      <span class="yb-visually-hidden" aria-live="polite">{{
        copied() ? ('common.copied' | t) : ''
      }}</span>
    </div>
  `,
  styles: `
    .box {
      display: grid;
      gap: 12px;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    /* Each code stands alone: its number sits inside its own cell (a counter, not the
       list marker that hung into the neighbouring column), and the columns are as many
       as fit the width, never narrower than a number and a code. */
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16ch, 1fr));
      gap: 6px 24px;
      margin: 0;
      padding: 0;
      list-style: none;
      counter-reset: code;
      font-size: 1.05rem;
    }
    .codes li {
      counter-increment: code;
      display: flex;
      gap: 1ch;
      white-space: nowrap;
      user-select: all;
    }
    .codes li::before {
      content: counter(code) '.';
      min-width: 3ch;
      text-align: end;
      color: var(--mat-sys-on-surface-variant);
    }
    .warning {
      display: flex;
      gap: 8px;
      align-items: center;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodes {
  private readonly clipboard = inject(Clipboard);
  private readonly i18n = inject(I18n);
  readonly codes = input.required<readonly string[]>();
  /** Whose codes they are, written at the top of the downloaded file. */
  readonly account = input.required<string>();
  protected readonly copied = signal(false);

  protected copy(): void {
    if (this.clipboard.copy(this.codes().join('\n'))) this.copied.set(true);
  }

  protected download(): void {
    const heading = this.i18n.t('twoFactor.codes.fileHeading', { account: this.account() });
    const help = this.i18n.t('twoFactor.codes.fileHelp');
    downloadText(
      `${heading}\n${help}\n\n${this.codes().join('\n')}\n`,
      `yubin-recovery-codes-${this.account().replace(/[^a-z0-9.@_-]/gi, '_')}.txt`,
    );
  }
}
