import type { DkimKeyResponseDto } from '@yubin/api-client';
import { formatDate } from '../../../core/i18n/format';
import type { I18n } from '../../../core/i18n/i18n.service';

/**
 * A key as the API gives it, with the dates of the rotation's next steps: `rotatesAt` (the
 * signing key is replaced on a schedule) and `retireAfter` (a retiring key's record leaves DNS).
 */
export type DkimKey = DkimKeyResponseDto;

/** Where a key is in the rotation, in plain words. */
export function dkimStateText(key: DkimKey, i18n: I18n): string {
  if (key.state !== 'retiring') return i18n.t(`dns.dkim.states.${key.state}`);
  return key.retireAfter === null
    ? i18n.t('dns.dkim.states.retiringSoon')
    : i18n.t('dns.dkim.states.retiring', { date: formatDate(key.retireAfter, i18n.locale()) });
}

/** What happens to the key next, and when where the API says. */
export function dkimNextStep(key: DkimKey, i18n: I18n): string {
  const date = (value: string) => formatDate(value, i18n.locale());
  switch (key.state) {
    case 'published':
      return i18n.t('dns.dkim.next.published');
    case 'active':
      return key.rotatesAt
        ? i18n.t('dns.dkim.next.activeRotates', { date: date(key.rotatesAt) })
        : i18n.t('dns.dkim.next.active');
    case 'retiring':
      return key.retireAfter === null
        ? '—'
        : i18n.t('dns.dkim.next.retiring', { date: date(key.retireAfter) });
    case 'retired':
      return key.retiredAt === null
        ? '—'
        : i18n.t('dns.dkim.next.retired', { date: date(key.retiredAt) });
  }
}
