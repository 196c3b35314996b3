// Sending mail over SMTP with nodemailer. One connection per message (no pool): mail is rare, and a
// pooled connection that a relay dropped would only add a failure mode. Timeouts are short so that a
// hanging relay costs one attempt of the outbox, not a stuck worker.
import { createTransport } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers. A `Message-ID` here becomes the message's id instead of a generated one. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** The sender every message gets, e.g. `ggk <noreply@ggk.example.nl>`. */
  readonly from: string;
  send(message: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  /** `smtp://host:port` (STARTTLS when the server offers it) or `smtps://host:port` (TLS from the start). */
  smtpUrl: string;
  from: string;
  /** The Date header: the app's clock (GGK_FAKE_NOW), like every time people see. Real time by default. */
  now?: () => Date;
}

const TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
};

export function createMailer(options: MailerOptions): Mailer {
  const protocol = new URL(options.smtpUrl).protocol;
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new Error(`Het SMTP-adres moet met smtp:// of smtps:// beginnen, niet met ${protocol}//.`);
  }
  // An SMTPTransport instance (not an options object) so that `?pool=true` in the URL cannot turn
  // pooling back on. nodemailer derives `secure` (TLS from the first byte) from the smtps: scheme.
  const transport = createTransport(new SMTPTransport({ ...TIMEOUTS, url: options.smtpUrl }), {
    from: options.from,
  });

  return {
    from: options.from,
    async send(message) {
      const headers: Record<string, string> = {};
      let messageId: string | undefined;
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        // nodemailer generates its own Message-ID unless it is given as the messageId field.
        if (name.toLowerCase() === 'message-id') messageId = value;
        else headers[name] = value;
      }
      const info = await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        ...(messageId === undefined ? {} : { messageId }),
        ...(options.now ? { date: options.now() } : {}),
        headers,
      });
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}
