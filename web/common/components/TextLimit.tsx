// The length of a text against the most its readers accept ([Note: written as it will be read]),
// for a pupil's report and replies and for every staff text box alike. Nothing is ever cut: a text
// over the limit stays whole in the box, the writer is told, and it is not sent until shortened.
import { TEXT_MAX } from '../../../shared/protocol/content-limits.ts';
import { tf } from '../i18n.ts';

export const tooLong = (text: string, max = TEXT_MAX) => text.trim().length > max;

/** The counter under a text box; `quiet` shows it only once the text is over the limit. */
export function TextLimit(props: { id: string; text: string; max?: number; quiet?: boolean }) {
  const max = props.max ?? TEXT_MAX;
  const over = tooLong(props.text, max);
  return (
    <>
      {(over || !props.quiet) && (
        <p id={props.id} class={over ? 'counter counter--over' : 'counter'}>
          {tf('textCounter', { n: props.text.trim().length, max })}
        </p>
      )}
      {over && (
        <p class="notice notice--error" role="alert">
          {tf('textTooLong', { max })}
        </p>
      )}
    </>
  );
}
