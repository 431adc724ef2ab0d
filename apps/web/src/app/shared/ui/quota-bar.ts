import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type QuotaLevel = 'ok' | 'warn' | 'full' | 'unlimited';

export function quotaLevel(usedBytes: number, quotaBytes: number): QuotaLevel {
  if (quotaBytes <= 0) return 'unlimited';
  const ratio = usedBytes / quotaBytes;
  return ratio >= 0.95 ? 'full' : ratio >= 0.8 ? 'warn' : 'ok';
}

/**
 * Storage used against a limit: a bar for the eye and the numbers as text
 * (the caller passes the text already formatted for the locale).
 */
@Component({
  selector: 'yb-quota-bar',
  template: `
    <div
      class="track"
      role="meter"
      [attr.aria-label]="label()"
      [attr.aria-valuenow]="percent()"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuetext]="text()"
      [class]="level()"
    >
      <div class="fill" [style.width.%]="percent()"></div>
    </div>
    <span class="text">{{ text() }}</span>
  `,
  styles: `
    :host {
      display: grid;
      gap: 4px;
      min-width: 120px;
    }
    .track {
      height: 6px;
      border-radius: 3px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .fill {
      height: 100%;
      background: var(--mat-sys-primary);
      border-radius: 3px;
    }
    .warn .fill {
      background: var(--yb-warn);
    }
    .full .fill {
      background: var(--mat-sys-error);
    }
    .unlimited .fill {
      background: var(--mat-sys-outline);
    }
    .text {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuotaBar {
  readonly usedBytes = input.required<number>();
  readonly quotaBytes = input.required<number>();
  /** e.g. "1.2 GB of 5 GB". */
  readonly text = input.required<string>();
  readonly label = input.required<string>();

  protected readonly level = computed(() => quotaLevel(this.usedBytes(), this.quotaBytes()));
  protected readonly percent = computed(() => {
    const quota = this.quotaBytes();
    if (quota <= 0) return 0;
    return Math.min(100, Math.round((this.usedBytes() / quota) * 100));
  });
}
