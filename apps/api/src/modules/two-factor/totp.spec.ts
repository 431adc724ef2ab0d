import { generate } from 'otplib';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';

const PERIOD_MS = 30_000;
/** A fixed instant in the middle of a time step, so ±1 step is unambiguous. */
const NOW = new Date(Math.floor(Date.UTC(2026, 10, 29, 12, 0, 0) / PERIOD_MS) * PERIOD_MS + 10_000);

async function codeAt(secret: string, steps: number): Promise<string> {
  return generate({ secret, epoch: Math.floor((NOW.getTime() + steps * PERIOD_MS) / 1000) });
}

describe('verifyTotp', () => {
  const secret = newTotpSecret();
  const currentStep = Math.floor(NOW.getTime() / PERIOD_MS);

  it.each([-1, 0, 1])('accepts the code of step %i and reports its step', async (offset) => {
    expect(await verifyTotp(secret, await codeAt(secret, offset), NOW, null)).toBe(
      currentStep + offset,
    );
  });

  it.each([-2, 2])('refuses the code of step %i', async (offset) => {
    expect(await verifyTotp(secret, await codeAt(secret, offset), NOW, null)).toBeUndefined();
  });

  it('refuses a code whose step is not after the last accepted one (replay)', async () => {
    const code = await codeAt(secret, 0);
    expect(await verifyTotp(secret, code, NOW, currentStep)).toBeUndefined();
    expect(await verifyTotp(secret, code, NOW, currentStep - 1)).toBe(currentStep);
  });

  it('refuses anything that is not six digits', async () => {
    expect(await verifyTotp(secret, '12345', NOW, null)).toBeUndefined();
    expect(await verifyTotp(secret, 'abcdef', NOW, null)).toBeUndefined();
  });

  it('makes an otpauth URI for authenticator apps', () => {
    const uri = totpUri(secret, 'Yubin', 'alice@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Yubin:alice%40example\.com\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Yubin');
  });
});
