// The length of a pupil's text against the most a message may hold. Nothing is ever cut: a text
// over the limit stays whole in the box, the child is told, and it is not sent until shortened.
import { TEXT_MAX } from '../../../shared/protocol/content.ts';
import { tf } from '../../common/i18n.ts';

export const tooLong = (text: string) => text.trim().length > TEXT_MAX;

export function TextLimit({ id, text }: { id: string; text: string }) {
  const over = tooLong(text);
  return (
    <>
      <p id={id} class={over ? 'counter counter--over' : 'counter'}>
        {tf('textCounter', { n: text.trim().length, max: TEXT_MAX })}
      </p>
      {over && (
        <p class="notice notice--error" role="alert">
          {tf('textTooLong', { max: TEXT_MAX })}
        </p>
      )}
    </>
  );
}
