import {
  SPAM_THRESHOLDS,
  type ProblemFieldError,
  type SpamPolicyLayer,
  type SpamPolicyValues,
  type SpamThreshold,
} from '#contracts';

const ORDERED_PAIRS: readonly (readonly [SpamThreshold, SpamThreshold])[] = [
  ['addHeaderScore', 'junkScore'],
  ['junkScore', 'rejectScore'],
  ['addHeaderScore', 'rejectScore'],
];

/**
 * addHeader ≤ junk ≤ reject, on the effective values. Each broken pair is reported on the
 * fields of the pair this level sets itself (an inherited value is not this form's to fix).
 */
export function thresholdOrderErrors(
  effective: SpamPolicyValues,
  own: SpamPolicyLayer,
): ProblemFieldError[] {
  const fields = new Set<SpamThreshold>();
  let broken = false;
  for (const [lower, higher] of ORDERED_PAIRS) {
    if (effective[lower] <= effective[higher]) continue;
    broken = true;
    if (own[higher] !== null) fields.add(higher);
    if (own[lower] !== null) fields.add(lower);
  }
  if (!broken) return [];
  const message =
    'The thresholds must keep their order: spam header ≤ junk folder ≤ reject, counting inherited values.';
  const named = SPAM_THRESHOLDS.filter((field) => fields.has(field));
  return (named.length === 0 ? ['junkScore' as const] : named).map((field) => ({
    field,
    code: 'thresholdOrder',
    message,
  }));
}

/**
 * A mailbox user moves their own thresholds only towards stricter: each one they set is at
 * most what they would inherit (the domain's, or the default). A value they keep as it was
 * (one an admin set) is not theirs to justify.
 */
export function userCeilingErrors(
  requested: Pick<SpamPolicyLayer, SpamThreshold>,
  stored: Pick<SpamPolicyLayer, SpamThreshold> | null,
  inherited: SpamPolicyValues,
): ProblemFieldError[] {
  return SPAM_THRESHOLDS.flatMap((field) => {
    const value = requested[field];
    if (value === null || value === (stored?.[field] ?? null) || value <= inherited[field])
      return [];
    return [
      {
        field,
        code: 'aboveDomain',
        message: `${field} may be at most ${inherited[field]}, what your domain allows; lower is stricter.`,
      },
    ];
  });
}
