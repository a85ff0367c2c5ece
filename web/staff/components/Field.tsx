// A labelled text input, the staff app's most repeated piece of form.
import { ts, type StaffKey } from '../i18n.ts';

interface InputProps {
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
  required?: boolean;
}

export function Field(
  props: InputProps & {
    id: string;
    label: StaffKey;
    value: string;
    onValue: (value: string) => void;
  },
) {
  const { id, label, value, onValue, ...input } = props;
  return (
    <div class="field">
      <label for={id}>{ts(label)}</label>
      <input id={id} value={value} onInput={(e) => onValue(e.currentTarget.value)} {...input} />
    </div>
  );
}
