// The demo municipality: seven pilot primary schools and a Centrum dla Rodzin, modelled on the
// municipal programmes this platform grew from (a CdR coordinating domestic-violence prevention
// with the social-assistance office, schools, police and NGOs; RESQL piloted in 7 primary
// schools; a CdR open 8:00-20:00 on weekdays). Names and addresses are fictional: "Przykładowo" is
// not a real town, and no demo phone number belongs to anyone.

export interface DemoOrg {
  kind: 'school' | 'cdr';
  name: string;
  code: string;
  address: string;
  hours: string;
  waitTargetHours: number;
  staff: { login: string; displayName: string; role: 'counsellor' | 'cdr_specialist' }[];
}

const SCHOOL_STREETS = [
  'ul. Szkolna 1',
  'ul. Lipowa 12',
  'ul. Ogrodowa 5',
  'ul. Słoneczna 20',
  'ul. Polna 8',
  'ul. Kwiatowa 3',
  'ul. Leśna 15',
];

const schools: DemoOrg[] = SCHOOL_STREETS.map((street, i) => ({
  kind: 'school',
  name: `Szkoła Podstawowa nr ${i + 1} w Przykładowie`,
  code: `SP${i + 1}`,
  address: `${street}, 00-00${i + 1} Przykładowo`,
  hours: 'pon.-pt. 7:30-15:30 (pedagog szkolny)',
  waitTargetHours: 24,
  staff: [
    {
      login: `pedagog.sp${i + 1}@demo.invalid`,
      displayName: `Pedagog SP ${i + 1}`,
      role: 'counsellor',
    },
  ],
}));

const cdr: DemoOrg = {
  kind: 'cdr',
  name: 'Centrum dla Rodzin w Przykładowie',
  code: 'CDR',
  address: 'ul. Rodzinna 10, 00-010 Przykładowo',
  hours: 'pon.-pt. 8:00-20:00',
  waitTargetHours: 8,
  staff: [
    { login: 'psycholog.cdr@demo.invalid', displayName: 'Psycholog CdR', role: 'cdr_specialist' },
    {
      login: 'terapeuta.cdr@demo.invalid',
      displayName: 'Terapeuta rodzinny CdR',
      role: 'cdr_specialist',
    },
  ],
};

export const DEMO_ORGS: DemoOrg[] = [...schools, cdr];
export const DEMO_ADMIN = { login: 'admin@demo.invalid', displayName: 'Administrator gminy' };
