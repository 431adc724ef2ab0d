import type { CreateSenderRuleDto, SpamPolicyDto } from '@yubin/api-client';
import { defineFormErrors, lengthMessages, rangeMessages } from '../../../shared/forms/form-errors';

const SCORE = rangeMessages(0, 1000, 'score');

export const SPAM_POLICY_ERRORS = defineFormErrors<SpamPolicyDto>(
  'SpamPolicyDto',
  ['enabled', 'addHeaderScore', 'junkScore', 'rejectScore', 'junkFolder', 'virusAction'],
  {
    addHeaderScore: SCORE,
    junkScore: SCORE,
    rejectScore: SCORE,
    junkFolder: {
      ...lengthMessages({ min: 1, max: 100 }),
      matches: { key: 'errors.fields.folderName' },
    },
  },
);

export const SENDER_RULE_CREATE_ERRORS = defineFormErrors<CreateSenderRuleDto>(
  'CreateSenderRuleDto',
  ['kind', 'match', 'match.sender', 'match.senderDomain', 'match.clientIp', 'note'],
  {
    'match.sender': {
      ...lengthMessages({ max: 320 }),
      invalid: { key: 'errors.fields.senderAddress' },
    },
    'match.senderDomain': {
      ...lengthMessages({ max: 300 }),
      invalid: { key: 'errors.fields.senderDomain' },
    },
    'match.clientIp': {
      ...lengthMessages({ max: 64 }),
      invalid: { key: 'errors.fields.senderNetwork' },
    },
    note: { ...lengthMessages({ max: 200 }), matches: { key: 'errors.fields.controlCharacters' } },
  },
);
