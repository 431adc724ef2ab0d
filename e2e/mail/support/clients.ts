import { connect, type Socket } from 'node:net';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { inject } from 'vitest';
import type { MailStackInfo } from './mail-stack.js';

export function stack(): MailStackInfo {
  const info = inject('mail');
  if (info === undefined) throw new Error('the mail stack is not running');
  return info;
}

/** Polls `check` until it returns true or the deadline passes; returns the time taken. */
export async function eventually(
  check: () => Promise<boolean>,
  { timeoutMs, intervalMs = 50, what }: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A line-by-line SMTP conversation, to see the server's exact reply codes. */
export class SmtpConversation {
  private buffer = '';
  private waiting: ((line: string) => void) | undefined;
  private readonly lines: string[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let eol = this.buffer.indexOf('\r\n'); eol >= 0; eol = this.buffer.indexOf('\r\n')) {
        this.lines.push(this.buffer.slice(0, eol));
        this.buffer = this.buffer.slice(eol + 2);
      }
      this.flush();
    });
  }

  /** `localAddress`: another loopback address (127.0.0.2 …) to connect from. */
  static async open(port: number, localAddress?: string): Promise<SmtpConversation> {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const conversation = new SmtpConversation(socket);
    await conversation.reply();
    return conversation;
  }

  private flush() {
    if (this.waiting !== undefined && this.lines.length > 0) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting(this.lines.shift() as string);
    }
  }

  private nextLine(): Promise<string> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.flush();
    });
  }

  /** The whole (possibly multi-line) reply: its code and text. */
  async reply(): Promise<{ code: number; text: string }> {
    const texts: string[] = [];
    for (;;) {
      const line = await this.nextLine();
      texts.push(line);
      if (line[3] !== '-') return { code: Number(line.slice(0, 3)), text: texts.join('\n') };
    }
  }

  async command(line: string): Promise<{ code: number; text: string }> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  async close(): Promise<void> {
    this.socket.end('QUIT\r\n');
    await new Promise((resolve) => this.socket.once('close', resolve));
  }
}

/** RCPT TO's reply code on port 25 for a recipient (the message is not sent). */
export async function rcptCode(
  recipient: string,
  sender = 'someone@outside.example',
  port = stack().ports.smtp,
): Promise<number> {
  return (await rcptReply(recipient, sender, port)).code;
}

/** RCPT TO's whole reply on port 25 for a recipient (the message is not sent). */
export async function rcptReply(
  recipient: string,
  sender = 'someone@outside.example',
  port = stack().ports.smtp,
): Promise<{ code: number; text: string }> {
  const smtp = await SmtpConversation.open(port);
  try {
    await smtp.command('EHLO client.outside.example');
    await smtp.command(`MAIL FROM:<${sender}>`);
    return await smtp.command(`RCPT TO:<${recipient}>`);
  } finally {
    await smtp.close();
  }
}

/** Sends a message from the internet to port 25, as another mail server would. */
export async function deliver(options: {
  to: string;
  subject: string;
  from?: string;
  text?: string;
  port?: number;
}): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: options.port ?? stack().ports.smtp,
    secure: false,
    ignoreTLS: true,
    name: 'client.outside.example',
  });
  await transport.sendMail({
    from: options.from ?? 'sender@outside.example',
    to: options.to,
    subject: options.subject,
    text: options.text ?? `This is ${options.subject}.`,
  });
  transport.close();
}

/**
 * Submits a message with SMTP AUTH over STARTTLS, as a mail app would. `envelopeFrom`
 * sets MAIL FROM apart from the From header (`''` sends the empty sender, `<>`).
 */
export async function submit(options: {
  user: string;
  password: string;
  from: string;
  to: string;
  subject: string;
  envelopeFrom?: string;
  port?: number;
}): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: options.port ?? stack().ports.submission,
    secure: false,
    requireTLS: true,
    // The suite's certificate is self-signed.
    tls: { rejectUnauthorized: false },
    auth: { user: options.user, pass: options.password },
    name: 'laptop.yubin.test',
  });
  try {
    await transport.sendMail({
      from: options.from,
      to: options.to,
      subject: options.subject,
      text: `This is ${options.subject}.`,
      ...(options.envelopeFrom === undefined
        ? {}
        : { envelope: { from: options.envelopeFrom, to: options.to } }),
    });
  } finally {
    transport.close();
  }
}

function imapClient(user: string, password: string): ImapFlow {
  return new ImapFlow({
    host: '127.0.0.1',
    port: stack().ports.imap,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: password },
    logger: false,
  });
}

/** Whether an IMAP LOGIN with these credentials succeeds. */
export async function imapLoginWorks(user: string, password: string): Promise<boolean> {
  const client = imapClient(user, password);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    return false;
  }
  await client.logout();
  return true;
}

/** Runs `work` in an IMAP session; fails if the login fails. */
export async function withImap<T>(
  user: string,
  password: string,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = imapClient(user, password);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

/** The subjects in INBOX. */
export function inboxSubjects(user: string, password: string): Promise<string[]> {
  return withImap(user, password, async (client) => {
    const subjects: string[] = [];
    const mailbox = await client.mailboxOpen('INBOX', { readOnly: true });
    if (mailbox.exists === 0) return subjects;
    for await (const message of client.fetch('1:*', { envelope: true })) {
      subjects.push(message.envelope?.subject ?? '');
    }
    return subjects;
  });
}

/** Waits until a message with this subject is in the mailbox's INBOX. */
export async function waitForSubject(
  user: string,
  password: string,
  subject: string,
  timeoutMs = 20_000,
): Promise<void> {
  await eventually(async () => (await inboxSubjects(user, password)).includes(subject), {
    timeoutMs,
    intervalMs: 200,
    what: `"${subject}" in ${user}'s INBOX`,
  });
}

/** A POP3 session: logs in and lists the messages' sizes; `ok` is false if login fails. */
export async function pop3Session(
  user: string,
  password: string,
): Promise<{ ok: boolean; messages: number; firstMessage?: string }> {
  const socket = connect(stack().ports.pop3, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const read = async (multiline: boolean): Promise<string> => {
    for (;;) {
      const end = multiline ? buffer.indexOf('\r\n.\r\n') : buffer.indexOf('\r\n');
      const firstLineEnd = buffer.indexOf('\r\n');
      // A multi-line answer that starts with -ERR is a single line.
      if (multiline && firstLineEnd >= 0 && buffer.startsWith('-ERR')) {
        const line = buffer.slice(0, firstLineEnd);
        buffer = buffer.slice(firstLineEnd + 2);
        return line;
      }
      if (end >= 0) {
        const size = multiline ? end + 5 : end + 2;
        const text = buffer.slice(0, end);
        buffer = buffer.slice(size);
        return text;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const send = async (line: string, multiline = false) => {
    socket.write(`${line}\r\n`);
    return read(multiline);
  };
  try {
    await read(false);
    await send(`USER ${user}`);
    const pass = await send(`PASS ${password}`);
    if (!pass.startsWith('+OK')) return { ok: false, messages: 0 };
    const stat = await send('STAT');
    const messages = Number(stat.split(' ')[1]);
    if (messages === 0) return { ok: true, messages };
    const first = await send('RETR 1', true);
    return { ok: true, messages, firstMessage: first };
  } finally {
    socket.end('QUIT\r\n');
  }
}
