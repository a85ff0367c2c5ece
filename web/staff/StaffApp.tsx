// The staff app: sign-in (or an invitation link), then the inbox, a case, the team and settings.
// Keys are unlocked in memory after sign-in and forgotten on logout or after 15 idle minutes.
import { useEffect, useState } from 'preact/hooks';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { LanguageSwitch } from '../common/components/LanguageSwitch.tsx';
import { signOut } from './actions.ts';
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
import { unlocked, view, type View } from './state.ts';

const IDLE_LOCK_MS = 15 * 60 * 1000;

/** An invitation link: /staff/#invite=<id>.<token>.<secret>; the fragment is then removed. */
function readInvite(): View | null {
  const match = /^#invite=([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(
    window.location.hash,
  );
  if (!match?.[1] || !match[2] || !match[3]) return null;
  history.replaceState(null, '', window.location.pathname);
  return { name: 'invite', id: match[1], token: match[2], secret: match[3] };
}

function useIdleLock() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => unlocked.value && signOut(), IDLE_LOCK_MS);
    };
    const events = ['pointerdown', 'keydown'] as const;
    events.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    reset();
    return () => events.forEach((e) => window.removeEventListener(e, reset));
  }, []);
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
  const v = view.value;
  if (v.name === 'invite') return <InvitePage {...v} />;
  if (v.name === 'directory') return <Directory />;
  if (v.name === 'recovery') return <RecoveryPage />;
  if (v.name === 'waiting') return <WaitingPage />;
  if (!unlocked.value) return <LoginPage />;
  if (v.name === 'case') return <CasePage id={v.id} />;
  if (v.name === 'members') return <MembersPage />;
  if (v.name === 'settings') return <SettingsPage />;
  if (v.name === 'escalations') return <EscalationsPage />;
  if (v.name === 'stats') return <StatsPage />;
  if (v.name === 'audit') return <AuditPage />;
  if (v.name === 'retention') return <RetentionPage />;
  if (v.name === 'orgs') return <OrgsPage />;
  if (v.name === 'escalation') return <EscalationPage id={v.id} />;
  if (v.name === 'help')
    return unlocked.value.me.role === 'admin' ? <HelpAdminPage /> : <HelpDirectory />;
  const role = unlocked.value.me.role;
  if (role === 'admin') return <HelpAdminPage />;
  return role === 'cdr_specialist' ? <EscalationsPage /> : <InboxPage />;
}

export function StaffApp() {
  useEffect(() => {
    const invite = readInvite();
    if (invite) view.value = invite;
  }, []);
  useIdleLock();
  const u = unlocked.value;
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
                aria-current={view.value.name === n.view.name ? 'page' : undefined}
                onClick={() => (view.value = n.view)}
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
    </>
  );
}
