import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * A secret the API returns once (a temporary password, an API token): shown in full,
 * with a copy button and a warning that it will not be shown again.
 */
@Component({
  selector: 'yb-secret-once',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="box">
      <span class="label" [id]="id + '-label'">{{ label() }}</span>
      <div class="row">
        <code class="secret yb-mono" [attr.aria-labelledby]="id + '-label'" data-testid="secret">{{
          secret()
        }}</code>
        <button mat-flat-button type="button" (click)="copy()" data-testid="copy-secret">
          <mat-icon [fontIcon]="done() ? 'check' : 'content_copy'" />
          {{ done() ? copiedLabel() : copyLabel() }}
        </button>
      </div>
      <p class="warning"><mat-icon fontIcon="visibility_off" />{{ warning() }}</p>
      <span class="yb-visually-hidden" aria-live="polite">{{ done() ? copiedLabel() : '' }}</span>
    </div>
  `,
  styles: `
    .box {
      display: grid;
      gap: 8px;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .label {
      font: var(--mat-sys-label-large);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .secret {
      font-size: 1.15rem;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
      border: 1px dashed var(--mat-sys-outline);
      user-select: all;
      overflow-wrap: anywhere;
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
export class SecretOnce {
  private static next = 0;
  private readonly clipboard = inject(Clipboard);
  protected readonly id = `yb-secret-${SecretOnce.next++}`;

  readonly secret = input.required<string>();
  readonly label = input.required<string>();
  readonly warning = input.required<string>();
  readonly copyLabel = input.required<string>();
  readonly copiedLabel = input.required<string>();
  readonly copied = output();

  protected readonly done = signal(false);

  protected copy(): void {
    if (this.clipboard.copy(this.secret())) {
      this.done.set(true);
      this.copied.emit();
    }
  }
}
