/**
 * Dovecot 2.3 (libsodium) only parses argon2 PHC strings whose parameters are in the
 * order m, t, p. node's argon2 writes m, p, t. Both libraries accept m, t, p, so every
 * hash is stored in that order.
 */
export function toDovecotArgon2Order(phc: string): string {
  const parts = phc.split('$');
  // ['', 'argon2id', 'v=19', 'm=...,p=...,t=...', salt, hash]
  const params = parts[3];
  if (parts.length !== 6 || params === undefined) {
    throw new Error('not an argon2 PHC string');
  }
  const byName = new Map(
    params.split(',').map((pair) => {
      const [name, value] = pair.split('=');
      return [name, value] as const;
    }),
  );
  const ordered = ['m', 't', 'p'].map((name) => {
    const value = byName.get(name);
    if (value === undefined) throw new Error(`argon2 PHC string lacks parameter ${name}`);
    return `${name}=${value}`;
  });
  parts[3] = ordered.join(',');
  return parts.join('$');
}

/**
 * The most argon2 memory Dovecot verifies: its auth process is capped at 256 MiB
 * (`default_vsz_limit`), and a hash above this fails there as "Password mismatch".
 */
export const DOVECOT_ARGON2_MAX_MEMORY_KIB = 229_376;

export interface Argon2Parameters {
  memoryKib: number;
  iterations: number;
  parallelism: number;
}

export function readArgon2Parameters(phc: string): Argon2Parameters | undefined {
  const match = /\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc) ?? undefined;
  if (match === undefined) return undefined;
  return {
    memoryKib: Number(match[1]),
    iterations: Number(match[2]),
    parallelism: Number(match[3]),
  };
}
