// The staff app: sign-in (or an invitation link), then the inbox, a case, the team and settings,
// each at its own address [Note: staff addresses]. Keys are unlocked in memory after sign-in and
// forgotten on logout or after 15 idle minutes.
import { LocationProvider, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { LanguageSwitch } from '../common/components/LanguageSwitch.tsx';
import { ReleaseInfo } from './components/ReleaseInfo.tsx';
import { checkSession, homeOf, signOut } from './actions.ts';
import { IdleLock } from './components/IdleLock.tsx';
import { ts, type StaffKey } from './i18n.ts';
import { CasePage } from './pages/CasePage.tsx';
import { HelpDirectory } from '../common/components/HelpDirectory.tsx';
import { EscalationPage } from './pages/EscalationPage.tsx';
import { EscalationsPage } from './pages/EscalationsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { HelpAdminPage } from './pages/HelpAdminPage.tsx';
import { OrgsPage } from './pages/OrgsPage.tsx';
import { WaitingPage } from './pages/WaitingPage.tsx';
import { RetentionPage } from './pages/RetentionPage.tsx';
import { StatsPage } from './pages/StatsPage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { InvitePage } from './pages/InvitePage.tsx';
import { KeyDirectoryPage } from './pages/KeyDirectoryPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import { PosterPage } from './pages/PosterPage.tsx';
import { RecoveryPage } from './pages/RecoveryPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { go, STAFF_BASE, viewOf, type View } from './router.ts';
import { invite, locked, unlocked } from './state.ts';

/** An invitation link: /staff/#invite=<id>.<token>.<secret>; the fragment is then removed. */
function readInvite(): { id: string; token: string; secret: string } | null {
  const match = /^#invite=([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(
    window.location.hash,
  );
  if (!match?.[1] || !match[2] || !match[3]) return null;
  history.replaceState(null, '', window.location.pathname);
  return { id: match[1], token: match[2], secret: match[3] };
}

const NAV: { view: View; label: StaffKey; roles: string[] }[] = [
  { view: { name: 'inbox' }, label: 'inbox', roles: ['counsellor'] },
  { view: { name: 'escalations' }, label: 'escalations', roles: ['counsellor', 'cdr_specialist'] },
  { view: { name: 'members' }, label: 'team', roles: ['counsellor', 'cdr_specialist'] },
  {
    view: { name: 'help' },
    label: 'helpDirectory',
    roles: ['counsellor', 'cdr_specialist', 'admin'],
  },
  { view: { name: 'stats' }, label: 'stats', roles: ['counsellor', 'cdr_specialist', 'admin'] },
  { view: { name: 'audit' }, label: 'auditLog', roles: ['counsellor', 'cdr_specialist', 'admin'] },
  { view: { name: 'orgs' }, label: 'organisations', roles: ['admin'] },
  { view: { name: 'retention' }, label: 'retention', roles: ['admin'] },
  {
    view: { name: 'settings' },
    label: 'settings',
    roles: ['counsellor', 'cdr_specialist', 'admin'],
  },
  {
    view: { name: 'directory' },
    label: 'keyDirectory',
    roles: ['counsellor', 'cdr_specialist', 'admin'],
  },
];

function Directory() {
  const [poster, setPoster] = useState<{ org: OrganisationDto; fingerprint: string } | null>(null);
  return poster ? (
    <PosterPage {...poster} onBack={() => setPoster(null)} />
  ) : (
    <KeyDirectoryPage onPoster={(org, fingerprint) => setPoster({ org, fingerprint })} />
  );
}

function Page() {
  const v = viewOf(useLocation().path);
  const u = unlocked.value;
  if (invite.value) return <InvitePage {...invite.value} />;
  if (v.name === 'directory') return <Directory />;
  if (v.name === 'recovery') return <RecoveryPage />;
  if (v.name === 'waiting') return <WaitingPage />;
  if (!u) return <LoginPage />;
  const role = u.me.role;
  // A screen of another role (an address typed or kept from another account) is the role's own.
  const nav = NAV.find(
    (n) => n.view.name === v.name || (v.name === 'case' && n.view.name === 'inbox'),
  );
  if (v.name === 'home' || (nav && !nav.roles.includes(role))) return <Home view={homeOf(role)} />;
  if (v.name === 'case') return <CasePage id={v.id} />;
  if (v.name === 'members') return <MembersPage />;
  if (v.name === 'settings') return <SettingsPage />;
  if (v.name === 'escalations') return <EscalationsPage />;
  if (v.name === 'stats') return <StatsPage />;
  if (v.name === 'audit') return <AuditPage />;
  if (v.name === 'retention') return <RetentionPage />;
  if (v.name === 'orgs') return <OrgsPage />;
  if (v.name === 'escalation') return <EscalationPage id={v.id} />;
  if (v.name === 'help') return role === 'admin' ? <HelpAdminPage /> : <HelpDirectory />;
  return <InboxPage />;
}

/** /staff/ once signed in: the role's first screen, in place of the bare address. */
function Home({ view }: { view: View }) {
  useEffect(() => go(view, true), [view.name]);
  return null;
}

function Shell() {
  const u = unlocked.value;
  const current = viewOf(useLocation().path).name;
  return (
    <>
      <header class="topbar">
        <h1 class="topbar__title">{ts('appTitle')}</h1>
        {u && (
          <nav class="staff-nav" aria-label={ts('menu')}>
            {NAV.filter((n) => n.roles.includes(u.me.role)).map((n) => (
              <button
                key={n.label}
                type="button"
                class="lang__button"
                aria-current={
                  current === n.view.name ||
                  (current === 'case' && n.view.name === 'inbox') ||
                  (current === 'escalation' && n.view.name === 'escalations')
                    ? 'page'
                    : undefined
                }
                onClick={() => go(n.view)}
              >
                {ts(n.label)}
              </button>
            ))}
            <button type="button" class="lang__button" onClick={signOut}>
              {ts('signOut')}
            </button>
          </nav>
        )}
        <LanguageSwitch />
      </header>
      <main>
        {u && (
          <p class="whoami">
            {u.me.displayName}
            {u.me.org && ` · ${u.me.org.name}`}
          </p>
        )}
        <Page />
      </main>
      <footer class="staff-footer">
        <ReleaseInfo />
      </footer>
      <IdleLock />
    </>
  );
}

export function StaffApp() {
  useEffect(() => {
    invite.value = readInvite();
    // A reload while the session lasts asks for the password only [Note: lock and logout].
    if (invite.value) locked.value = null;
    else checkSession();
  }, []);
  return (
    <LocationProvider scope={STAFF_BASE}>
      <Shell />
    </LocationProvider>
  );
}
