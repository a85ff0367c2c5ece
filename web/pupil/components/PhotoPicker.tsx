// Adding photos or screenshots: each is re-encoded at once (metadata stripped) and previewed.
// The browser's own file control ("Choose Files / No file chosen") speaks the browser's language,
// not the child's: the input is hidden from sight (still focusable and still the real control) and
// a button-like label with a status line in the app's language stands for it.
import { useState } from 'preact/hooks';
import { Icon } from '../../common/components/Icon.tsx';
import { t, tf } from '../../common/i18n.ts';
import { reencodeImage, type PreparedPhoto } from '../images.ts';

export const MAX_PHOTOS = 5;

export function PhotoPicker(props: {
  id: string;
  photos: PreparedPhoto[];
  onChange: (p: PreparedPhoto[]) => void;
}) {
  const [failed, setFailed] = useState(false);
  const add = async (files: FileList | null) => {
    setFailed(false);
    const added: PreparedPhoto[] = [];
    for (const file of Array.from(files ?? []).slice(0, MAX_PHOTOS - props.photos.length)) {
      try {
        added.push(await reencodeImage(file, props.photos.length + added.length));
      } catch {
        setFailed(true);
      }
    }
    props.onChange([...props.photos, ...added]);
  };
  const remove = (photo: PreparedPhoto) => {
    URL.revokeObjectURL(photo.previewUrl);
    props.onChange(props.photos.filter((p) => p !== photo));
  };
  const statusId = `${props.id}-status`;
  const count = props.photos.length;
  return (
    <fieldset class="field photo-field">
      <legend>{t('photosLabel')}</legend>
      <p class="hint" id={`${props.id}-hint`}>
        {t('photosHint')}
      </p>
      {count < MAX_PHOTOS && (
        <div class="file-row">
          <input
            id={props.id}
            class="file-input sr-only"
            type="file"
            accept="image/*"
            multiple
            aria-describedby={`${props.id}-hint ${statusId}`}
            onChange={(e) => {
              const input = e.currentTarget;
              void add(input.files).then(() => (input.value = ''));
            }}
          />
          <label for={props.id} class="button button--secondary file-button">
            <Icon name="camera" />
            {t(count === 0 ? 'photoChoose' : 'photoChooseMore')}
          </label>
        </div>
      )}
      <p id={statusId} class="hint" role="status">
        {count === 0 ? t('photoNone') : tf('photoCount', { n: count, max: MAX_PHOTOS })}
      </p>
      {failed && (
        <p class="notice notice--error" role="alert">
          {t('photoFailed')}
        </p>
      )}
      <ul class="photos">
        {props.photos.map((photo, i) => (
          <li key={photo.previewUrl}>
            <img src={photo.previewUrl} alt={tf('photoNumber', { n: i + 1 })} />
            <button type="button" class="button--secondary" onClick={() => remove(photo)}>
              {t('photoRemove')}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
