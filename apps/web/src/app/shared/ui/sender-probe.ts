import { ChangeDetectionStrategy, Component, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** "Not receiving mail from someone?": the address to check the sender rules against. */
@Component({
  selector: 'yb-sender-probe',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
  ],
  template: `
    <form class="probe" [formGroup]="probe" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>{{ 'diagnostics.sender' | t }}</mat-label>
        <input
          matInput
          type="email"
          formControlName="address"
          autocomplete="off"
          data-testid="diagnostics-sender"
        />
        <mat-hint>{{ 'diagnostics.senderHint' | t }}</mat-hint>
      </mat-form-field>
      <button mat-stroked-button type="submit" data-testid="diagnostics-check-sender">
        {{ 'diagnostics.checkSender' | t }}
      </button>
    </form>
  `,
  styles: `
    .probe {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    mat-form-field {
      flex: 1 1 320px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SenderProbe {
  protected readonly probe = new FormGroup({
    address: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(320)] }),
  });
  /** The trimmed address, or undefined to check without a sender. */
  readonly check = output<string | undefined>();

  protected submit(): void {
    const value = this.probe.controls.address.value.trim();
    this.check.emit(value === '' ? undefined : value);
  }
}
