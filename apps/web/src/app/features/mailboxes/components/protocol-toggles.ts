import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';

export type ProtocolForm = FormGroup<{
  imapEnabled: FormControl<boolean>;
  pop3Enabled: FormControl<boolean>;
  smtpEnabled: FormControl<boolean>;
}>;

export function protocolForm(
  value = { imapEnabled: true, pop3Enabled: true, smtpEnabled: true },
): ProtocolForm {
  return new FormGroup({
    imapEnabled: new FormControl(value.imapEnabled, { nonNullable: true }),
    pop3Enabled: new FormControl(value.pop3Enabled, { nonNullable: true }),
    smtpEnabled: new FormControl(value.smtpEnabled, { nonNullable: true }),
  });
}

const PROTOCOLS: readonly {
  control: 'imapEnabled' | 'pop3Enabled' | 'smtpEnabled';
  label: MessageKey;
  hint: MessageKey;
}[] = [
  {
    control: 'imapEnabled',
    label: 'mailboxes.protocols.imap',
    hint: 'mailboxes.protocols.imapHint',
  },
  {
    control: 'pop3Enabled',
    label: 'mailboxes.protocols.pop3',
    hint: 'mailboxes.protocols.pop3Hint',
  },
  {
    control: 'smtpEnabled',
    label: 'mailboxes.protocols.smtp',
    hint: 'mailboxes.protocols.smtpHint',
  },
];

/** IMAP, POP3 and SMTP switches, each with one plain line on what it does. */
@Component({
  selector: 'yb-protocol-toggles',
  imports: [ReactiveFormsModule, MatSlideToggleModule, TranslatePipe],
  template: `
    <fieldset [formGroup]="group()">
      <legend>{{ 'mailboxes.protocols.legend' | t }}</legend>
      @for (protocol of protocols; track protocol.control) {
        <div class="row">
          <mat-slide-toggle
            [formControlName]="protocol.control"
            [attr.data-testid]="'toggle-' + protocol.control"
          >
            {{ protocol.label | t }}
          </mat-slide-toggle>
          <p class="yb-hint">{{ protocol.hint | t }}</p>
        </div>
      }
    </fieldset>
  `,
  styles: `
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 12px;
      display: grid;
      gap: 12px;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 8px;
      padding: 0;
    }
    .row p {
      margin: 2px 0 0 52px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProtocolToggles {
  readonly group = input.required<ProtocolForm>();
  protected readonly protocols = PROTOCOLS;
}
