import type { DesiredRecord } from '../dns-records.js';
import { planPublish } from './publish-plan.js';

const record = (type: DesiredRecord['type'], name: string, value: string): DesiredRecord => ({
  type,
  name,
  value,
  ttl: 3600,
  purpose: 'mx',
});

describe(planPublish.name, () => {
  it('replaces the RRsets Yubin owns as a whole, and only touches its own values of the apex TXT', () => {
    const plan = planPublish(
      'example.com',
      [
        record('MX', 'example.com.', '10 mail.example.net.'),
        record('TXT', 'example.com.', '"v=spf1 mx -all"'),
        record('TXT', '_dmarc.example.com.', '"v=DMARC1; p=reject"'),
      ],
      [{ type: 'TXT', name: 'example.com.', values: ['"v=spf1 mx ~all"'] }],
    );
    expect(plan.operations).toEqual([
      { op: 'delete-rrset', name: 'example.com.', type: 'MX' },
      { op: 'add', name: 'example.com.', type: 'MX', ttl: 3600, value: '10 mail.example.net.' },
      { op: 'delete', name: 'example.com.', type: 'TXT', value: '"v=spf1 mx ~all"' },
      { op: 'add', name: 'example.com.', type: 'TXT', ttl: 3600, value: '"v=spf1 mx -all"' },
      { op: 'delete-rrset', name: '_dmarc.example.com.', type: 'TXT' },
      {
        op: 'add',
        name: '_dmarc.example.com.',
        type: 'TXT',
        ttl: 3600,
        value: '"v=DMARC1; p=reject"',
      },
    ]);
    expect(plan.records.filter((r) => r.action === 'withdrawn')).toEqual([
      { type: 'TXT', name: 'example.com.', value: '"v=spf1 mx ~all"', action: 'withdrawn' },
    ]);
    expect(plan.published).toHaveLength(3);
  });

  it('withdraws what it published before and no longer needs: a whole owned RRset, or its own apex values', () => {
    const plan = planPublish(
      'example.com',
      [record('MX', 'example.com.', '10 mail.example.net.')],
      [
        { type: 'MX', name: 'example.com.', values: ['10 mail.example.net.'] },
        { type: 'TXT', name: 'old._domainkey.example.com.', values: ['"v=DKIM1; p=AAAA"'] },
        { type: 'CAA', name: 'example.com.', values: ['0 issue "ca.example"'] },
      ],
    );
    expect(plan.operations.slice(2)).toEqual([
      { op: 'delete-rrset', name: 'old._domainkey.example.com.', type: 'TXT' },
      { op: 'delete', name: 'example.com.', type: 'CAA', value: '0 issue "ca.example"' },
    ]);
    expect(plan.records.map((r) => `${r.action} ${r.type} ${r.name}`)).toEqual([
      'published MX example.com.',
      'withdrawn TXT old._domainkey.example.com.',
      'withdrawn CAA example.com.',
    ]);
    expect(plan.published).toEqual([
      { type: 'MX', name: 'example.com.', values: ['10 mail.example.net.'] },
    ]);
  });
});
