import { createSocket, type Socket } from 'node:dgram';

/**
 * A loopback DNS server that answers every query "no such domain": the resolver test
 * apps use unless a spec brings its own, so no lookup ever leaves loopback.
 */
export class NxdomainDns {
  private constructor(
    private readonly socket: Socket,
    readonly address: string,
  ) {}

  static start(): Promise<NxdomainDns> {
    const socket = createSocket('udp4');
    socket.on('message', (query, peer) => {
      if (query.length < 12) return;
      let end = 12;
      while (end < query.length && query[end] !== 0) end += (query[end] ?? 0) + 1;
      end += 5; // the root label, QTYPE and QCLASS
      if (end > query.length) return;
      const answer = Buffer.from(query.subarray(0, end));
      // QR, the query's RD, RA, RCODE 3 (NXDOMAIN); one question, nothing else.
      answer[2] = 0x80 | ((query[2] ?? 0) & 0x01);
      answer[3] = 0x80 | 0x03;
      answer.writeUInt16BE(1, 4);
      answer.fill(0, 6, 12);
      socket.send(answer, peer.port, peer.address);
    });
    return new Promise((resolve) => {
      socket.bind(0, '127.0.0.1', () => {
        resolve(new NxdomainDns(socket, `127.0.0.1:${socket.address().port}`));
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
