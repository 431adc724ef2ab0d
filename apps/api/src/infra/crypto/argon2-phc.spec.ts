import argon2 from 'argon2';
import { readArgon2Parameters, toDovecotArgon2Order } from './argon2-phc.js';

describe('toDovecotArgon2Order', () => {
  it('reorders m,p,t to m,t,p and keeps salt and hash', () => {
    const phc = '$argon2id$v=19$m=32768,p=1,t=3$c2FsdHNhbHQ$aGFzaGhhc2g';
    expect(toDovecotArgon2Order(phc)).toBe(
      '$argon2id$v=19$m=32768,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
    );
  });

  it('produces a hash that node argon2 still verifies', async () => {
    const phc = await argon2.hash('correct horse', {
      type: argon2.argon2id,
      memoryCost: 19456,
      timeCost: 2,
    });
    expect(phc).toMatch(/m=19456,p=\d+,t=2/);
    const reordered = toDovecotArgon2Order(phc);
    expect(reordered).toMatch(/m=19456,t=2,p=\d+/);
    expect(await argon2.verify(reordered, 'correct horse')).toBe(true);
    expect(await argon2.verify(reordered, 'wrong horse')).toBe(false);
  });

  it('refuses what is not an argon2 PHC string', () => {
    expect(() => toDovecotArgon2Order('$6$salt$hash')).toThrow();
  });
});

describe('readArgon2Parameters', () => {
  it('reads the parameters of a stored hash', () => {
    expect(readArgon2Parameters('$argon2id$v=19$m=32768,t=3,p=1$s$h')).toEqual({
      memoryKib: 32768,
      iterations: 3,
      parallelism: 1,
    });
    expect(readArgon2Parameters('$6$x$y')).toBeUndefined();
  });
});
