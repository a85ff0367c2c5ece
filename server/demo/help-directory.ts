// The demo help directory: the demo CdR with the services a municipal Centrum dla Rodzin offers
// (modelled on the Kraków CdR: psychological, family and social counselling, family and couple
// therapy, a school for parents, support groups, open 8:00-20:00 on weekdays), local partners like
// those such centres work with (a crisis intervention centre, a psychiatry and psychotherapy
// centre, an NGO), and the real national helplines for children and for domestic violence. The
// local partners are fictional, in the fictional town of Przykładowo, and have no phone numbers.
import { randomUUID } from 'node:crypto';
import type { HelpEntryInput } from '../../shared/protocol/escalations.ts';
import type { DbOrTrx } from '../db/database.ts';
import { insertHelpEntry } from '../db/repositories/help-directory.ts';

export const DEMO_HELP: HelpEntryInput[] = [
  {
    name: 'Centrum dla Rodzin w Przykładowie',
    kind: 'cdr',
    address: 'ul. Rodzinna 10, 00-010 Przykładowo',
    phone: null,
    hours: 'pon.–pt. 8:00–20:00',
    offer: {
      pl: 'Bezpłatne i dobrowolne wsparcie dla rodzin, par i rodziców: poradnictwo psychologiczne, rodzinne i socjalne; terapia rodzinna, par i wielorodzinna; szkoła dla rodziców; grupa wsparcia dla matek i ojców; grupa psychoedukacyjna dla rodziców; warsztaty dla par oczekujących dziecka; konsultacje z profilaktyki uzależnień. Można przyjść samemu albo ze skierowaniem, np. ze szkoły.',
      uk: 'Безкоштовна й добровільна підтримка для сімей, пар і батьків: психологічне, сімейне та соціальне консультування; сімейна, парна та багатосімейна терапія; школа для батьків; група підтримки для мам і тат; психоедукаційна група для батьків; заняття для пар, які чекають на дитину; консультації з профілактики залежностей. Можна прийти самостійно або за направленням, наприклад від школи.',
      en: 'Free, voluntary support for families, couples and parents: psychological, family and social counselling; family, couple and multi-family therapy; a school for parents; a support group for mothers and fathers; a psychoeducational group for parents; workshops for couples expecting a baby; consultations on preventing addiction. Come on your own or with a referral, for example from your school.',
    },
    url: null,
  },
  {
    name: 'Ośrodek Interwencji Kryzysowej w Przykładowie',
    kind: 'partner',
    address: 'ul. Spokojna 4, 00-020 Przykładowo',
    phone: null,
    hours: 'całą dobę',
    offer: {
      pl: 'Pomoc w nagłym kryzysie: rozmowa z psychologiem, interwencja kryzysowa, wsparcie dla osób doznających przemocy domowej i ich dzieci, krótki pobyt w bezpiecznym miejscu, gdy w domu nie jest bezpiecznie.',
      uk: 'Допомога в гострій кризі: розмова з психологом, кризове втручання, підтримка для людей, які зазнають домашнього насильства, та їхніх дітей, короткочасне перебування в безпечному місці, коли вдома небезпечно.',
      en: 'Help in an acute crisis: talking to a psychologist, crisis intervention, support for people experiencing domestic violence and for their children, a short stay in a safe place when home is not safe.',
    },
    url: null,
  },
  {
    name: 'Środowiskowe Centrum Psychiatrii i Psychoterapii w Przykładowie',
    kind: 'partner',
    address: 'ul. Zdrowa 7, 00-030 Przykładowo',
    phone: null,
    hours: 'pon.–pt. 8:00–18:00',
    offer: {
      pl: 'Konsultacje psychologiczne i psychiatryczne oraz psychoterapia indywidualna i rodzinna dla dzieci, młodzieży i dorosłych, we współpracy z Centrum dla Rodzin.',
      uk: 'Психологічні та психіатричні консультації, індивідуальна й сімейна психотерапія для дітей, молоді та дорослих у співпраці з Центром для сімей.',
      en: 'Psychological and psychiatric consultations, and individual and family psychotherapy for children, young people and adults, in cooperation with the Family Centre.',
    },
    url: null,
  },
  {
    name: 'Fundacja „Razem dla Rodziny” (Przykładowo)',
    kind: 'partner',
    address: 'ul. Pomocna 2, 00-040 Przykładowo',
    phone: null,
    hours: 'pon.–pt. 10:00–18:00',
    offer: {
      pl: 'Organizacja pozarządowa: grupy wsparcia, warsztaty dla rodziców, pomoc prawna i towarzyszenie osobom doznającym przemocy domowej w sprawach urzędowych.',
      uk: 'Громадська організація: групи підтримки, заняття для батьків, правова допомога та супровід людей, які зазнають домашнього насильства, у справах з установами.',
      en: 'A non-governmental organisation: support groups, workshops for parents, legal help, and someone to go with people experiencing domestic violence when they deal with public offices.',
    },
    url: null,
  },
  {
    name: 'Telefon zaufania dla dzieci i młodzieży',
    kind: 'helpline',
    address: null,
    phone: '116 111',
    hours: 'całą dobę, bezpłatnie',
    offer: {
      pl: 'Bezpłatny i anonimowy telefon zaufania dla dzieci i młodzieży. Możesz zadzwonić albo napisać wiadomość przez stronę.',
      uk: 'Безкоштовна й анонімна лінія довіри для дітей і молоді. Можна зателефонувати або написати повідомлення через сайт.',
      en: 'A free, anonymous helpline for children and young people. You can call, or write a message through the website.',
    },
    url: 'https://116111.pl',
  },
  {
    name: 'Dziecięcy Telefon Zaufania Rzecznika Praw Dziecka',
    kind: 'helpline',
    address: null,
    phone: '800 12 12 12',
    hours: 'całą dobę, bezpłatnie',
    offer: {
      pl: 'Bezpłatny telefon dla dzieci i młodzieży oraz dla dorosłych, którzy martwią się o dziecko.',
      uk: 'Безкоштовна лінія для дітей і молоді, а також для дорослих, які турбуються про дитину.',
      en: 'A free line for children and young people, and for adults who are worried about a child.',
    },
    url: null,
  },
  {
    name: 'Niebieska Linia – telefon dla osób doznających przemocy domowej',
    kind: 'helpline',
    address: null,
    phone: '800 120 002',
    hours: 'całą dobę, bezpłatnie',
    offer: {
      pl: 'Ogólnopolski telefon dla osób doznających przemocy domowej i dla świadków przemocy: wsparcie, informacja, gdzie szukać pomocy w okolicy, pomoc w sprawie procedury „Niebieskie Karty”.',
      uk: 'Загальнопольська лінія для людей, які зазнають домашнього насильства, і для свідків насильства: підтримка, інформація про те, де шукати допомоги поблизу, допомога щодо процедури «Блакитна карта» (Niebieska Karta).',
      en: 'The national line for people experiencing domestic violence and for witnesses: support, where to find help nearby, and help with the Blue Card (Niebieska Karta) procedure.',
    },
    url: null,
  },
];

/** Fills the directory in DEMO_HELP's order (part of the demo set-up's transaction). */
export async function seedHelpDirectory(db: DbOrTrx, now: string): Promise<void> {
  for (const e of DEMO_HELP) {
    await insertHelpEntry(db, {
      id: randomUUID(),
      name: e.name,
      kind: e.kind,
      address: e.address,
      phone: e.phone,
      hours: e.hours,
      offer_pl: e.offer.pl,
      offer_uk: e.offer.uk,
      offer_en: e.offer.en,
      url: e.url,
      updated_at: now,
    });
  }
}
