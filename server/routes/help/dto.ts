// The help directory's rows on the wire (HelpEntryDto) and back (HelpEntrySchema's fields).
import type { HelpEntryDto, HelpEntryInput } from '../../../shared/protocol/escalations.ts';
import type { HelpFields } from '../../db/repositories/help-directory.ts';
import type { HelpEntry } from '../../db/tables/escalations.ts';

export function helpEntryDto(e: HelpEntry): HelpEntryDto {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    address: e.address,
    phone: e.phone,
    hours: e.hours,
    offer: { pl: e.offer_pl, uk: e.offer_uk, en: e.offer_en },
    url: e.url,
  };
}

export function helpFields(input: HelpEntryInput): HelpFields {
  return {
    name: input.name,
    kind: input.kind,
    address: input.address,
    phone: input.phone,
    hours: input.hours,
    offer_pl: input.offer.pl,
    offer_uk: input.offer.uk,
    offer_en: input.offer.en,
    url: input.url,
  };
}
