// Big, friendly choice chips: an icon and a short sentence, each at least 64 px tall.
export interface Choice<T extends string> {
  value: T;
  icon: string;
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
            <span class="choice__icon" aria-hidden="true">
              {c.icon}
            </span>
            <span class="choice__label">{c.label}</span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}
