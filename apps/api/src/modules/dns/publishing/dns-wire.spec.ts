import {
  encodeName,
  encodeRdata,
  encodeUpdate,
  readAnswer,
  signMessage,
  type TsigKey,
} from './dns-wire.js';

/**
 * A known vector from an independent implementation: Knot's `knsupdate -v -y
 * hmac-sha256:yubin-key:<secret>` sending, to a listener that printed it,
 *   del _dmarc.example.com. TXT
 *   add _dmarc.example.com. 3600 TXT "v=DMARC1; p=reject"
 *   add example.com. 3600 MX 10 mail.example.net.
 * Its names are compressed (ours are not), which TSIG does not care about: the MAC
 * covers the message bytes as sent.
 */
const KNSUPDATE_UNSIGNED =
  '4fae28000001000000030000076578616d706c6503636f6d0000060001065f646d617263c00c001000ff000000000000c01d0010000100000e10001312763d444d415243313b20703d72656a656374c00c000f000100000e100014000a046d61696c076578616d706c65036e657400';
const KNSUPDATE_TSIG_RR =
  '09797562696e2d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006b105793012c0020700d8250ad8d129d3a783c9d164ea0421f424437366c9ab04dfc7dcea5955c814fae00000000';
const KNSUPDATE_TIME = 0x6b105793;
const KEY: TsigKey = {
  name: 'yubin-key',
  algorithm: 'hmac-sha256',
  secret: Buffer.from('sixteen-byte-key-0123456789abcdef'),
};

describe('DNS wire format', () => {
  it('signs a message exactly as knsupdate did: same MAC, same TSIG record, ARCOUNT counted', () => {
    const signed = signMessage(Buffer.from(KNSUPDATE_UNSIGNED, 'hex'), KEY, KNSUPDATE_TIME);
    const expected = Buffer.from(KNSUPDATE_UNSIGNED, 'hex');
    expected.writeUInt16BE(1, 10);
    expect(signed.wire.toString('hex')).toBe(expected.toString('hex') + KNSUPDATE_TSIG_RR);
    expect(signed.mac.toString('hex')).toBe(
      '700d8250ad8d129d3a783c9d164ea0421f424437366c9ab04dfc7dcea5955c81',
    );
  });

  it('gives a different MAC for another secret, time or algorithm', () => {
    const message = Buffer.from(KNSUPDATE_UNSIGNED, 'hex');
    const base = signMessage(message, KEY, KNSUPDATE_TIME).mac.toString('hex');
    const others = [
      signMessage(
        message,
        { ...KEY, secret: Buffer.from('another-secret-of-some-length') },
        KNSUPDATE_TIME,
      ),
      signMessage(message, KEY, KNSUPDATE_TIME + 1),
      signMessage(message, { ...KEY, algorithm: 'hmac-sha512' }, KNSUPDATE_TIME),
    ].map((signed) => signed.mac.toString('hex'));
    for (const other of others) expect(other).not.toBe(base);
    expect(others[2]).toHaveLength(128);
  });

  it('encodes rdata as knsupdate did', () => {
    expect(encodeRdata('MX', '10 mail.example.net.').toString('hex')).toBe(
      '000a046d61696c076578616d706c65036e657400',
    );
    expect(encodeRdata('TXT', '"v=DMARC1; p=reject"').toString('hex')).toBe(
      '12763d444d415243313b20703d72656a656374',
    );
  });

  it('encodes several TXT strings, escapes, SRV with the root target, CNAME and CAA', () => {
    expect([...encodeRdata('TXT', '"ab" "c\\"d"')]).toEqual([2, 97, 98, 3, 99, 34, 100]);
    expect(encodeRdata('SRV', '0 0 0 .').toString('hex')).toBe('00000000000000');
    expect(encodeRdata('SRV', '0 1 993 imap.a.').toString('hex')).toBe(
      '0000000103e104696d6170016100',
    );
    expect(encodeRdata('CNAME', 'web.a.')).toEqual(encodeName('web.a.'));
    expect(encodeRdata('CAA', '0 issue "letsencrypt.org"').toString('hex')).toBe(
      `0005${Buffer.from('issue').toString('hex')}${Buffer.from('letsencrypt.org').toString('hex')}`,
    );
    expect(() => encodeRdata('MX', '10')).toThrow(/bad MX/);
    expect(() => encodeName(`${'a'.repeat(64)}.example.`)).toThrow(/bad label/);
  });

  it('builds an UPDATE: opcode 5, the zone as SOA question, RRset deletes as class ANY, record deletes as class NONE', () => {
    const message = encodeUpdate(
      'example.com',
      [
        { op: 'delete-rrset', name: '_dmarc.example.com.', type: 'TXT' },
        { op: 'delete', name: 'example.com.', type: 'TXT', value: '"x"' },
        { op: 'add', name: 'example.com.', type: 'MX', ttl: 3600, value: '10 mail.example.net.' },
      ],
      0x4fae,
    );
    const hex = message.toString('hex');
    expect(hex.slice(0, 24)).toBe('4fae28000001000000030000');
    const zone = `${encodeName('example.com').toString('hex')}00060001`;
    const deleteRrset = `${encodeName('_dmarc.example.com.').toString('hex')}001000ff000000000000`;
    const deleteOne = `${encodeName('example.com.').toString('hex')}001000fe00000000000201${Buffer.from('x').toString('hex')}`;
    const add = `${encodeName('example.com.').toString('hex')}000f000100000e100014000a046d61696c076578616d706c65036e657400`;
    expect(hex.slice(24)).toBe(zone + deleteRrset + deleteOne + add);
  });

  it('reads an unsigned BADSIG answer as a TSIG error, and does not take it as signed', () => {
    const request = signMessage(Buffer.from(KNSUPDATE_UNSIGNED, 'hex'), KEY, KNSUPDATE_TIME);
    // The server's answer: header with QR and NOTAUTH, the zone, a TSIG with no MAC and error 16.
    const header = Buffer.from('4faea8090001000000000001', 'hex');
    const zone = Buffer.from(`${encodeName('example.com').toString('hex')}00060001`, 'hex');
    const tsig = Buffer.from(
      `${encodeName('yubin-key').toString('hex')}00fa00ff00000000001d${encodeName('hmac-sha256').toString('hex')}00006b105793012c00004fae00100000`,
      'hex',
    );
    const answer = readAnswer(Buffer.concat([header, zone, tsig]), request, KEY);
    expect(answer).toEqual({ id: 0x4fae, rcode: 9, tsigError: 16, signed: false });
  });

  it('does not take an answer without TSIG as signed', () => {
    const request = signMessage(Buffer.from(KNSUPDATE_UNSIGNED, 'hex'), KEY, KNSUPDATE_TIME);
    const header = Buffer.from('4faea8000001000000000000', 'hex');
    const zone = Buffer.from(`${encodeName('example.com').toString('hex')}00060001`, 'hex');
    expect(readAnswer(Buffer.concat([header, zone]), request, KEY)).toEqual({
      id: 0x4fae,
      rcode: 0,
      tsigError: 0,
      signed: false,
    });
  });
});
