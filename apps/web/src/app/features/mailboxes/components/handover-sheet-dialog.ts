import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, type MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { HandoverResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../core/i18n/i18n.types';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ConnectionSettingsCard } from '../../../shared/ui/connection-settings-card';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { MailboxesApi } from '../data/mailboxes-api';
import { HandoverSendForm } from './handover-send-form';

export interface HandoverSheetData {
  address: string;
  /**
   * The temporary password just shown once. It lives only in this browser's memory: the
   * API never returns it again, and it is in no URL.
   */
  password: string;
}

/**
 * The sheet a new user is handed: address, temporary password, servers and what the
 * ports mean. Printed with the page's print styles, which show only `.yb-print-sheet`.
 */
@Component({
  selector: 'yb-handover-sheet-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    ConnectionSettingsCard,
    Loading,
    ErrorState,
    HandoverSendForm,
    TranslatePipe,
  ],
  template: `
    <mat-dialog-content>
      @if (problem(); as current) {
        <yb-error-state
          [message]="problems.describe(current)"
          [retryLabel]="'common.retry' | t"
          (retry)="load()"
        />
      } @else if (sheet(); as current) {
        <article class="yb-print-sheet" data-testid="handover-sheet">
          <h2 mat-dialog-title>{{ 'mailboxes.handover.title' | t }}</h2>
          <p>{{ 'mailboxes.handover.intro' | t }}</p>
          <dl class="credentials">
            <dt>{{ 'mailboxes.handover.address' | t }}</dt>
            <dd>
              <code class="yb-mono" data-testid="handover-address">{{ current.address }}</code>
            </dd>
            <dt>{{ 'mailboxes.handover.temporaryPassword' | t }}</dt>
            <dd>
              <code class="yb-mono password" data-testid="handover-password">{{
                data.password
              }}</code>
            </dd>
          </dl>
          <p>{{ 'mailboxes.handover.mustChange' | t: { web: webAddress } }}</p>
          <h3>{{ 'mailboxes.handover.autoconfigTitle' | t }}</h3>
          <p>{{ 'mailboxes.handover.autoconfig' | t }}</p>
          <p>
            <code class="yb-mono link" data-testid="handover-autoconfig">{{
              current.autoconfigUrl
            }}</code>
          </p>
          <p>{{ 'mailboxes.handover.autoconfigManual' | t }}</p>
          <yb-connection-settings-card
            [settings]="{
              username: current.address,
              incoming: current.incoming,
              outgoing: current.outgoing,
              appPasswordRequired: false,
            }"
          />
        </article>
        @if (canSend()) {
          <yb-handover-send-form [address]="current.address" [password]="data.password" />
        }
      } @else {
        <yb-loading [label]="'common.loading' | t" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <div class="language" role="group" [attr.aria-label]="'mailboxes.handover.language' | t">
        @for (language of languages; track language.code) {
          <button
            mat-button
            type="button"
            [attr.lang]="language.code"
            [attr.aria-pressed]="shownIn() === language.code"
            [class.chosen]="shownIn() === language.code"
            (click)="showIn(language.code)"
            [attr.data-testid]="'handover-language-' + language.code"
          >
            {{ language.label }}
          </button>
        }
      </div>
      <button mat-button type="button" mat-dialog-close>
        {{ 'mailboxes.handover.close' | t }}
      </button>
      <button
        mat-flat-button
        type="button"
        [disabled]="sheet() === null"
        (click)="print()"
        data-testid="handover-print-now"
      >
        <mat-icon fontIcon="print" />{{ 'mailboxes.handover.printNow' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .credentials {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 8px 16px;
      align-items: baseline;
    }
    dd {
      margin: 0;
    }
    .password {
      font-size: 1.15rem;
    }
    .link {
      overflow-wrap: anywhere;
    }
    h2 {
      font: var(--mat-sys-headline-small);
      padding: 0;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin-top: 16px;
    }
    p {
      max-width: 72ch;
    }
    .language {
      margin-right: auto;
    }
    .chosen {
      text-decoration: underline;
      text-underline-offset: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoverSheetDialog {
  private readonly api = inject(MailboxesApi);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  protected readonly problems = inject(ProblemText);
  protected readonly data = inject<HandoverSheetData>(MAT_DIALOG_DATA);
  protected readonly sheet = signal<HandoverResponseDto | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  /** Where the user signs in to choose their own password: this Yubin. */
  protected readonly webAddress = this.document.location.origin;
  protected readonly languages = LANGUAGES.map((code) => ({ code, label: LANGUAGE_NAMES[code] }));
  protected readonly shownIn = this.i18n.language;
  /** Only where the server can send mail, and for those who may hand out credentials. */
  protected readonly canSend = computed(
    () => this.sheet()?.canSendByMail === true && this.session.can('mailboxes:credentials'),
  );

  constructor() {
    // The sheet is written in the user's language, and the UI has one language at a time:
    // it takes the sheet's while this is open, then goes back to the reader's own.
    const own = this.i18n.language();
    inject(DestroyRef).onDestroy(() => void this.i18n.use(own, { remember: false }));
    void this.load();
  }

  protected async showIn(language: Language): Promise<void> {
    await this.i18n.use(language, { remember: false });
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      const sheet = await this.api.handover(this.data.address);
      await this.showIn(sheet.language);
      this.sheet.set(sheet);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}

/** Opens the sheet over whatever showed the password, which stays open beneath it. */
export function openHandoverSheet(dialog: MatDialog, data: HandoverSheetData): void {
  dialog.open<HandoverSheetDialog, HandoverSheetData>(HandoverSheetDialog, {
    data,
    width: '760px',
    maxWidth: '100vw',
    autoFocus: 'dialog',
  });
}
