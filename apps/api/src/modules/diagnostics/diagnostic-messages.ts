import type { DiagnosticAction, DiagnosticCode, DiagnosticStatus } from '#contracts';
import type { Locale } from '../../common/i18n/locale.js';
import type { Finding, FindingParams } from './diagnostic-checks.js';

type Text = Record<Locale, string>;
type Describe = (status: DiagnosticStatus, params: FindingParams) => Text;

const str = (params: FindingParams, key: string): string => String(params[key] ?? '');

/** `2026-12-02 14:35 UTC`: a lock lasts minutes, so the minute is what matters. */
const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const PROTOCOL_NAMES: Record<string, string> = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' };
const protocolList = (csv: string, separator: string): string =>
  csv
    .split(',')
    .filter((p) => p !== '')
    .map((p) => PROTOCOL_NAMES[p] ?? p)
    .join(separator);

const LEVEL_NAMES: Record<string, Text> = {
  mailbox: { en: 'this mailbox’s own list', ja: 'このメールボックス自身のリスト' },
  domain: { en: 'the domain’s list', ja: 'ドメインのリスト' },
  global: { en: 'the list for all domains', ja: '全ドメイン共通のリスト' },
};

const protocolCheck =
  (name: string, enUse: string, jaUse: string): Describe =>
  (status) =>
    status === 'ok'
      ? { en: `${name} is on.`, ja: `${name} は有効です。` }
      : {
          en: `${name} is switched off for this mailbox, so mail apps cannot ${enUse} with ${name}.`,
          ja: `このメールボックスでは ${name} が無効なため、メールアプリは ${name} で${jaUse}できません。`,
        };

const DESCRIBE: Record<DiagnosticCode, Describe> = {
  'mailbox-inactive': (status) =>
    status === 'ok'
      ? { en: 'The mailbox is active.', ja: 'メールボックスは有効です。' }
      : {
          en: 'The mailbox is switched off: it receives no mail and nobody can sign in to it.',
          ja: 'メールボックスが無効になっています。メールは届かず、サインインもできません。',
        },
  'domain-inactive': (status, p) =>
    status === 'ok'
      ? {
          en: `The domain ${str(p, 'domain')} is active.`,
          ja: `ドメイン ${str(p, 'domain')} は有効です。`,
        }
      : {
          en: `The whole domain ${str(p, 'domain')} is switched off: none of its mailboxes receives mail or signs in.`,
          ja: `ドメイン ${str(p, 'domain')} 全体が無効です。どのメールボックスもメールを受信できず、サインインもできません。`,
        },
  'quota-warning': (status, p) => {
    if (p.unlimited === 1)
      return {
        en: 'This mailbox has no size limit.',
        ja: 'このメールボックスには容量の上限がありません。',
      };
    const percent = str(p, 'percent');
    return status === 'ok'
      ? {
          en: `${percent}% of the mailbox’s space is used.`,
          ja: `メールボックスの容量を ${percent}% 使用しています。`,
        }
      : {
          en: `The mailbox is ${percent}% full. When it is full, new mail is refused: delete old mail or ask for more space.`,
          ja: `メールボックスの容量が ${percent}% に達しています。満杯になると新しいメールを受け取れません。古いメールを削除するか、容量の追加を依頼してください。`,
        };
  },
  'quota-full': (_status, p) => ({
    en: `The mailbox is full (${str(p, 'percent')}%): new mail is refused and senders get it back. Delete old mail or ask for more space.`,
    ja: `メールボックスが満杯です（${str(p, 'percent')}%）。新しいメールは受け取れず、送信者に戻されます。古いメールを削除するか、容量の追加を依頼してください。`,
  }),
  'imap-disabled': protocolCheck('IMAP', 'read mail', 'メールを読むことが'),
  'pop3-disabled': protocolCheck('POP3', 'download mail', 'メールをダウンロード'),
  'smtp-disabled': protocolCheck('SMTP', 'send mail', 'メールを送信'),
  'app-password-needed': (status, p) => {
    if (p.twoFactor !== 1)
      return {
        en: 'Two-step sign-in is off: mail apps sign in with the account password.',
        ja: '2段階認証はオフです。メールアプリはアカウントのパスワードでサインインします。',
      };
    if (status === 'ok')
      return {
        en: 'Two-step sign-in is on, and there is an app password for each protocol in use.',
        ja: '2段階認証がオンで、使用中の各プロトコルにアプリパスワードがあります。',
      };
    return {
      en: `Two-step sign-in is on, so mail apps need an app password instead of the account password. None opens ${protocolList(str(p, 'missing'), ', ')} yet.`,
      ja: `2段階認証がオンのため、メールアプリにはアカウントのパスワードではなくアプリパスワードが必要です。${protocolList(str(p, 'missing'), '、')} 用のアプリパスワードがまだありません。`,
    };
  },
  'password-change-pending': (status) =>
    status === 'ok'
      ? { en: 'No password change is pending.', ja: '保留中のパスワード変更はありません。' }
      : {
          en: 'The password was reset and is temporary: sign in to Yubin once and choose a new one, then use the new one in mail apps too.',
          ja: 'パスワードはリセットされた一時的なものです。一度 Yubin にサインインして新しいパスワードを決め、メールアプリにも新しいパスワードを設定してください。',
        },
  'account-locked': (status, p) =>
    status === 'ok'
      ? { en: 'Sign-in is not locked.', ja: 'サインインはロックされていません。' }
      : {
          en: `Sign-in is locked after repeated wrong passwords, until ${minute(str(p, 'until'))}. A mail app with an old password keeps it locked: correct the password there first.`,
          ja: `パスワードの誤りが続いたため、${minute(str(p, 'until'))} までサインインがロックされています。古いパスワードのままのメールアプリがあるとロックが続くので、先にそのアプリのパスワードを直してください。`,
        },
  'dns-mx': dnsCheck(
    'MX',
    'mail for the domain reaches this server',
    'ドメイン宛てのメールがこのサーバーに届くか',
  ),
  'dns-spf': dnsCheck(
    'SPF',
    'other servers accept mail sent from the domain',
    '他のサーバーがこのドメインからのメールを受け取るか',
  ),
  'dns-dkim': dnsCheck(
    'DKIM',
    'mail sent from the domain carries a valid signature',
    'このドメインから送るメールに有効な署名が付くか',
  ),
  'dns-dmarc': dnsCheck(
    'DMARC',
    'receivers know what to do with forged mail from the domain',
    '受信側がこのドメインを騙るメールをどう扱うか',
  ),
  'sender-blocked': (status, p) => {
    const sender = str(p, 'sender');
    const level = LEVEL_NAMES[str(p, 'level')];
    if (status !== 'ok')
      return {
        en: `Mail from ${sender} is refused: a block rule in ${level?.en ?? 'a list'} names it.`,
        ja: `${sender} からのメールは拒否されます。${level?.ja ?? 'リスト'}のブロック規則に該当します。`,
      };
    return p.verdict === 'allow'
      ? {
          en: `Mail from ${sender} is always allowed (${level?.en ?? 'a list'}): it skips the spam check.`,
          ja: `${sender} からのメールは常に許可されます（${level?.ja ?? 'リスト'}）。迷惑メール判定は行われません。`,
        }
      : {
          en: `No sender rule blocks mail from ${sender}; the spam check decides.`,
          ja: `${sender} からのメールをブロックする規則はありません。迷惑メール判定で決まります。`,
        };
  },
  'spam-threshold': (status, p) => {
    if (p.enabled !== 1)
      return {
        en: 'Spam filtering is off for this mailbox.',
        ja: 'このメールボックスでは迷惑メールフィルターがオフです。',
      };
    const junk = str(p, 'junkScore');
    const reject = str(p, 'rejectScore');
    const folder = str(p, 'junkFolder');
    return status === 'ok'
      ? {
          en: `Spam goes to “${folder}” from score ${junk} and is refused from ${reject}: ordinary mail gets through.`,
          ja: `スコア ${junk} 以上は「${folder}」へ、${reject} 以上は拒否されます。通常のメールは届きます。`,
        }
      : {
          en: `The spam thresholds are very strict (to “${folder}” from score ${junk}, refused from ${reject}): much ordinary mail will be filed as spam or refused. Look in “${folder}”.`,
          ja: `迷惑メールのしきい値が非常に厳しく設定されています（スコア ${junk} 以上は「${folder}」へ、${reject} 以上は拒否）。通常のメールの多くが迷惑メール扱いまたは拒否されます。「${folder}」フォルダーを確認してください。`,
        };
  },
  'forwarding-without-copy': (status, p) => {
    if (status !== 'ok')
      return {
        en: `All mail is forwarded to ${str(p, 'destinations')} and no copy is kept here, so this mailbox stays empty.`,
        ja: `すべてのメールが ${str(p, 'destinations')} に転送され、ここにはコピーが残りません。そのためこのメールボックスは空のままです。`,
      };
    return p.count === 0
      ? { en: 'Mail is not forwarded.', ja: 'メールは転送されていません。' }
      : {
          en: `Mail is forwarded to ${str(p, 'destinations')}, and a copy is kept here.`,
          ja: `メールは ${str(p, 'destinations')} に転送され、ここにもコピーが残ります。`,
        };
  },
};

function dnsCheck(record: string, enWhat: string, jaWhat: string): Describe {
  return (_status, p) => {
    const domain = str(p, 'domain');
    const name = str(p, 'name').replace(/\.$/, '');
    switch (p.state) {
      case 'ok':
        return {
          en: `The ${record} record of ${domain} is right.`,
          ja: `${domain} の ${record} レコードは正しく設定されています。`,
        };
      case 'none':
        // Only DKIM can lack a record: the domain has no signing key yet.
        return {
          en: `${domain} has no ${record} key yet, so there is no ${record} record to publish. It decides whether ${enWhat}.`,
          ja: `${domain} にはまだ ${record} の鍵がないため、公開する ${record} レコードがありません。これは${jaWhat}を左右します。`,
        };
      case 'missing':
        return {
          en: `The ${record} record of ${domain} is missing: DNS has none at ${name}. It decides whether ${enWhat}. Publish ${str(p, 'expected')}.`,
          ja: `${domain} の ${record} レコードがありません（${name} に見つかりません）。これは${jaWhat}を左右します。${str(p, 'expected')} を登録してください。`,
        };
      case 'mismatch':
        return {
          en: `The ${record} record of ${domain} is wrong: DNS answers ${str(p, 'found')} at ${name}, but it should be ${str(p, 'expected')}. It decides whether ${enWhat}.`,
          ja: `${domain} の ${record} レコードが誤っています。${name} の DNS の回答は ${str(p, 'found')} ですが、正しくは ${str(p, 'expected')} です。これは${jaWhat}を左右します。`,
        };
      default:
        return p.never === 1
          ? {
              en: `The ${record} record of ${domain} has not been checked: its DNS records were never verified. It decides whether ${enWhat}.`,
              ja: `${domain} の ${record} レコードは未確認です（DNS レコードはまだ一度も検証されていません）。これは${jaWhat}を左右します。`,
            }
          : {
              en: `The ${record} record of ${domain} has not been checked since it changed: verify the DNS records again. It decides whether ${enWhat}.`,
              ja: `${domain} の ${record} レコードは変更後にまだ確認されていません。DNS レコードを再度検証してください。これは${jaWhat}を左右します。`,
            };
    }
  };
}

const ACTION_LABELS: Record<DiagnosticAction, Text> = {
  'activate-mailbox': { en: 'Turn the mailbox on', ja: 'メールボックスを有効にする' },
  'activate-domain': { en: 'Turn the domain on', ja: 'ドメインを有効にする' },
  'raise-quota': { en: 'Raise the quota', ja: '容量を増やす' },
  'enable-imap': { en: 'Turn on IMAP', ja: 'IMAP を有効にする' },
  'enable-pop3': { en: 'Turn on POP3', ja: 'POP3 を有効にする' },
  'enable-smtp': { en: 'Turn on SMTP', ja: 'SMTP を有効にする' },
  'issue-app-password': { en: 'Issue an app password', ja: 'アプリパスワードを発行する' },
  'reset-password': { en: 'Reset the password', ja: 'パスワードをリセットする' },
  unlock: { en: 'Unlock sign-in', ja: 'サインインのロックを解除する' },
  'edit-sender-rules': { en: 'Edit sender rules', ja: '送信者の規則を編集する' },
  'edit-spam-policy': { en: 'Edit spam settings', ja: '迷惑メール設定を編集する' },
  'edit-forwarding': { en: 'Edit forwarding', ja: '転送設定を編集する' },
  'verify-dns': { en: 'Verify DNS records', ja: 'DNS レコードを検証する' },
  'create-app-password': { en: 'Create an app password', ja: 'アプリパスワードを作成する' },
  'change-password': { en: 'Change your password', ja: 'パスワードを変更する' },
  'contact-admin': { en: 'Ask your administrator', ja: '管理者に連絡する' },
  'empty-mailbox': { en: 'Delete old mail', ja: '古いメールを削除する' },
};

export function describeFinding(finding: Finding, locale: Locale): string {
  return DESCRIBE[finding.code](finding.status, finding.params)[locale];
}

export function actionLabel(action: DiagnosticAction, locale: Locale): string {
  return ACTION_LABELS[action][locale];
}
