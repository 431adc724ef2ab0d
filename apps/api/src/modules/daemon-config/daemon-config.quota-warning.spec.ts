import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AUTH_POLICY_PATH } from './daemon-config.auth-policy.js';
import { QUOTA_WARNING_PATH, quotaWarningProgram } from './daemon-config.quota-warning.js';

const run = promisify(execFile);
const DOVECOT_CONF = '/etc/dovecot/dovecot.conf';

interface Heard {
  path: string | undefined;
  key: string | string[] | undefined;
  body: string;
}

/** A stand-in for Yubin on 127.0.0.1: answers each request with `answer`. */
async function yubin(
  answer: (response: ServerResponse) => void,
): Promise<{ url: string; heard: Heard[]; server: Server }> {
  const heard: Heard[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      heard.push({ path: request.url, key: request.headers['x-yubin-mail-server-key'], body });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}${AUTH_POLICY_PATH}`, heard, server };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe(quotaWarningProgram.name, () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quota-warning-'));
    // The LDA's stand-in keeps its arguments and the message it was given.
    const lda = join(dir, 'dovecot-lda');
    await writeFile(
      lda,
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${dir}/args'\ncat > '${dir}/message'\n`,
    );
    await chmod(lda, 0o755);
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Writes the script for `url` and runs it as Dovecot does: percentage, then user. */
  async function warn(url: string, percent: string, user: string): Promise<void> {
    const script = join(dir, 'yubin-quota-warning');
    await writeFile(
      script,
      quotaWarningProgram({ url, secret: 'the-mail-server-key' }, DOVECOT_CONF, 'test', {
        curl: '/usr/bin/curl',
        dovecotLda: join(dir, 'dovecot-lda'),
      }),
    );
    await run('/bin/sh', [script, percent, user]);
  }

  async function delivered(): Promise<{ args: string[]; message: string }> {
    return {
      args: (await readFile(join(dir, 'args'), 'utf8')).trimEnd().split('\n'),
      message: await readFile(join(dir, 'message'), 'utf8'),
    };
  }

  const PAST_THE_QUOTA = [
    '-c',
    DOVECOT_CONF,
    '-d',
    'alice@example.com',
    '-o',
    'plugin/quota=count:Mailbox:noenforcing',
  ];

  it('delivers Yubin’s message, past the quota, after telling Yubin with the key', async () => {
    const text = 'From: Yubin <postmaster@example.com>\nSubject: メールボックスが 95% です\n\n本文';
    const { url, heard, server } = await yubin((response) => {
      response.writeHead(200, { 'Content-Type': 'message/rfc822; charset=utf-8' });
      response.end(text);
    });
    try {
      await warn(url, '95', 'alice@example.com');
    } finally {
      await close(server);
    }
    expect(heard).toEqual([
      {
        path: QUOTA_WARNING_PATH,
        key: 'the-mail-server-key',
        body: '{"address":"alice@example.com","percent":95}',
      },
    ]);
    expect(await delivered()).toEqual({ args: PAST_THE_QUOTA, message: `${text}\n` });
  });

  it('still warns the user, in English, when Yubin cannot be reached', async () => {
    // A port that was just free: nothing listens there any more.
    const { url, server } = await yubin((response) => response.end());
    await close(server);
    await warn(url, '80', 'alice@example.com');
    const { args, message } = await delivered();
    expect(args).toEqual(PAST_THE_QUOTA);
    const [head, body] = message.split('\n\n', 2) as [string, string];
    expect(head.split('\n')).toEqual([
      'From: Mail server <postmaster@example.com>',
      'To: <alice@example.com>',
      'Subject: Your mailbox is 80% full',
      'Auto-Submitted: auto-generated',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
    ]);
    expect(body).toContain('Your mailbox alice@example.com has used 80% of its space.');
  });

  it('falls back as well when Yubin answers with an error instead of a message', async () => {
    const { url, heard, server } = await yubin((response) => {
      response.writeHead(500, { 'Content-Type': 'application/problem+json' });
      response.end('{"status":500}');
    });
    try {
      await warn(url, '95', 'alice@example.com');
    } finally {
      await close(server);
    }
    expect(heard).toHaveLength(1);
    const { message } = await delivered();
    expect(message).toContain('Subject: Your mailbox is 95% full\n');
    expect(message).not.toContain('"status"');
  });

  it('refuses arguments that are not a percentage and an address, and delivers nothing', async () => {
    await expect(warn('http://127.0.0.1:9/x', '80', 'alice@example.com;rm')).rejects.toMatchObject({
      code: 64,
    });
    await expect(readFile(join(dir, 'message'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
