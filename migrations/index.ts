import type { MigrationInterface } from 'typeorm';
import { Directory1795910400000 } from './1795910400000-directory.js';
import { Identity1795920000000 } from './1795920000000-identity.js';
import { MailServerContract1796083200000 } from './1796083200000-mail-server-contract.js';
import { MailTwoFactor1796100000000 } from './1796100000000-mail-two-factor.js';
import { MailboxUsageIndex1796110000000 } from './1796110000000-mailbox-usage-index.js';
import { SignInAddress1796200000000 } from './1796200000000-sign-in-address.js';
import { MailRolesPerDatabase1796210000000 } from './1796210000000-mail-roles-per-database.js';
import { ThrottleReservations1796300000000 } from './1796300000000-throttle-reservations.js';
import { MailboxForwarding1796310000000 } from './1796310000000-mailbox-forwarding.js';
import { DaemonLookupTables1796490000000 } from './1796490000000-daemon-lookup-tables.js';
import { SpamPolicyAndSenderRules1796495450000 } from './1796495450000-spam-policy-and-sender-rules.js';
import { AuthKnownAddress1796496300000 } from './1796496300000-auth-known-address.js';
import { DomainMailHostname1796499460000 } from './1796499460000-domain-mail-hostname.js';
import { SenderAccessMaps1796500000000 } from './1796500000000-sender-access-maps.js';
import { DnsRecords1796502000000 } from './1796502000000-dns-records.js';
import { DkimKeys1796510000000 } from './1796510000000-dkim-keys.js';
import { DnsPublishing1796520000000 } from './1796520000000-dns-publishing.js';
import { JunkFolderLookup1796530000000 } from './1796530000000-junk-folder-lookup.js';
import { DkimSettings1796560000000 } from './1796560000000-dkim-settings.js';
import { DkimFirstSigned1796560000001 } from './1796560000001-dkim-first-signed.js';
import { MailLanguage1796580000000 } from './1796580000000-mail-language.js';
import { AdminLanguage1796600000000 } from './1796600000000-admin-language.js';

/** Applied in this order. A new migration is added here by hand, after review. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Directory1795910400000,
  Identity1795920000000,
  MailServerContract1796083200000,
  MailTwoFactor1796100000000,
  MailboxUsageIndex1796110000000,
  SignInAddress1796200000000,
  MailRolesPerDatabase1796210000000,
  ThrottleReservations1796300000000,
  MailboxForwarding1796310000000,
  DaemonLookupTables1796490000000,
  SpamPolicyAndSenderRules1796495450000,
  AuthKnownAddress1796496300000,
  DomainMailHostname1796499460000,
  SenderAccessMaps1796500000000,
  DnsRecords1796502000000,
  DkimKeys1796510000000,
  DnsPublishing1796520000000,
  JunkFolderLookup1796530000000,
  DkimSettings1796560000000,
  DkimFirstSigned1796560000001,
  MailLanguage1796580000000,
  AdminLanguage1796600000000,
];
