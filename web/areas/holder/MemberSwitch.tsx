// The name at the top of the code card, which is also the switch between the account's own code and
// its members' (companions, family): a button that opens the list; each member has their own code.

import { useSignal } from '@preact/signals';
import type { Member } from '../../../shared/api/members.js';
import { t } from './strings.js';

export function MemberSwitch({ members, shownId, maskedName, onPick }: { members: Member[]; shownId: string | null; maskedName: string; onPick: (id: string | null) => void }) {
  const open = useSignal(false);
  // Only the account's own code to show: the name is just a name.
  if (members.length <= 1) return <span data-testid="masked-name">{maskedName}</span>;
  return (
    <span class="member-switch">
      <button
        type="button"
        class="member-current"
        data-testid="member-switch"
        aria-expanded={open.value}
        aria-controls="member-list"
        onClick={() => (open.value = !open.value)}
      >
        <span data-testid="masked-name">{maskedName}</span>
        <span class="sr-only">{t('member.switch')}</span>
        <span aria-hidden="true" class="chevron" />
      </button>
      {open.value && (
        <ul id="member-list" class="member-menu" aria-label={t('member.switch')}>
          {members.map((m) => {
            const id = m.relation === 'self' ? null : m.id;
            return (
              <li key={m.id}>
                <button
                  type="button"
                  class="member-option"
                  data-testid="member-option"
                  aria-current={id === shownId ? 'true' : undefined}
                  onClick={() => {
                    open.value = false;
                    onPick(id);
                  }}
                >
                  <strong>{m.maskedName}</strong> <span class="muted">{t(`member.relation.${m.relation}`)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </span>
  );
}
