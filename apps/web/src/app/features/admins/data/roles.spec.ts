import { describe, expect, it } from 'vitest';
import { canManage, grantableDomains, grantableRoles, roleNeedsDomains } from './roles';

const roles = (user: Parameters<typeof grantableRoles>[0]) =>
  grantableRoles(user).map((option) => option.role);

describe('what an admin may grant', () => {
  it('a superadmin over all domains may grant every role', () => {
    expect(roles({ role: 'superadmin', domains: null })).toEqual([
      'superadmin',
      'domain-admin',
      'helpdesk',
    ]);
  });

  it('a domain admin grants domain admin and helpdesk, never superadmin', () => {
    expect(roles({ role: 'domain-admin', domains: ['example.com'] })).toEqual([
      'domain-admin',
      'helpdesk',
    ]);
  });

  it('helpdesk grants only helpdesk; a mailbox user nothing', () => {
    expect(roles({ role: 'helpdesk', domains: ['example.com'] })).toEqual(['helpdesk']);
    expect(roles({ role: null, domains: null })).toEqual([]);
  });

  it('a superadmin limited to some domains cannot make another superadmin', () => {
    expect(roles({ role: 'superadmin', domains: ['example.com'] })).not.toContain('superadmin');
  });

  it('offers an admin of some domains exactly their own, sorted', () => {
    expect(grantableDomains({ domains: ['b.test', 'a.test'] })).toEqual(['a.test', 'b.test']);
    expect(grantableDomains({ domains: null })).toEqual([]);
  });

  it('needs domains for every role but superadmin', () => {
    expect(roleNeedsDomains('superadmin')).toBe(false);
    expect(roleNeedsDomains('domain-admin')).toBe(true);
    expect(roleNeedsDomains('helpdesk')).toBe(true);
  });

  it('manages only admins whose role it could grant', () => {
    const domainAdmin = { role: 'domain-admin' as const, domains: ['a.test'] };
    expect(canManage(domainAdmin, 'helpdesk')).toBe(true);
    expect(canManage(domainAdmin, 'superadmin')).toBe(false);
  });
});
