import { Socket } from 'node:net';
import { readAnswer, RCODE_NAMES, signMessage, type DnsAnswer, type TsigKey } from './dns-wire.js';

export interface UpdateTarget {
  host: string;
  port: number;
}

/** The server could not be reached or did not answer in time. */
export class DnsServerUnreachable extends Error {}

/** The server answered, but not NOERROR (or not signed by the key). */
export class DnsUpdateRejected extends Error {
  constructor(
    /** NOTAUTH, REFUSED, …, or the TSIG error (BADKEY, BADSIG, BADTIME) when there is one. */
    readonly reason: string,
  ) {
    super(`the DNS server answered ${reason}`);
  }
}

/** Splits `host:port` and `[v6]:port`. */
export function parseServer(server: string): UpdateTarget | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(server);
  if (match === null) return undefined;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (match[1] ?? match[2] ?? '').toLowerCase(), port };
}

/** One DNS message over TCP (RFC 1035 §4.2.2: two length bytes before it), and its answer. */
function exchange(target: UpdateTarget, message: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let received = Buffer.alloc(0);
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(new DnsServerUnreachable(`no answer within ${timeoutMs} ms`)),
    );
    socket.on('error', (error) => fail(new DnsServerUnreachable(error.message)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      const length = received.readUInt16BE(0);
      if (received.length < 2 + length) return;
      socket.destroy();
      resolve(received.subarray(2, 2 + length));
    });
    socket.on('close', () => fail(new DnsServerUnreachable('connection closed without an answer')));
    const length = Buffer.alloc(2);
    length.writeUInt16BE(message.length);
    socket.connect(target.port, target.host, () => socket.end(Buffer.concat([length, message])));
  });
}

/**
 * Sends an UPDATE signed with the key to the one configured server over TCP, and
 * accepts only a NOERROR answer carrying a valid TSIG of the same key.
 */
export async function sendUpdate(
  target: UpdateTarget,
  message: Buffer,
  key: TsigKey,
  now: Date,
  timeoutMs = 5000,
): Promise<void> {
  const request = signMessage(message, key, Math.floor(now.getTime() / 1000));
  const answer: DnsAnswer = readAnswer(
    await exchange(target, request.wire, timeoutMs),
    request,
    key,
  );
  if (answer.id !== message.readUInt16BE(0)) throw new DnsUpdateRejected('a mismatched ID');
  if (answer.tsigError !== 0) {
    throw new DnsUpdateRejected(RCODE_NAMES[answer.tsigError] ?? `TSIG error ${answer.tsigError}`);
  }
  if (answer.rcode !== 0) {
    throw new DnsUpdateRejected(RCODE_NAMES[answer.rcode] ?? `RCODE ${answer.rcode}`);
  }
  if (!answer.signed) throw new DnsUpdateRejected('UNSIGNED');
}
