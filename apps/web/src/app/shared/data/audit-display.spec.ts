import { describe, expect, it } from 'vitest';
import { auditChanges, auditTargetLabel } from './audit-display';

describe(auditTargetLabel.name, () => {
  it('names an API token by its name, from either side, and anything else by its target', () => {
    const id = 'b5a71f46-f8dd-4c1e-9a53-0c2f3b8a9d11';
    expect(
      auditTargetLabel({
        target: id,
        targetType: 'api-token',
        before: null,
        after: { name: 'HR script' },
      }),
    ).toBe('HR script');
    expect(
      auditTargetLabel({
        target: id,
        targetType: 'api-token',
        before: { name: 'Old' },
        after: null,
      }),
    ).toBe('Old');
    expect(
      auditTargetLabel({ target: id, targetType: 'api-token', before: null, after: null }),
    ).toBe(id);
    expect(
      auditTargetLabel({
        target: 'a@example.test',
        targetType: 'mailbox',
        before: null,
        after: { name: 'x' },
      }),
    ).toBe('a@example.test');
  });
});

describe(auditChanges.name, () => {
  it('shows sizes in the reader’s units and language, and marks what changed', () => {
    const before = { quotaBytes: 5368709120, active: true, destinations: ['a@x.test'] };
    const after = { quotaBytes: 10737418240, active: true, destinations: ['a@x.test', 'b@x.test'] };
    expect(auditChanges(before, after, 'en')).toEqual([
      { field: 'quotaBytes', before: '5 GB', after: '10 GB', changed: true },
      { field: 'active', before: 'true', after: 'true', changed: false },
      { field: 'destinations', before: 'a@x.test', after: 'a@x.test, b@x.test', changed: true },
    ]);
    expect(auditChanges(null, { quotaBytes: 1073741824 }, 'ja')).toEqual([
      {
        field: 'quotaBytes',
        before: null,
        after: expect.stringMatching(/^1\s?GB$/),
        changed: true,
      },
    ]);
  });
});
