// The root key passphrase: from ADMIN_PASSPHRASE (scripts and tests) or typed on the terminal
// without echo; likewise a new administrator's password (ADMIN_PASSWORD). Read here rather than in
// config.ts on purpose: a secret must not sit in the server's Config object, and only this
// offline tool needs it.
import { stdin, stderr } from 'node:process';

/** Asks once on the TTY, echoing nothing; the prompt goes to stderr so stdout stays data only. */
function askHidden(prompt: string): Promise<string> {
  if (!stdin.isTTY) {
    return Promise.reject(new Error('no terminal to ask the passphrase on: set ADMIN_PASSPHRASE'));
  }
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(chars.join(''));
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}

export async function readPassphrase(options: { confirm: boolean }): Promise<string> {
  const fromEnv = process.env['ADMIN_PASSPHRASE'];
  if (fromEnv) return fromEnv;
  const first = await askHidden('Root key passphrase: ');
  if (options.confirm && (await askHidden('Repeat the passphrase: ')) !== first) {
    throw new Error('the two passphrases differ');
  }
  if (!first) throw new Error('empty passphrase');
  return first;
}

/** A root key file's new passphrase: NEW_ADMIN_PASSPHRASE, or typed twice. */
export async function readNewPassphrase(): Promise<string> {
  const fromEnv = process.env['NEW_ADMIN_PASSPHRASE'];
  if (fromEnv) return fromEnv;
  const first = await askHidden('New root key passphrase: ');
  if ((await askHidden('Repeat the new passphrase: ')) !== first) {
    throw new Error('the two passphrases differ');
  }
  return first;
}

/** The password of a new administrator account: ADMIN_PASSWORD, or typed twice. */
export async function readNewPassword(): Promise<string> {
  let password = process.env['ADMIN_PASSWORD'];
  if (password === undefined) {
    password = await askHidden('Password of the new account: ');
    if ((await askHidden('Repeat the password: ')) !== password) {
      throw new Error('the two passwords differ');
    }
  }
  if ([...password].length < 12) throw new Error('the password needs at least 12 characters');
  return password;
}
