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

  it('names a domain, an address or a catch-all in Unicode, an API token’s name as given', () => {
    const event = { before: null, after: null };
    expect(auditTargetLabel({ ...event, target: 'xn--e28h.jp', targetType: 'domain' })).toBe(
      '😀.jp',
    );
    expect(
      auditTargetLabel({ ...event, target: 'alice@xn--r8jz45g.jp', targetType: 'mailbox' }),
    ).toBe('alice@例え.jp');
    expect(auditTargetLabel({ ...event, target: '@xn--r8jz45g.jp', targetType: 'alias' })).toBe(
      '@例え.jp',
    );
    expect(
      auditTargetLabel({
        target: 'b5a71f46',
        targetType: 'api-token',
        before: null,
        after: { name: 'xn--e28h.jp' },
      }),
    ).toBe('xn--e28h.jp');
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

  it('shows domains and addresses in Unicode', () => {
    expect(
      auditChanges(
        { targetDomain: 'example.test' },
        { targetDomain: 'xn--r8jz45g.jp', destinations: ['a@xn--e28h.jp', 'b@x.test'] },
        'en',
      ),
    ).toEqual([
      { field: 'targetDomain', before: 'example.test', after: '例え.jp', changed: true },
      { field: 'destinations', before: null, after: 'a@😀.jp, b@x.test', changed: true },
    ]);
  });
});
