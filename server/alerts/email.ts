// E-mail alerts over SMTP (nodemailer). SMTP_URL carries the server and its credentials, e.g.
// smtp://user:pass@mail.example:587 (STARTTLS when the server offers it) or smtps://...:465.
import nodemailer from 'nodemailer';

export type Mailer = (mail: { to: string; subject: string; text: string }) => Promise<void>;

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({ from, ...mail });
  };
}
