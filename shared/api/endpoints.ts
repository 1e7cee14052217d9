// Every endpoint of the API in one list: the server checks that it mounts exactly these, and the
// privacy test walks them. Pages import their own area's file, not this one.

import { accountApi, accountControlApi } from './account.js';
import { authApi } from './auth.js';
import { checkinApi } from './checkin.js';
import { authorityApi, feedsApi } from './authority.js';
import type { Endpoint } from './contract.js';
import { deviceKeysApi } from './device-keys.js';
import { gateApi } from './gate.js';
import { ownIdentityApi } from './identity.js';
import { membersApi } from './members.js';
import { travellersApi } from './travellers.js';
import { listsApi } from './lists.js';
import { peopleApi } from './people.js';
import { statsApi } from './stats.js';
import { recordsApi } from './records.js';
import { residentsApi } from './residents.js';
import { syncApi } from './sync.js';
import { systemApi } from './system.js';
import { venueManagerApi } from './venue-manager.js';
import { venuesApi } from './venues.js';
import { orgAdminApi } from './orgs.js';
import { declarationsApi } from './declarations.js';

export const API_AREAS = { auth: authApi, people: peopleApi, lists: listsApi, venues: venuesApi, sync: syncApi, system: systemApi, deviceKeys: deviceKeysApi, gate: gateApi, account: accountApi, stats: statsApi, accountControl: accountControlApi, records: recordsApi, venueManager: venueManagerApi, checkin: checkinApi, travellers: travellersApi, residents: residentsApi, members: membersApi, ownIdentity: ownIdentityApi, authority: authorityApi, feeds: feedsApi, orgAdmin: orgAdminApi, declarations: declarationsApi } as const;

export const ALL_ENDPOINTS: readonly Endpoint[] = Object.values(API_AREAS).flatMap((area) => Object.values(area) as Endpoint[]);
