import type { SpamPolicyValues } from '#contracts';
import type { MessageKey } from '../../../core/i18n/i18n.service';

export interface PolicyLine {
  key: MessageKey;
  params: Record<string, string | number>;
}

/**
 * What a policy does to mail, one line per step, in the order a rising score meets them:
 * "From 5: marked as spam", "From 6: moved to Junk", "From 15: refused".
 */
export function describePolicy(policy: SpamPolicyValues): PolicyLine[] {
  if (!policy.enabled) return [{ key: 'spam.words.off', params: {} }];
  const folder = policy.junkFolder;
  return [
    { key: 'spam.words.addHeader', params: { score: policy.addHeaderScore } },
    { key: 'spam.words.junk', params: { score: policy.junkScore, folder } },
    { key: 'spam.words.reject', params: { score: policy.rejectScore } },
    policy.virusAction === 'junk'
      ? { key: 'spam.words.virusJunk', params: { folder } }
      : { key: 'spam.words.virusReject', params: {} },
  ];
}
