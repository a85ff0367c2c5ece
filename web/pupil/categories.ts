// The six answers to "what is happening?", with their drawn icons, in the current language.
import type { ReportCategory } from '../../shared/protocol/content-limits.ts';
import { t } from '../common/i18n.ts';
import type { Choice } from './components/ChoiceGrid.tsx';

export const categories = (): Choice<ReportCategory>[] => [
  { value: 'home', icon: 'home', label: t('catHome') },
  { value: 'school', icon: 'school', label: t('catSchool') },
  { value: 'online', icon: 'online', label: t('catOnline') },
  { value: 'self', icon: 'heart', label: t('catSelf') },
  { value: 'friend', icon: 'friends', label: t('catFriend') },
  { value: 'other', icon: 'talk', label: t('catOther') },
];
