import { FULL_REACH, type Reach } from '../../common/auth/principal.js';
import { inReach, reachSql, reachSqlAt } from './reach.js';

const domainAdminOfA: Reach = { domainScope: { kind: 'some', domainIds: ['A'] }, rank: 2 };

describe('reach', () => {
  describe(inReach.name, () => {
    it('lets a reach over every domain act on anything', () => {
      expect(
        inReach(FULL_REACH, { domainId: 'B', admin: { role: 'superadmin', domainIds: [] } }),
      ).toBe(true);
    });

    it('keeps a limited reach to its domains', () => {
      expect(inReach(domainAdminOfA, { domainId: 'A' })).toBe(true);
      expect(inReach(domainAdminOfA, { domainId: 'B' })).toBe(false);
    });

    it('refuses a superadmin, a higher role, or a role that also holds another domain', () => {
      expect(inReach(domainAdminOfA, { admin: { role: 'superadmin', domainIds: [] } })).toBe(false);
      expect(
        inReach(
          { ...domainAdminOfA, rank: 1 },
          { admin: { role: 'domain-admin', domainIds: ['A'] } },
        ),
      ).toBe(false);
      expect(inReach(domainAdminOfA, { admin: { role: 'helpdesk', domainIds: ['A', 'B'] } })).toBe(
        false,
      );
      expect(inReach(domainAdminOfA, { admin: { role: 'domain-admin', domainIds: ['A'] } })).toBe(
        true,
      );
    });
  });

  describe(reachSql.name, () => {
    it('filters nothing for a reach over every domain', () => {
      expect(reachSql(FULL_REACH, { domainId: 'd.id', address: 'a.address' }).sql).toBe('TRUE');
    });

    it('names a condition for each bound column', () => {
      const { sql } = reachSql(domainAdminOfA, {
        domainId: 'x.domain_id',
        mailboxId: 'x.mailbox_id',
        address: 'x.address',
        adminAccount: 'acc',
      });
      expect(sql).toContain('x.domain_id = ANY(:reachScopeIds)');
      expect(sql).toContain('reach_a.mailbox_id = x.mailbox_id');
      expect(sql).toContain('reach_m.address = x.address');
      expect(sql).toContain('reach_a.email = x.address');
      expect(sql).toContain("NOT (acc.role = 'superadmin'");
    });
  });

  describe(reachSqlAt.name, () => {
    it('numbers only the parameters the condition uses, after the query’s own', () => {
      expect(reachSqlAt(FULL_REACH, { domainId: 'id' }, 2)).toEqual({ sql: 'TRUE', params: [] });
      const byDomain = reachSqlAt(domainAdminOfA, { domainId: 'id' }, 2);
      expect(byDomain).toEqual({ sql: '(id = ANY($2::uuid[]))', params: [['A']] });
      const byAdmin = reachSqlAt(domainAdminOfA, { adminAccount: 'a' }, 4);
      expect(byAdmin.params).toEqual([['A'], 2]);
      expect(byAdmin.sql).toContain('$4::uuid[]');
      expect(byAdmin.sql).toContain('> $5::int');
      expect(byAdmin.sql).not.toContain(':reach');
    });
  });
});
