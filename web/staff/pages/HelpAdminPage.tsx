// The administrator edits the help directory pupils and staff see: the CdR, partners, helplines,
// each with what they offer in Polish, Ukrainian and English.
import { useEffect, useState } from 'preact/hooks';
import type { HelpEntryDto, HelpEntryInput } from '../../../shared/protocol/escalations.ts';
import { useConfirm } from '../components/ConfirmDialog.tsx';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';

const empty = (): HelpEntryInput => ({
  name: '',
  kind: 'partner',
  address: null,
  phone: null,
  hours: null,
  offer: { pl: '', uk: '', en: '' },
  url: null,
});

export function HelpAdminPage() {
  const [entries, setEntries] = useState<HelpEntryDto[]>([]);
  const [editing, setEditing] = useState<{ id: string | null; entry: HelpEntryInput } | null>(null);
  const [message, setMessage] = useState<StaffKey | null>(null);
  const reload = () => staffApi.help().then(setEntries, () => setMessage('loadFailed'));
  useEffect(() => void reload(), []);
  const [dialog, ask] = useConfirm();
  const remove = (h: HelpEntryDto) =>
    ask({
      title: ts('helpDeleteTitle', { name: h.name }),
      text: <p>{ts('helpDeleteText', { name: h.name })}</p>,
      confirm: ts('helpDeleteConfirm'),
      run: () =>
        staffApi.deleteHelp(h.id).then(
          () => {
            setMessage('helpDeleted');
            void reload();
          },
          () => setMessage('saveFailed'),
        ),
    });
  const save = async () => {
    if (!editing) return;
    try {
      await staffApi.saveHelp(editing.id, editing.entry);
      setEditing(null);
      setMessage('saved');
      void reload();
    } catch {
      setMessage('saveFailed');
    }
  };
  const text = (label: StaffKey, value: string | null, set: (v: string) => void, id: string) => (
    <div class="field">
      <label for={id}>{ts(label)}</label>
      <input id={id} value={value ?? ''} onInput={(e) => set(e.currentTarget.value)} />
    </div>
  );
  if (editing) {
    const e = editing.entry;
    const set = (patch: Partial<HelpEntryInput>) =>
      setEditing({ ...editing, entry: { ...e, ...patch } });
    return (
      <form class="narrow" onSubmit={(ev) => (ev.preventDefault(), void save())}>
        <h2>{ts('helpDirectory')}</h2>
        {text('helpName', e.name, (v) => set({ name: v }), 'help-name')}
        <div class="field">
          <label for="help-kind">{ts('helpKind')}</label>
          <select
            id="help-kind"
            value={e.kind}
            onChange={(ev) => set({ kind: ev.currentTarget.value as HelpEntryInput['kind'] })}
          >
            <option value="cdr">{ts('cdrTitle')}</option>
            <option value="partner">{ts('helpPartner')}</option>
            <option value="helpline">{ts('helpHelpline')}</option>
          </select>
        </div>
        {text('helpAddress', e.address, (v) => set({ address: v || null }), 'help-address')}
        {text('helpPhone', e.phone, (v) => set({ phone: v || null }), 'help-phone')}
        {text('helpHours', e.hours, (v) => set({ hours: v || null }), 'help-hours')}
        {(['pl', 'uk', 'en'] as const).map((l) => (
          <div class="field" key={l}>
            <label for={`help-offer-${l}`}>{ts('helpOffer', { lang: l })}</label>
            <textarea
              id={`help-offer-${l}`}
              rows={3}
              value={e.offer[l]}
              onInput={(ev) => set({ offer: { ...e.offer, [l]: ev.currentTarget.value } })}
            />
          </div>
        ))}
        <button type="submit">{ts('save')}</button>
        <button type="button" class="button--secondary" onClick={() => setEditing(null)}>
          {ts('cancel')}
        </button>
      </form>
    );
  }
  return (
    <section>
      <h2>{ts('helpDirectory')}</h2>
      {message && (
        <p class="notice" role="status">
          {ts(message)}
        </p>
      )}
      {dialog}
      <ul class="members">
        {entries.map((h) => (
          <li key={h.id}>
            <strong>{h.name}</strong>
            <button
              type="button"
              class="button--secondary"
              onClick={() => setEditing({ id: h.id, entry: { ...h } })}
            >
              {ts('edit')}
            </button>
            <button type="button" class="button--secondary" onClick={() => remove(h)}>
              {ts('delete')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setEditing({ id: null, entry: empty() })}>
        {ts('helpAdd')}
      </button>
    </section>
  );
}
