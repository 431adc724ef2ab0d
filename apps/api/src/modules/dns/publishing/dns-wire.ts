import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { DnsRecordType } from '#contracts';

/**
 * The few pieces of the DNS wire format (RFC 1035 §4) an RFC 2136 UPDATE signed with
 * TSIG (RFC 8945) needs: names without compression, the rdata of the record types Yubin
 * generates, the UPDATE message, its TSIG, and the reading of the answer.
 */

export const TYPE_CODES: Readonly<Record<DnsRecordType, number>> = {
  CNAME: 5,
  MX: 15,
  TXT: 16,
  SRV: 33,
  CAA: 257,
};
const TYPE_TSIG = 250;
const CLASS_IN = 1;
const CLASS_NONE = 254;
const CLASS_ANY = 255;
const TYPE_SOA = 6;
const OPCODE_UPDATE = 5;

export const TSIG_HASHES = {
  'hmac-sha256': 'sha256',
  'hmac-sha384': 'sha384',
  'hmac-sha512': 'sha512',
} as const;
export type TsigAlgorithmName = keyof typeof TSIG_HASHES;

export interface TsigKey {
  name: string;
  algorithm: TsigAlgorithmName;
  secret: Buffer;
}

/** RCODEs (RFC 1035, 2136) and TSIG errors (RFC 8945 §5.3) by number. */
export const RCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  6: 'YXDOMAIN',
  7: 'YXRRSET',
  8: 'NXRRSET',
  9: 'NOTAUTH',
  10: 'NOTZONE',
  16: 'BADSIG',
  17: 'BADKEY',
  18: 'BADTIME',
  22: 'BADTRUNC',
};

export class DnsWireError extends Error {}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

function u48(value: number): Buffer {
  const buffer = Buffer.alloc(6);
  buffer.writeUIntBE(value, 0, 6);
  return buffer;
}

/** A name in wire form, uncompressed. `lower`: the canonical form TSIG's variables use. */
export function encodeName(name: string, lower = false): Buffer {
  const text = (lower ? name.toLowerCase() : name).replace(/\.$/, '');
  if (text === '') return Buffer.from([0]);
  const parts: Buffer[] = [];
  for (const label of text.split('.')) {
    const bytes = Buffer.from(label, 'ascii');
    if (bytes.length === 0 || bytes.length > 63) throw new DnsWireError(`bad label in ${name}`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  const wire = Buffer.concat(parts);
  if (wire.length > 255) throw new DnsWireError(`name too long: ${name}`);
  return wire;
}

/** The character-strings of a presentation-form TXT or CAA value: `"a" "b"` → [a, b]. */
export function quotedStrings(value: string): Buffer[] {
  const strings = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) =>
    Buffer.from((match[1] ?? '').replace(/\\(.)/g, '$1'), 'utf8'),
  );
  for (const string of strings) {
    if (string.length > 255) throw new DnsWireError('character-string longer than 255 bytes');
  }
  return strings;
}

function fields(value: string, count: number, type: string): string[] {
  const parts = value.trim().split(/\s+/);
  if (parts.length < count) throw new DnsWireError(`bad ${type} data: ${value}`);
  return parts;
}

function number16(text: string | undefined): Buffer {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new DnsWireError(`bad number: ${text}`);
  }
  return u16(value);
}

/** The rdata of a record in presentation form, as the record types Yubin generates have it. */
export function encodeRdata(type: DnsRecordType, value: string): Buffer {
  switch (type) {
    case 'CNAME':
      return encodeName(value.trim());
    case 'MX': {
      const [preference, exchange] = fields(value, 2, type);
      return Buffer.concat([number16(preference), encodeName(exchange ?? '')]);
    }
    case 'SRV': {
      const [priority, weight, port, target] = fields(value, 4, type);
      return Buffer.concat([
        number16(priority),
        number16(weight),
        number16(port),
        encodeName(target ?? ''),
      ]);
    }
    case 'TXT':
      return Buffer.concat(
        quotedStrings(value).flatMap((string) => [Buffer.from([string.length]), string]),
      );
    case 'CAA': {
      const match = /^\s*(\d+)\s+([A-Za-z0-9]+)\s+(".*")\s*$/.exec(value);
      if (match === null) throw new DnsWireError(`bad CAA data: ${value}`);
      const tag = Buffer.from(match[2] ?? '', 'ascii');
      return Buffer.concat([
        Buffer.from([Number(match[1])]),
        Buffer.from([tag.length]),
        tag,
        ...quotedStrings(match[3] ?? ''),
      ]);
    }
  }
}

/** One change of an UPDATE's update section (RFC 2136 §2.5). */
export type UpdateOperation =
  /** Add a record to an RRset. */
  | { op: 'add'; name: string; type: DnsRecordType; ttl: number; value: string }
  /** Delete a whole RRset. */
  | { op: 'delete-rrset'; name: string; type: DnsRecordType }
  /** Delete one record from an RRset. */
  | { op: 'delete'; name: string; type: DnsRecordType; value: string };

function resourceRecord(
  name: string,
  type: number,
  klass: number,
  ttl: number,
  rdata: Buffer,
): Buffer {
  return Buffer.concat([
    encodeName(name),
    u16(type),
    u16(klass),
    u32(ttl),
    u16(rdata.length),
    rdata,
  ]);
}

function operationRecord(operation: UpdateOperation): Buffer {
  const type = TYPE_CODES[operation.type];
  switch (operation.op) {
    case 'add':
      return resourceRecord(
        operation.name,
        type,
        CLASS_IN,
        operation.ttl,
        encodeRdata(operation.type, operation.value),
      );
    case 'delete-rrset':
      return resourceRecord(operation.name, type, CLASS_ANY, 0, Buffer.alloc(0));
    case 'delete':
      return resourceRecord(
        operation.name,
        type,
        CLASS_NONE,
        0,
        encodeRdata(operation.type, operation.value),
      );
  }
}

/** An unsigned UPDATE of `zone`: header, zone section, no prerequisites, the operations. */
export function encodeUpdate(
  zone: string,
  operations: readonly UpdateOperation[],
  id: number = randomInt(65536),
): Buffer {
  if (operations.length > 65535) throw new DnsWireError('too many operations');
  const header = Buffer.concat([
    u16(id),
    u16(OPCODE_UPDATE << 11),
    u16(1),
    u16(0),
    u16(operations.length),
    u16(0),
  ]);
  const zoneSection = Buffer.concat([encodeName(zone), u16(TYPE_SOA), u16(CLASS_IN)]);
  return Buffer.concat([header, zoneSection, ...operations.map(operationRecord)]);
}

interface TsigVariables {
  key: TsigKey;
  timeSigned: number;
  fudge: number;
  error: number;
  other: Buffer;
}

/** RFC 8945 §4.3.3: the TSIG variables digested after the message. */
function tsigVariables(v: TsigVariables): Buffer {
  const timers = Buffer.concat([u48(v.timeSigned), u16(v.fudge)]);
  return Buffer.concat([
    encodeName(v.key.name, true),
    u16(CLASS_ANY),
    u32(0),
    encodeName(v.key.algorithm, true),
    timers,
    u16(v.error),
    u16(v.other.length),
    v.other,
  ]);
}

function mac(key: TsigKey, ...parts: Buffer[]): Buffer {
  const hmac = createHmac(TSIG_HASHES[key.algorithm], key.secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

export interface SignedMessage {
  wire: Buffer;
  /** The request's MAC, which the answer's MAC covers (RFC 8945 §5.3.1). */
  mac: Buffer;
}

/** Appends a TSIG record to a message (RFC 8945 §4.2); `timeSigned` in seconds since 1970. */
export function signMessage(
  message: Buffer,
  key: TsigKey,
  timeSigned: number,
  fudge = 300,
): SignedMessage {
  const variables: TsigVariables = { key, timeSigned, fudge, error: 0, other: Buffer.alloc(0) };
  const digest = mac(key, message, tsigVariables(variables));
  const wire = Buffer.concat([message, tsigRecord(variables, digest, message.readUInt16BE(0))]);
  wire.writeUInt16BE(message.readUInt16BE(10) + 1, 10);
  return { wire, mac: digest };
}

function tsigRecord(v: TsigVariables, digest: Buffer, originalId: number): Buffer {
  const rdata = Buffer.concat([
    encodeName(v.key.algorithm, true),
    u48(v.timeSigned),
    u16(v.fudge),
    u16(digest.length),
    digest,
    u16(originalId),
    u16(v.error),
    u16(v.other.length),
    v.other,
  ]);
  return resourceRecord(v.key.name.toLowerCase(), TYPE_TSIG, CLASS_ANY, 0, rdata);
}

export interface DnsAnswer {
  id: number;
  rcode: number;
  /** The TSIG record's error (BADSIG, BADKEY, BADTIME), 0 when none or no TSIG. */
  tsigError: number;
  /** Whether the answer carried a TSIG whose MAC matched the request's key. */
  signed: boolean;
}

class Reader {
  constructor(
    readonly buffer: Buffer,
    public offset = 0,
  ) {}

  need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) throw new DnsWireError('answer cut short');
  }

  u16(): number {
    this.need(2);
    const value = this.buffer.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  skip(bytes: number): void {
    this.need(bytes);
    this.offset += bytes;
  }

  u48(): number {
    this.need(6);
    const value = this.buffer.readUIntBE(this.offset, 6);
    this.offset += 6;
    return value;
  }

  bytes(length: number): Buffer {
    this.need(length);
    const value = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** Reads a name, following compression pointers (RFC 1035 §4.1.4). */
  name(): string {
    const labels: string[] = [];
    let offset = this.offset;
    let jumped = false;
    for (let hops = 0; hops < 128; hops++) {
      if (offset >= this.buffer.length) throw new DnsWireError('answer cut short');
      const length = this.buffer.readUInt8(offset);
      if (length === 0) {
        if (!jumped) this.offset = offset + 1;
        return labels.length === 0 ? '.' : `${labels.join('.')}.`;
      }
      if ((length & 0xc0) === 0xc0) {
        if (offset + 1 >= this.buffer.length) throw new DnsWireError('answer cut short');
        if (!jumped) this.offset = offset + 2;
        jumped = true;
        offset = ((length & 0x3f) << 8) | this.buffer.readUInt8(offset + 1);
        continue;
      }
      if (offset + 1 + length > this.buffer.length) throw new DnsWireError('answer cut short');
      labels.push(this.buffer.toString('ascii', offset + 1, offset + 1 + length));
      offset += 1 + length;
    }
    throw new DnsWireError('name compression loop');
  }
}

/**
 * Reads an answer to a signed request: its RCODE, and its TSIG, whose MAC must cover
 * the request's MAC and the answer (RFC 8945 §5.3.1). An answer refusing the key or the
 * signature is unsigned by design (§5.3.2), which `tsigError` tells.
 */
export function readAnswer(wire: Buffer, request: SignedMessage, key: TsigKey): DnsAnswer {
  const reader = new Reader(wire);
  const id = reader.u16();
  const flags = reader.u16();
  const counts = [reader.u16(), reader.u16(), reader.u16(), reader.u16()];
  const [zoCount = 0, prCount = 0, upCount = 0, adCount = 0] = counts;
  for (let i = 0; i < zoCount; i++) {
    reader.name();
    reader.skip(4);
  }
  for (let i = 0; i < prCount + upCount + adCount; i++) {
    const start = reader.offset;
    const name = reader.name();
    const type = reader.u16();
    reader.skip(6);
    const length = reader.u16();
    const rdataStart = reader.offset;
    reader.bytes(length);
    if (type !== TYPE_TSIG) continue;
    if (i !== prCount + upCount + adCount - 1) throw new DnsWireError('TSIG is not last');
    const rdata = new Reader(wire, rdataStart);
    const algorithm = rdata.name();
    const timeSigned = rdata.u48();
    const fudge = rdata.u16();
    const digest = rdata.bytes(rdata.u16());
    rdata.u16();
    const error = rdata.u16();
    const other = rdata.bytes(rdata.u16());
    let signed = false;
    if (
      digest.length > 0 &&
      name.toLowerCase() === `${key.name.toLowerCase().replace(/\.$/, '')}.` &&
      algorithm.toLowerCase() === `${key.algorithm}.`
    ) {
      const unsigned = Buffer.from(wire.subarray(0, start));
      unsigned.writeUInt16BE(adCount - 1, 10);
      const expected = mac(
        key,
        u16(request.mac.length),
        request.mac,
        unsigned,
        tsigVariables({ key, timeSigned, fudge, error, other }),
      );
      signed = expected.length === digest.length && timingSafeEqual(expected, digest);
    }
    return { id, rcode: flags & 0x0f, tsigError: error, signed };
  }
  return { id, rcode: flags & 0x0f, tsigError: 0, signed: false };
}
