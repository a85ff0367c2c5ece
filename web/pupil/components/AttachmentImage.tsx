// A photo from the thread: fetched as ciphertext, decrypted in the worker, shown from a blob URL
// that wipe() revokes.
import { useEffect, useState } from 'preact/hooks';
import type { OpenedAttachment } from '../../../shared/crypto/index.ts';
import { blobType, isShownImage } from '../../common/attachment-types.ts';
import { t } from '../../common/i18n.ts';
import { crypto } from '../crypto.ts';
import { pupilApi } from '../pupil-api.ts';
import { objectUrls } from '../state.ts';

export function AttachmentImage({
  token,
  attachment,
}: {
  token: string;
  attachment: OpenedAttachment;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    pupilApi
      .downloadAttachment(token, attachment.id)
      .then((data) => crypto('openAttachment', attachment, data))
      .then((bytes) => {
        if (!alive) return;
        const blobUrl = URL.createObjectURL(
          new Blob([new Uint8Array(bytes)], { type: blobType(attachment.meta.type) }),
        );
        objectUrls.add(blobUrl);
        setUrl(blobUrl);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, [attachment.id]);
  if (failed)
    return (
      <p class="notice notice--error" role="alert">
        {t('notVerified')}
      </p>
    );
  if (!url) return <p role="status">{t('loading')}</p>;
  // Only raster images are shown; nothing else is opened here [Note: attachment types].
  return isShownImage(attachment.meta.type) ? (
    <img class="thread__photo" src={url} alt={t('photoAlt')} />
  ) : null;
}
