// Adding photos or screenshots: each is re-encoded at once (metadata stripped) and previewed.
import { useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
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
  return (
    <div class="field">
      <label for={props.id}>{t('photosLabel')}</label>
      <p class="hint">{t('photosHint')}</p>
      {props.photos.length < MAX_PHOTOS && (
        <input
          id={props.id}
          type="file"
          accept="image/*"
          multiple
          onChange={(e) => {
            const input = e.currentTarget;
            void add(input.files).then(() => (input.value = ''));
          }}
        />
      )}
      {failed && (
        <p class="notice notice--error" role="alert">
          {t('photoFailed')}
        </p>
      )}
      <ul class="photos">
        {props.photos.map((photo) => (
          <li key={photo.previewUrl}>
            <img src={photo.previewUrl} alt={t('photoAlt')} />
            <button type="button" class="button--secondary" onClick={() => remove(photo)}>
              {t('photoRemove')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
