import type { Principal } from '../../domain/roles.js';
import type { Actor } from '../audit.js';

/** Who the audit log names for what the platform does on its own schedule. */
export const SYSTEM: Principal = { sub: 'system', name: 'seppmail.cloud automation', level: 'seppmail', roles: [] };

/** The platform as the actor of its own scheduled work (no request). */
export const SYSTEM_ACTOR: Actor = { principal: SYSTEM };
