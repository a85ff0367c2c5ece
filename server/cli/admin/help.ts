// The usage text of `npm run admin`.
export const USAGE = `Usage: npm run admin -- <command> [flags]

The municipality root key stays offline, in a passphrase-protected file. The passphrase is read
from ADMIN_PASSPHRASE when set, otherwise asked on the terminal (not echoed).

  create-root --out FILE
      Make a new root key, write it protected to FILE (owner-only, never overwritten), and print
      its public key (for ROOT_PUBLIC_KEY / the web build) and fingerprint.

  change-passphrase --key FILE --out NEWFILE
      Write the same root key to NEWFILE under a new passphrase (NEW_ADMIN_PASSPHRASE, or typed
      twice); the old passphrase opens FILE. The public key does not change: no rebuild, no
      certificate changes. Destroy FILE once NEWFILE opens.

  fingerprint --key FILE | --public KEY
      Print the fingerprint of a root key file's public key, or of a base64url public key.

  sign-certificate --key FILE --org-id UUID --kind school|cdr --name NAME
                   --box-pk B64 --sign-pk B64 --version N [--out FILE] [--apply]
      Sign an organisation certificate and print (or write to FILE) {body, signature}. Needs no
      database: run it on the offline machine (the schools page lists the values). With --apply,
      add it to the configured database (DATA_DIR or DATABASE_URL) at once instead.

  import-certificate --file FILE [--root-public KEY]
      On the server: check a certificate sign-certificate --out wrote against the root public key
      (--root-public, else ROOT_PUBLIC_KEY, the key the web app was built with) and add it to the
      configured database. Like --apply it refuses an unknown organisation, another kind or name, a
      version not above the current one and keys no member proposed.

  rotate-certificate --key FILE --org CODE --box-pk B64 --sign-pk B64 [--apply]
      Certify an organisation's new key: id, kind and name come from the database, the version is
      the current one + 1. Without --apply the certificate is only printed.

  create-release-key --out FILE
      Make a release key (signs the manifests of web builds), protected like the root key with its
      own passphrase, and print its public key.

  endorse-release-key --key ROOT-FILE (--release-key FILE | --public KEY)
      The root key endorses a release key: print the endorsement (base64url) for sign-release.

  sign-release --key RELEASE-FILE --endorsement B64 --root ROOT_PUBLIC_KEY --dir DIR
      Hash every file of the built web app in DIR (npm run build writes dist/web) and write
      DIR/release.json: the list signed by the release key, with the root's endorsement. It is
      checked against the root public key before it is written. Anyone can then check a
      deployment with npm run verify -- https://host --root ROOT_PUBLIC_KEY.

  create-admin --login EMAIL --name NAME
      Create the municipal administrator's account in the configured database (a real deployment
      has none until then). The password is read from ADMIN_PASSWORD or typed twice (at least 12
      characters); the account's TOTP secret and recovery key are printed once, for the
      administrator's authenticator app and drawer. An administrator never holds an
      organisation key.

  copy-to-postgres --from FILE
      Copy every table of the SQLite file FILE (a stopped server's app.sqlite, or a backup) into
      the new, empty PostgreSQL database DATABASE_URL names, in one transaction; row counts and
      audit chains are checked before it commits. A database that holds any row is refused.

  help
      This text.

The organisation public keys (--box-pk, --sign-pk) come from a member's browser, which made the
new organisation key and seals it to the members itself. This tool only signs public keys: the
administrator never holds an organisation's secret keys.`;
