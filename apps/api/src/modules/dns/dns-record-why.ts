import type { Language } from '../../common/http/language.js';
import type { RecordPurpose } from './dns-records.js';

/** Why each record is needed, in plain words, in each language the API speaks. */
const WHY: Readonly<Record<RecordPurpose, Readonly<Record<Language, string>>>> = {
  mx: {
    en: 'Tells other mail servers where to deliver mail for this domain.',
    ja: 'このドメイン宛てのメールをどのサーバーに届けるかを他のメールサーバーに伝えます。',
  },
  spf: {
    en: 'Lists the servers allowed to send mail as this domain (SPF), so receivers can spot forgeries.',
    ja: 'このドメインとしてメールを送ってよいサーバーを示し（SPF）、受信側がなりすましを見分けられるようにします。',
  },
  dkim: {
    en: 'Publishes the public key that verifies this domain’s signature on outgoing mail (DKIM).',
    ja: '送信メールに付ける署名（DKIM）を検証するための公開鍵を公開します。',
  },
  dmarc: {
    en: 'Tells receivers what to do with mail that fails SPF and DKIM (DMARC), and where to send reports.',
    ja: 'SPF と DKIM の検査に失敗したメールの扱いと、レポートの送り先を受信側に伝えます（DMARC）。',
  },
  'mta-sts': {
    en: 'Announces the MTA-STS policy and its version, so senders know to require TLS and when to fetch it again.',
    ja: 'MTA-STS ポリシーとその版を知らせ、送信側が TLS を必須とすること、ポリシーを取り直す時期を伝えます。',
  },
  'mta-sts-host': {
    en: 'Points the mta-sts host name at this server, which serves the MTA-STS policy over HTTPS.',
    ja: 'mta-sts ホスト名をこのサーバーに向けます。ここが MTA-STS ポリシーを HTTPS で配信します。',
  },
  'tls-rpt': {
    en: 'Asks senders to report problems with TLS delivery to this domain (TLS-RPT).',
    ja: 'このドメインへの TLS 配送で起きた問題を報告するよう送信側に求めます（TLS-RPT）。',
  },
  submissions: {
    en: 'Lets mail apps find the server for sending mail, encrypted from the start on port 465.',
    ja: 'メールアプリが送信サーバーを自動で見つけられるようにします（465 番ポート、最初から暗号化）。',
  },
  'submission-none': {
    en: 'Says sending without encryption from the start is not offered, so mail apps use port 465 instead.',
    ja: '最初から暗号化しない送信は提供しないことを示し、メールアプリに 465 番ポートを使わせます。',
  },
  imaps: {
    en: 'Lets mail apps find the IMAP server, encrypted from the start on port 993.',
    ja: 'メールアプリが IMAP サーバーを自動で見つけられるようにします（993 番ポート、最初から暗号化）。',
  },
  'imap-none': {
    en: 'Says plain IMAP is not offered, so mail apps use the encrypted port 993.',
    ja: '暗号化しない IMAP は提供しないことを示し、メールアプリに暗号化された 993 番ポートを使わせます。',
  },
  pop3s: {
    en: 'Lets mail apps find the POP3 server, encrypted from the start on port 995.',
    ja: 'メールアプリが POP3 サーバーを自動で見つけられるようにします（995 番ポート、最初から暗号化）。',
  },
  'pop3-none': {
    en: 'Says plain POP3 is not offered, so mail apps use the encrypted port 995.',
    ja: '暗号化しない POP3 は提供しないことを示し、メールアプリに暗号化された 995 番ポートを使わせます。',
  },
  autoconfig: {
    en: 'Lets Thunderbird and other mail apps set themselves up from an address and a password.',
    ja: 'Thunderbird などのメールアプリが、アドレスとパスワードだけで設定を済ませられるようにします。',
  },
  autodiscover: {
    en: 'Lets Outlook set itself up from an address and a password.',
    ja: 'Outlook がアドレスとパスワードだけで設定を済ませられるようにします。',
  },
  caa: {
    en: 'Allows only the named certificate authority to issue TLS certificates for this domain.',
    ja: 'このドメインの TLS 証明書を発行できる認証局を、指定したものだけに限ります。',
  },
};

export function whyOf(purpose: RecordPurpose, language: Language): string {
  return WHY[purpose][language];
}
