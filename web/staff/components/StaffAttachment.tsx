// An attachment of the case, fetched as ciphertext and decrypted in the worker.
import { useEffect, useState } from 'preact/hooks';
import type { OpenedAttachment } from '../../../shared/crypto/index.ts';
import { blobType, cleanDownloadName, isShownImage } from '../../common/attachment-types.ts';
import { crypto } from '../crypto.ts';
import { ts } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';

export function StaffAttachment(props: {
  reportId: string;
  /** Set for a CdR member: the file comes through the escalation it was handed over with. */
  escalationId?: string;
  attachment: OpenedAttachment;
}) {
  const { reportId, escalationId, attachment } = props;
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let blobUrl: string | undefined;
    (escalationId
      ? staffApi.escalationAttachment(escalationId, attachment.id)
      : staffApi.attachment(reportId, attachment.id)
    )
      .then((data) => crypto('openAttachment', attachment, data))
      .then((bytes) => {
        // Never the uploader's type as is [Note: attachment types].
        blobUrl = URL.createObjectURL(
          new Blob([new Uint8Array(bytes)], { type: blobType(attachment.meta.type) }),
        );
        setUrl(blobUrl);
      })
      .catch(() => setFailed(true));
    return () => blobUrl && URL.revokeObjectURL(blobUrl);
  }, [attachment.id]);
  if (failed)
    return (
      <p class="notice notice--error" role="alert">
        {ts('attachmentFailed')}
      </p>
    );
  if (!url) return <p role="status">{ts('loading')}</p>;
  const name = cleanDownloadName(attachment.meta.name);
  return isShownImage(attachment.meta.type) ? (
    <img class="case__photo" src={url} alt={ts('photoFrom', { name })} />
  ) : (
    <a class="case__download" href={url} download={name}>
      {name}
    </a>
  );
}
