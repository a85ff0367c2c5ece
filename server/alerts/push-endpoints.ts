// [Note: push endpoints] A Web Push endpoint is a URL a browser hands in; the server POSTs to it
// on every alert. Any https URL would let a member (or a stolen session) make the server post
// into its own network on every report, so only the hosts of known push services are accepted,
// when a subscription is saved and again when a push is sent (rows saved before the rule). An
// entry "*.example.com" matches any subdomain of example.com, never example.com itself. The list
// is configurable (PUSH_SERVICE_HOSTS) for a push service this list does not know.
export const DEFAULT_PUSH_HOSTS: readonly string[] = [
  'fcm.googleapis.com', // Chrome, Edge on Android, other Chromium browsers
  'updates.push.services.mozilla.com', // Firefox
  'web.push.apple.com', // Safari
  '*.push.apple.com',
  '*.notify.windows.com', // Edge on Windows
];

/** Subscriptions one member may keep (one per browser or device they use). */
export const PUSH_SUBSCRIPTIONS_PER_MEMBER = 5;

export interface PushEndpointRules {
  hosts: readonly string[];
  /** Tests only: plain http to a local push service. */
  allowHttp?: boolean;
}

function hostMatches(host: string, entry: string): boolean {
  const e = entry.toLowerCase();
  return e.startsWith('*.') ? host.endsWith(e.slice(1)) && host.length > e.length - 1 : host === e;
}

/** Why the endpoint is refused, or null when it may be used. */
export function pushEndpointProblem(endpoint: string, rules: PushEndpointRules): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && !(rules.allowHttp && url.protocol === 'http:')) {
    return 'must be an https URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.port !== '' && !rules.allowHttp) return 'must use the default port';
  const host = url.hostname.toLowerCase();
  if (!rules.hosts.some((entry) => hostMatches(host, entry))) {
    return 'is not a known push service';
  }
  return null;
}
