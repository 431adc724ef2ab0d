import { describe, expect, it } from 'vitest';
import { searchIn } from './domain-picker';

describe(searchIn.name, () => {
  it('finds names by their start, whatever the case', async () => {
    const search = searchIn(['alpha.test', 'beta.test', 'alps.test']);
    expect(await search(' AL')).toEqual(['alpha.test', 'alps.test']);
    expect(await search('')).toEqual(['alpha.test', 'beta.test', 'alps.test']);
    expect(await search('z')).toEqual([]);
  });
});
