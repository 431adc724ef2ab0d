import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { UserResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import type { Language } from '../../../core/i18n/i18n.types';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { LanguageSelect } from '../../../shared/ui/language-select';

/**
 * The user's own language, kept with their account: the UI follows it on every browser,
 * and for a mailbox Yubin's messages (quota warnings) are written in it.
 */
@Component({
  selector: 'yb-language-card',
  imports: [LanguageSelect, TranslatePipe],
  template: `
    <h2>{{ 'account.language.title' | t }}</h2>
    <yb-language-select
      [control]="control"
      [label]="'account.language.label' | t"
      [hint]="(mailbox() ? 'account.language.hintMailbox' : 'account.language.hint') | t"
      [unsetLabel]="(mailbox() ? 'account.language.unsetMailbox' : 'account.language.unset') | t"
      testId="my-language"
    />
  `,
  styles: `
    h2 {
      font: var(--mat-sys-title-large);
      margin-bottom: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageCard {
  readonly user = input.required<UserResponseDto>();

  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  private readonly problems = inject(ProblemText);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly control = new FormControl<Language | null>(null);

  protected mailbox(): boolean {
    return this.user().kind === 'mailbox';
  }

  constructor() {
    effect(() => {
      this.control.setValue(this.user().language, { emitEvent: false });
    });
    this.control.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((language) => void this.save(language));
  }

  private async save(language: Language | null): Promise<void> {
    try {
      await this.session.saveLanguage(language);
      if (language !== null) await this.i18n.use(language);
      this.snackBar.open(this.i18n.t('common.saved'));
    } catch (error) {
      this.control.setValue(this.user().language, { emitEvent: false });
      this.snackBar.open(this.problems.describe(toProblem(error)));
    }
  }
}
