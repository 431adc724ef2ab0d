import type { Locale } from '../../common/i18n/locale.js';
import type { MailEndpoint } from '../autoconfig/mail-endpoints.js';

/** What the message says: the sheet (one source with the printed one) and, maybe, the password. */
export interface HandoverMessageInput {
  address: string;
  displayName: string;
  incoming: MailEndpoint[];
  outgoing: MailEndpoint[];
  autoconfigUrl: string;
  language: Locale;
  /** The temporary password, only when the caller gave it and it is still the current one. */
  temporaryPassword: string | undefined;
}

interface Words {
  subject: (address: string) => string;
  greeting: (name: string) => string;
  intro: string;
  keepPrivate: string;
  address: string;
  temporaryPassword: string;
  mustChange: (web: string) => string;
  autoconfigTitle: string;
  autoconfig: string;
  autoconfigManual: string;
  incoming: string;
  outgoing: string;
  port: string;
  security: Record<MailEndpoint['security'], string>;
  signIn: string;
  explainTitle: string;
  explain: string[];
  automatic: string;
}

/** The printed sheet's and the connection settings page's own words (apps/web i18n). */
const WORDS: Record<Locale, Words> = {
  en: {
    subject: (address) => `Your new mail account: ${address}`,
    greeting: (name) => `Hello ${name},`,
    intro: 'Here is how to set up your mail account.',
    keepPrivate:
      'Keep this message private: it holds your password until you choose your own. Delete it once your mail app works.',
    address: 'Address and user name',
    temporaryPassword: 'Temporary password',
    mustChange: (web) =>
      `First sign in at ${web} and choose your own password, then use that one in your mail apps too.`,
    autoconfigTitle: 'Setting up a mail app',
    autoconfig:
      'Most mail apps set themselves up from your address alone: enter your address and password, and they read the settings from this link:',
    autoconfigManual: 'If the app asks for the servers, type in these settings:',
    incoming: 'Incoming mail',
    outgoing: 'Outgoing mail',
    port: 'port',
    security: { tls: 'SSL/TLS', starttls: 'STARTTLS' },
    signIn: 'Sign in with your address as the user name and your password, for sending too.',
    explainTitle: 'What these settings mean',
    explain: [
      'Receiving: IMAP keeps your mail on the server, so your phone and your computer show the same folders. POP3 downloads it to one device and usually removes it from the server. Choose IMAP unless you have a reason not to.',
      'Ports 993 (IMAP) and 995 (POP3) are encrypted from the start: SSL/TLS.',
      'Sending (SMTP): port 587 with STARTTLS, or port 465 with SSL/TLS, always signed in with your user name and password (“SMTP authentication”).',
      'Not port 25: it is for mail servers talking to each other, and most internet providers block it from homes and phones.',
    ],
    automatic: 'This message was sent automatically by your mail server.',
  },
  ja: {
    subject: (address) => `新しいメールアカウントのご案内: ${address}`,
    greeting: (name) => `${name} 様`,
    intro: 'メールアカウントの設定方法をご案内します。',
    keepPrivate:
      'このメッセージは他人に見せないでください。ご自身のパスワードを設定するまで、パスワードが記載されています。メールアプリが使えるようになったら削除してください。',
    address: 'メールアドレス（ユーザー名）',
    temporaryPassword: '仮パスワード',
    mustChange: (web) =>
      `まず ${web} にサインインしてご自身のパスワードを設定し、メールアプリにもそのパスワードを設定してください。`,
    autoconfigTitle: 'メールアプリの設定',
    autoconfig:
      '多くのメールアプリは、メールアドレスとパスワードを入力するだけで、次のリンクから設定を読み込んで自動的に設定されます:',
    autoconfigManual: 'サーバーを尋ねられた場合は、次の設定を入力してください:',
    incoming: '受信メール',
    outgoing: '送信メール',
    port: 'ポート',
    security: { tls: 'SSL/TLS', starttls: 'STARTTLS' },
    signIn: '送信にも、メールアドレスをユーザー名としてパスワードでサインインします。',
    explainTitle: '設定の意味',
    explain: [
      '受信: IMAP はメールをサーバーに置いたまま使うので、スマートフォンとパソコンで同じフォルダーが見られます。POP3 はメールを 1 台の端末にダウンロードし、通常はサーバーから削除します。特に理由がなければ IMAP を選んでください。',
      'ポート 993（IMAP）と 995（POP3）は最初から暗号化されます（SSL/TLS）。',
      '送信（SMTP）: ポート 587 で STARTTLS、またはポート 465 で SSL/TLS を使い、必ずユーザー名とパスワードでサインインします（SMTP 認証）。',
      'ポート 25 は使いません。メールサーバー同士の通信用で、多くのプロバイダーが家庭やスマートフォンからの利用をブロックしています。',
    ],
    automatic: 'このメッセージはメールサーバーから自動で送信されています。',
  },
};

const PROTOCOL: Record<MailEndpoint['protocol'], string> = {
  imap: 'IMAP',
  pop3: 'POP3',
  smtp: 'SMTP',
};

/**
 * The handover sheet as a plain-text message, in the mailbox's language: the address, the
 * temporary password when given, the servers with ports and security, what they mean and
 * the autoconfiguration link.
 */
export function handoverMessage(input: HandoverMessageInput): { subject: string; text: string } {
  const words = WORDS[input.language];
  const server = (endpoint: MailEndpoint): string =>
    `  ${PROTOCOL[endpoint.protocol]}  ${endpoint.host}  ${words.port} ${endpoint.port}  ${words.security[endpoint.security]}`;
  const web = new URL(input.autoconfigUrl).origin;
  const withPassword = input.temporaryPassword !== undefined;
  const lines = [
    ...(input.displayName.trim() === '' ? [] : [words.greeting(input.displayName.trim()), '']),
    words.intro,
    ...(withPassword ? ['', words.keepPrivate] : []),
    '',
    `${words.address}: ${input.address}`,
    ...(withPassword
      ? [`${words.temporaryPassword}: ${input.temporaryPassword}`, '', words.mustChange(web)]
      : []),
    '',
    words.autoconfigTitle,
    '',
    words.autoconfig,
    input.autoconfigUrl,
    '',
    words.autoconfigManual,
    '',
    words.incoming,
    ...input.incoming.map(server),
    words.outgoing,
    ...input.outgoing.map(server),
    '',
    words.signIn,
    '',
    words.explainTitle,
    '',
    ...words.explain.flatMap((paragraph) => [`- ${paragraph}`]),
    '',
    '-- ',
    words.automatic,
    '',
  ];
  return { subject: words.subject(input.address), text: lines.join('\n') };
}
