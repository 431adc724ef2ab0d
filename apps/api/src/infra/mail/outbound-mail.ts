import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/** One plain-text message to one recipient. */
export interface OutboundMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** `Content-Language` of the message. */
  readonly language: string;
}

/** The SMTP server refused the message or could not be reached. Says why, never what. */
export class OutboundMailFailure extends Error {
  constructor(readonly reason: string) {
    super(`outbound mail failed: ${reason}`);
    this.name = 'OutboundMailFailure';
  }
}

const TIMEOUT_MS = 15_000;

/**
 * The mail Yubin sends itself, handed to OUTBOUND_SMTP_URL. One recipient per message,
 * text only, marked as automatic (RFC 3834) so no vacation reply answers it.
 */
@Injectable()
export class OutboundMail {
  private readonly logger = new Logger('OutboundMail');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** False while OUTBOUND_SMTP_URL is unset. */
  get available(): boolean {
    return this.config.outboundMail.smtp !== undefined;
  }

  async send(message: OutboundMessage): Promise<void> {
    const smtp = this.config.outboundMail.smtp;
    if (smtp === undefined) throw new OutboundMailFailure('OUTBOUND_SMTP_URL is not set');
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.implicitTls,
      // Credentials never travel in clear: with them, no STARTTLS means no mail.
      requireTLS: !smtp.implicitTls && smtp.auth !== undefined,
      ...(smtp.auth === undefined ? {} : { auth: smtp.auth }),
      // A loopback server's certificate is for its public name, never for 127.0.0.1.
      tls: { rejectUnauthorized: !smtp.loopback },
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    try {
      await transport.sendMail({
        from: this.config.outboundMail.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        textEncoding: 'quoted-printable',
        headers: {
          'Auto-Submitted': 'auto-generated',
          'Content-Language': message.language,
        },
      });
    } catch (error) {
      // nodemailer's message names the server's reply or the socket error, not the message.
      const reason = smtpReason(error);
      this.logger.warn(`to ${smtp.host}:${smtp.port}: ${reason}`);
      throw new OutboundMailFailure(reason);
    } finally {
      transport.close();
    }
  }
}

/** The SMTP reply code and text or the socket error: what an operator needs to fix it. */
function smtpReason(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return [
    typeof code === 'string' ? code : undefined,
    typeof responseCode === 'number' ? String(responseCode) : undefined,
    error.message.split('\n')[0]?.slice(0, 300),
  ]
    .filter((part) => part !== undefined)
    .join(' ');
}

@Module({ providers: [OutboundMail], exports: [OutboundMail] })
export class OutboundMailModule {}
