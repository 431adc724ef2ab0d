// A DNS server on loopback for the web suite, which has no real one: it answers every
// query NXDOMAIN (RFC 1035 §4.1.1, RCODE 3), so verification reports records `missing`
// instead of asking the machine's resolver, and no DNS packet leaves loopback.
import { createSocket } from 'node:dgram';

/** The question section's end: after QNAME's labels, QTYPE and QCLASS. */
function questionEnd(query) {
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) offset += query[offset] + 1;
  return offset + 5;
}

/** The answer to one query: its id and question, no records, NXDOMAIN. */
export function nxdomain(query) {
  const end = Math.min(questionEnd(query), query.length);
  const answer = Buffer.from(query.subarray(0, end));
  // QR=1, the query's opcode and RD, RA=1, RCODE=3; one question, no other sections.
  answer[2] = 0x80 | (query[2] & 0x79);
  answer[3] = 0x80 | 3;
  answer.writeUInt16BE(1, 4);
  answer.fill(0, 6, 12);
  return answer;
}

/** Listens on 127.0.0.1 at a free UDP port; resolves to `127.0.0.1:<port>` and a stop(). */
export async function startDnsStub() {
  const socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    if (query.length < 12) return;
    socket.send(nxdomain(query), peer.port, peer.address);
  });
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', resolve);
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    stop: () => new Promise((resolve) => socket.close(resolve)),
  };
}
