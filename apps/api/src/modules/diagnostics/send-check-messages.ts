import type { SendCheckCode } from '#contracts';
import type { Locale } from '../../common/i18n/locale.js';

export type SendCheckParams = Readonly<Record<string, string>>;
type Text = Record<Locale, string>;

const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const SMTP_OFF: Text = { en: 'SMTP is switched off for it', ja: 'SMTP が無効です' };
const LOGIN_REASONS: Record<string, Text> = {
  domain: { en: 'its domain is switched off', ja: 'ドメインが無効です' },
  mailbox: { en: 'the mailbox is switched off', ja: 'メールボックスが無効です' },
  smtp: SMTP_OFF,
  'app-password': {
    en: 'two-step sign-in is on and no app password opens SMTP',
    ja: '2段階認証がオンで、SMTP 用のアプリパスワードがありません',
  },
};

const MESSAGES: Record<SendCheckCode, (p: SendCheckParams) => Text> = {
  accepted: (p) => ({
    en: `The mail server accepts mail from ${p.from} to ${p.to} and delivers it.`,
    ja: `${p.from} から ${p.to} へのメールは受け付けられ、配送されます。`,
  }),
  'accepted-relay': (p) => ({
    en: `The mail server accepts the message and sends it on to ${p.to}’s own mail server, which decides whether to take it.`,
    ja: `メールは受け付けられ、${p.to} のメールサーバーへ送られます。受け取るかどうかは相手のサーバーが決めます。`,
  }),
  'account-locked': (p) => ({
    en: `${p.mailbox} cannot sign in to send: sign-in is locked after repeated wrong passwords, until ${minute(p.until ?? '')}.`,
    ja: `${p.mailbox} は送信のためにサインインできません。パスワードの誤りが続いたため、${minute(p.until ?? '')} までロックされています。`,
  }),
  'login-refused': (p) => {
    const reason = LOGIN_REASONS[p.reason ?? ''] ?? SMTP_OFF;
    return {
      en: `${p.mailbox} cannot sign in to send mail: ${reason.en}.`,
      ja: `${p.mailbox} は送信のためにサインインできません。${reason.ja}。`,
    };
  },
  'empty-sender': () => ({
    en: 'The empty sender (<>) is for bounces, not for mail apps: the mail server refuses it (553).',
    ja: '空の送信者（<>）はエラー通知用で、メールアプリからは使えません。メールサーバーは拒否します（553）。',
  }),
  'sender-not-owned': (p) => ({
    en: `${p.mailbox} may not send as ${p.from}: only as its own address and the aliases that deliver to it. The mail server refuses it (553).`,
    ja: `${p.mailbox} は ${p.from} として送信できません。自分のアドレスと、自分宛てのエイリアスだけが使えます。メールサーバーは拒否します（553）。`,
  }),
  'recipient-unknown': (p) => ({
    en: `There is no active mailbox or alias ${p.to}: the mail server refuses the recipient (550).`,
    ja: `${p.to} という有効なメールボックスやエイリアスはありません。メールサーバーは宛先を拒否します（550）。`,
  }),
  'sender-blocked': (p) =>
    p.level === 'global'
      ? {
          en: `The sender policy for all domains blocks mail from ${p.from}: the mail server refuses it (554).`,
          ja: `全ドメイン共通の送信者ポリシーが ${p.from} からのメールをブロックしているため、メールサーバーは拒否します（554）。`,
        }
      : {
          en: `A sender rule of ${p.recipient} blocks mail from ${p.from}: the message is refused.`,
          ja: `${p.recipient} の送信者規則が ${p.from} からのメールをブロックしているため、メールは拒否されます。`,
        },
  'recipient-quota-full': (p) => ({
    en: `The mailbox ${p.recipient} is full: the mail server takes the message, cannot store it, and returns it to the sender (552).`,
    ja: `メールボックス ${p.recipient} が満杯です。メールは受け付けられますが保存できず、送信者に戻されます（552）。`,
  }),
};

export function describeSendCheck(
  code: SendCheckCode,
  params: SendCheckParams,
  locale: Locale,
): string {
  return MESSAGES[code](params)[locale];
}
