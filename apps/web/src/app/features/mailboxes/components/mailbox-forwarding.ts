import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { MailboxResponseDto } from '@yubin/api-client';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatListText, parseListText } from '../../../shared/forms/list-text';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { UnicodeNamesPipe } from '../../../shared/ui/unicode-name.pipe';

export type ForwardingForm = FormGroup<{
  forwardTo: FormControl<string>;
  keepCopy: FormControl<boolean>;
}>;

export function forwardingForm(): ForwardingForm {
  return new FormGroup({
    forwardTo: new FormControl('', { nonNullable: true }),
    keepCopy: new FormControl(true, { nonNullable: true }),
  });
}

/** The form's value for a mailbox as the API returns it. */
export function forwardingValue(mailbox: Pick<MailboxResponseDto, 'forwardTo' | 'keepCopy'>): {
  forwardTo: string;
  keepCopy: boolean;
} {
  return { forwardTo: formatListText(mailbox.forwardTo), keepCopy: mailbox.keepCopy };
}

/** What the API takes from the form. */
export function forwardingChanges(value: { forwardTo: string; keepCopy: boolean }): {
  forwardTo: string[];
  keepCopy: boolean;
} {
  return { forwardTo: parseListText(value.forwardTo), keepCopy: value.keepCopy };
}

/**
 * Where the mailbox's mail goes: on to other addresses, and whether the mailbox keeps a
 * copy. Shown with the mailbox because it changes what the mailbox receives. A forwarding
 * address here that nothing receives is shown as a warning (`unknown`) for the page to confirm.
 */
@Component({
  selector: 'yb-mailbox-forwarding',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatCheckboxModule,
    TranslatePipe,
    FieldErrorPipe,
    UnicodeNamesPipe,
  ],
  template: `
    <fieldset [formGroup]="group()">
      <legend>{{ 'mailboxes.forwarding.legend' | t }}</legend>
      <mat-form-field>
        <mat-label>{{ 'mailboxes.forwarding.forwardTo' | t }}</mat-label>
        <textarea
          matInput
          formControlName="forwardTo"
          rows="3"
          spellcheck="false"
          autocapitalize="none"
          data-testid="mailbox-forward-to"
        ></textarea>
        <mat-hint>{{ 'mailboxes.forwarding.forwardToHint' | t }}</mat-hint>
        <mat-error>{{ group().controls.forwardTo.errors | fieldError }}</mat-error>
      </mat-form-field>
      @if (unknown(); as addresses) {
        <p class="yb-banner-warning" role="alert" data-testid="unknown-forward-to">
          {{
            'mailboxes.forwarding.unknownDestinations' | t: { addresses: addresses | unicodeNames }
          }}
        </p>
      }
      <div>
        <mat-checkbox formControlName="keepCopy" data-testid="mailbox-keep-copy">{{
          'mailboxes.forwarding.keepCopy' | t
        }}</mat-checkbox>
        <p class="yb-hint" data-testid="mailbox-forwarding-summary">
          {{ summary() | t }}
        </p>
      </div>
    </fieldset>
  `,
  styles: `
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 12px;
      display: grid;
      gap: 8px;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 8px;
      padding: 0;
    }
    p {
      margin: 2px 0 0 40px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxForwarding {
  readonly group = input.required<ForwardingForm>();
  /**
   * Forwarding addresses here that nothing receives, as the API named them: a warning the
   * page's next save confirms (null: nothing to confirm).
   */
  readonly unknown = input<readonly string[] | null>(null);

  /** What happens to the mailbox's mail as the form stands, in one sentence. */
  protected summary(): MessageKey {
    const { forwardTo, keepCopy } = forwardingChanges(this.group().getRawValue());
    if (forwardTo.length === 0) return 'mailboxes.forwarding.none';
    return keepCopy ? 'mailboxes.forwarding.withCopy' : 'mailboxes.forwarding.withoutCopy';
  }
}
