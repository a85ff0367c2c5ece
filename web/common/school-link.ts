// [Note: poster link] The QR code on a school's poster opens the pupil app on an own phone with the
// school's id and the fingerprint of its key: /?school=<id>&fp=<40 digits>. The app then refuses a
// school whose verified certificate has another key than the one printed on the poster, so even a
// certificate signed by the root cannot silently replace the key the school advertised.

export interface SchoolLink {
  schoolId: string;
  fingerprint: string;
}

const digits = (fingerprint: string) => fingerprint.replace(/\D/g, '');

export function posterUrl(origin: string, link: SchoolLink): string {
  const url = new URL('/', origin);
  url.searchParams.set('school', link.schoolId);
  url.searchParams.set('fp', digits(link.fingerprint));
  return url.toString();
}

export function readSchoolLink(search: string): SchoolLink | undefined {
  const params = new URLSearchParams(search);
  const schoolId = params.get('school');
  const fp = params.get('fp');
  if (!schoolId || !fp || !/^[0-9a-f-]{36}$/i.test(schoolId) || !/^\d{40}$/.test(fp))
    return undefined;
  return { schoolId: schoolId.toLowerCase(), fingerprint: fp };
}

export function sameFingerprint(a: string, b: string): boolean {
  return digits(a) === digits(b);
}
