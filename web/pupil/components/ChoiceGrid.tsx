// Big, friendly choice chips: a drawn icon and a short sentence, each at least 56 px tall, all six
// of the first step in view on a 360x740 phone.
import { Icon, type IconName } from '../../common/components/Icon.tsx';

export interface Choice<T extends string> {
  value: T;
  icon: IconName;
  label: string;
}

export function ChoiceGrid<T extends string>(props: {
  legend: string;
  choices: Choice<T>[];
  selected: T | null;
  onSelect: (value: T) => void;
}) {
  return (
    <fieldset class="choices">
      <legend class="choices__legend">{props.legend}</legend>
      <div class="choices__grid">
        {props.choices.map((c) => (
          <button
            key={c.value}
            type="button"
            class="choice"
            aria-pressed={props.selected === c.value}
            onClick={() => props.onSelect(c.value)}
          >
            <span class="choice__icon">
              <Icon name={c.icon} size={32} />
            </span>
            <span class="choice__label">{c.label}</span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}
