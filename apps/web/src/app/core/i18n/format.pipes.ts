import { inject, Pipe, type PipeTransform } from '@angular/core';
import { formatBytes, formatDate, formatDateTime, formatNumber, formatRelative } from './format';
import { I18n } from './i18n.service';

/** Sizes for the active locale: `{{ mailbox.usedBytes | bytes }}`. */
@Pipe({ name: 'bytes', pure: false })
export class BytesPipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }
}

@Pipe({ name: 'dateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: string | null | undefined): string {
    return formatDateTime(value, this.i18n.locale());
  }
}

@Pipe({ name: 'date', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: string | null | undefined): string {
    return formatDate(value, this.i18n.locale());
  }
}

@Pipe({ name: 'relative', pure: false })
export class RelativeTimePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: string): string {
    return formatRelative(value, this.i18n.locale());
  }
}

@Pipe({ name: 'num', pure: false })
export class NumberPipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  transform(value: number): string {
    return formatNumber(value, this.i18n.locale());
  }
}
