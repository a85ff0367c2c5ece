// Alerts that carry no content, and a password change (which re-wraps only the personal keys).
import { useEffect, useState } from 'preact/hooks';
import type { AlertSettingsDto } from '../../../shared/protocol/staff.ts';
import { toB64 } from '../../../shared/envelope/base64url.ts';
import { crypto } from '../crypto.ts';
import { Field } from '../components/Field.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { enablePush, pushSupported } from '../push.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';

export function SettingsPage() {
  const [alerts, setAlerts] = useState<AlertSettingsDto | null>(null);
  const [saved, setSaved] = useState<StaffKey | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  useEffect(() => void staffApi.alerts().then(setAlerts, () => undefined), []);
  const saveAlerts = () =>
    alerts &&
    staffApi.saveAlerts(alerts).then(
      () => setSaved('saved'),
      () => setSaved('saveFailed'),
    );
  const changePassword = async () => {
    const u = unlocked.value;
    if (!u || next.length < 12) return setSaved('passwordTooShort');
    try {
      const params = await staffApi.loginParams(u.me.login);
      const { authKey } = await crypto('derivePassword', current, params.salt, params);
      const fresh = await crypto('rewrapForPassword', u.personal, next);
      await staffApi.changePassword({ currentAuthKey: toB64(authKey), ...fresh });
      setCurrent('');
      setNext('');
      setSaved('passwordChanged');
    } catch {
      setSaved('saveFailed');
    }
  };
  const check = (key: keyof AlertSettingsDto, label: StaffKey) =>
    alerts && (
      <div class="field field--check">
        <input
          id={`alert-${key}`}
          type="checkbox"
          checked={Boolean(alerts[key])}
          onChange={(e) => setAlerts({ ...alerts, [key]: e.currentTarget.checked })}
        />
        <label for={`alert-${key}`}>{ts(label)}</label>
      </div>
    );
  return (
    <section class="narrow">
      <h2>{ts('settings')}</h2>
      <h3>{ts('alerts')}</h3>
      <p class="hint">{ts('alertsHint')}</p>
      {alerts && (
        // An edit clears "Saved.": it must not stay beside a value changed since.
        <form
          onSubmit={(e) => (e.preventDefault(), void saveAlerts())}
          onInput={() => setSaved(null)}
        >
          <div class="field">
            <label for="alert-email">{ts('alertEmail')}</label>
            <input
              id="alert-email"
              type="email"
              value={alerts.email ?? ''}
              onInput={(e) => setAlerts({ ...alerts, email: e.currentTarget.value || null })}
            />
          </div>
          {check('emailEnabled', 'alertByEmail')}
          {check('urgentOnly', 'alertUrgentOnly')}
          {pushSupported() && (
            <button
              type="button"
              class="button--secondary"
              onClick={() =>
                enablePush().then(
                  () => {
                    setAlerts({ ...alerts, pushEnabled: true });
                    setSaved('pushOn');
                  },
                  () => setSaved('pushFailed'),
                )
              }
            >
              {ts('pushEnable')}
            </button>
          )}
          {check('pushEnabled', 'alertByPush')}
          <button type="submit">{ts('save')}</button>
        </form>
      )}
      <h3>{ts('changePassword')}</h3>
      <form
        onSubmit={(e) => (e.preventDefault(), void changePassword())}
        onInput={() => setSaved(null)}
      >
        <Field
          id="current-password"
          label="currentPassword"
          value={current}
          onValue={setCurrent}
          type="password"
          autoComplete="current-password"
          required
        />
        <Field
          id="next-password"
          label="newPassword"
          value={next}
          onValue={setNext}
          type="password"
          autoComplete="new-password"
          required
        />
        <button type="submit">{ts('changePassword')}</button>
      </form>
      {saved && (
        <p class="notice" role="status">
          {ts(saved)}
        </p>
      )}
    </section>
  );
}
