// The name at the top of the code card, which is also the switch between the account's own code and
// its members' (companions, family): the shared switch (web/ui) with the code page's words.

import type { MemberSwitchProps } from '../../ui/MemberSwitch.js';
import { MemberSwitch as Switch } from '../../ui/MemberSwitch.js';
import { t } from './strings.js';

export function MemberSwitch(props: Omit<MemberSwitchProps, 'switchLabel' | 'relationText'>) {
  return <Switch {...props} switchLabel={t('member.switch')} relationText={(relation) => t(`member.relation.${relation}`)} />;
}
