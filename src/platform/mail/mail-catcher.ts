// A small SMTP server that keeps what it receives in memory, so that the whole mail flow can be
// followed locally (and in tests) without a real relay. It listens on loopback only, without
// authentication or TLS: nothing it receives leaves the process, and it forgets everything on stop.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface CaughtMail {
  id: string;
  receivedAt: Date;
  /** The From header as text, e.g. `ggk <noreply@ggk.localhost>`. */
  from: string;
  /** The envelope recipients: every address the message was delivered to (Bcc included). */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** The Message-ID header including its angle brackets, '' when the message had none. */
  messageId: string;
}

export type CaughtMailPredicate = (mail: CaughtMail) => boolean;

export interface MailCatcher {
  port: number;
  smtpUrl: string;
  /** Oldest first. */
  messages(): CaughtMail[];
  find(predicate: CaughtMailPredicate): CaughtMail | undefined;
  /** Resolves with the first message (already caught or still to come) that matches. */
  waitFor(predicate: CaughtMailPredicate, timeoutMs: number): Promise<CaughtMail>;
  clear(): void;
  stop(): Promise<void>;
}

export interface MailCatcherOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The oldest messages are dropped beyond this many, so a long-running catcher stays small. */
  maxMessages?: number;
  /**
   * When a message arrived, as /beheer/mail shows it: the app's clock (GGK_FAKE_NOW), so a mail is
   * not caught on the real day beside a delivery received on the fake one. Real time by default.
   */
  now?: () => Date;
}

// Mail from ggk carries links only; anything this large is a mistake, not a message to keep.
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

function toCaughtMail(parsed: ParsedMail, session: SMTPServerSession, receivedAt: Date): CaughtMail {
  const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
  return {
    id: randomUUID(),
    receivedAt,
    from: parsed.from?.text ?? envelopeFrom,
    to: session.envelope.rcptTo.map((r) => r.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    messageId: parsed.messageId ?? '',
  };
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? 500;
  const now = options.now ?? (() => new Date());
  let caught: CaughtMail[] = [];
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);

  function keep(mail: CaughtMail): void {
    caught.push(mail);
    if (caught.length > maxMessages) caught = caught.slice(caught.length - maxMessages);
    arrivals.emit('mail', mail);
  }

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const parsed = await simpleParser(stream);
    if (stream.sizeExceeded) {
      throw Object.assign(new Error('Message too large'), { responseCode: 552 });
    }
    keep(toCaughtMail(parsed, session, now()));
  }

  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    disableReverseLookup: true,
    maxClients: 50,
    closeTimeout: 2_000,
    banner: 'ggk mail catcher',
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (error: unknown) => {
          stream.resume();
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
  // A client that vanishes mid-conversation must not take the process down.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    const net = server.server;
    const onError = (error: Error) => reject(error);
    net.once('error', onError);
    server.listen(options.port, host, () => {
      net.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  const find = (predicate: CaughtMailPredicate) => caught.find(predicate);

  return {
    port,
    smtpUrl: `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`,
    messages: () => [...caught],
    find,
    waitFor(predicate, timeoutMs) {
      const already = find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<CaughtMail>((resolve, reject) => {
        const onMail = (mail: CaughtMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          arrivals.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrivals.off('mail', onMail);
          reject(new Error(`No matching mail arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        arrivals.on('mail', onMail);
      });
    },
    clear() {
      caught = [];
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
