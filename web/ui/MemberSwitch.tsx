// A member's name that is also the switch between the account's own person and the people it looks
// after (companions, family): a button that opens the list. The code page shows each member's code
// with it; the declaration page declares for them. Each area passes its words for what switching does.

import { useSignal } from '@preact/signals';
import type { Member, MemberRelation } from '../../shared/api/members.js';

export interface MemberSwitchProps {
  members: Member[];
  /** null: the account's own person. */
  shownId: string | null;
  maskedName: string;
  onPick: (id: string | null) => void;
  /** What switching does, for screen readers ("switch to a family member's code"). */
  switchLabel: string;
  relationText: (relation: MemberRelation) => string;
}

export function MemberSwitch({ members, shownId, maskedName, onPick, switchLabel, relationText }: MemberSwitchProps) {
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
        <span class="sr-only">{switchLabel}</span>
        <span aria-hidden="true" class="chevron" />
      </button>
      {open.value && (
        <ul id="member-list" class="member-menu" aria-label={switchLabel}>
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
                  <strong>{m.maskedName}</strong> <span class="muted">{relationText(m.relation)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </span>
  );
}
