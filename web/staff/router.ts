// [Note: staff addresses] Every screen of the staff app has an address under /staff/, so Back and
// Forward work, a reload comes back to the same screen (after unlocking the keys) and an alert can
// link to a case. An address holds ids only, never content; the server serves the same page for
// every one of them (server/routes/web.ts). preact-iso's LocationProvider (StaffApp.tsx) owns the
// history: go() pushes an address and tells it through a popstate event, so code outside
// components (sign-in, sign-out) navigates the same way a click does.
import { exec } from 'preact-iso/router';

export type View =
  | { name: 'home' }
  | { name: 'recovery' }
  | { name: 'waiting' }
  | { name: 'inbox' }
  | { name: 'escalations' }
  | { name: 'escalation'; id: string }
  | { name: 'help' }
  | { name: 'stats' }
  | { name: 'audit' }
  | { name: 'retention' }
  | { name: 'orgs' }
  | { name: 'case'; id: string }
  | { name: 'members' }
  | { name: 'settings' }
  | { name: 'directory' };

export const STAFF_BASE = '/staff/';

/** Screens with an id, and the address of each; the rest are /staff/<segment>. */
const SEGMENT: Record<Exclude<View['name'], 'home' | 'case' | 'escalation'>, string> = {
  recovery: 'recovery',
  waiting: 'waiting',
  inbox: 'inbox',
  escalations: 'escalations',
  help: 'help',
  stats: 'stats',
  audit: 'audit',
  retention: 'retention',
  orgs: 'schools',
  members: 'team',
  settings: 'settings',
  directory: 'keys',
};

export function pathOf(v: View): string {
  if (v.name === 'home') return STAFF_BASE;
  if (v.name === 'case') return `${STAFF_BASE}reports/${encodeURIComponent(v.id)}`;
  if (v.name === 'escalation') return `${STAFF_BASE}escalations/${encodeURIComponent(v.id)}`;
  return `${STAFF_BASE}${SEGMENT[v.name]}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The screen of an address; an unknown one is the home screen. */
export function viewOf(path: string): View {
  const id = (route: string) => {
    const m = exec(path, route);
    const value = m?.params['id'];
    return value && UUID.test(value) ? value : null;
  };
  const caseId = id('/staff/reports/:id');
  if (caseId) return { name: 'case', id: caseId };
  const escalationId = id('/staff/escalations/:id');
  if (escalationId) return { name: 'escalation', id: escalationId };
  for (const [name, segment] of Object.entries(SEGMENT)) {
    if (exec(path, `/staff/${segment}`)) return { name } as View;
  }
  return { name: 'home' };
}

/** Opens a screen: a new history entry (Back returns), or in place of the current one. */
export function go(v: View, replace = false): void {
  const url = pathOf(v);
  if (location.pathname === url) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}
