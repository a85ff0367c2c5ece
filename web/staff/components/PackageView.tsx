// What the school handed over: the report (if chosen), selected messages and photos, the summary.
import { fromB64 } from '../../../shared/envelope/base64url.ts';
import type { EscalationPackage } from '../../../shared/protocol/escalations.ts';
import { ts } from '../i18n.ts';
import { PUPIL_CATEGORY_LABEL, triageText } from '../labels.ts';
import { AUTHOR } from './MessageList.tsx';
import { StaffAttachment } from './StaffAttachment.tsx';

export function PackageView(props: {
  escalationId: string;
  pkg: EscalationPackage;
  canDownload: boolean;
}) {
  const { pkg } = props;
  return (
    <section class="panel" aria-labelledby="pkg-title">
      <h3 id="pkg-title">{ts('handedOver')}</h3>
      {pkg.summary && <p class="bubble__text">{pkg.summary}</p>}
      {pkg.triage && (
        <p class="package__triage">
          {ts('pkgTriage')}: {triageText(pkg.triage)}
        </p>
      )}
      {pkg.report && (
        <article class="bubble bubble--them case__report">
          <p class="bubble__author">
            {ts(PUPIL_CATEGORY_LABEL[pkg.report.category] ?? 'pupilOther')}
          </p>
          <p class="bubble__text">{pkg.report.text}</p>
        </article>
      )}
      <ol class="messages">
        {pkg.messages.map((m) => (
          <li key={m.seq} class="bubble bubble--them">
            <p class="bubble__author">{ts(AUTHOR[m.authorRole])}</p>
            <p class="bubble__text">{m.text}</p>
          </li>
        ))}
      </ol>
      {props.canDownload &&
        pkg.attachments.map((a) => (
          <StaffAttachment
            key={a.attachmentId}
            reportId=""
            escalationId={props.escalationId}
            attachment={{
              id: a.attachmentId,
              messageId: null,
              uploaderRole: 'pupil',
              meta: { attachmentId: a.attachmentId, name: a.name, type: a.type, size: a.size },
              fileKey: fromB64(a.fileKey),
            }}
          />
        ))}
    </section>
  );
}
