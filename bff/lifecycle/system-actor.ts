import type { Principal } from '../../domain/roles.js';

/** Who the audit log names for what the platform does on its own schedule. */
export const SYSTEM: Principal = { sub: 'system', name: 'seppmail.cloud automation', level: 'seppmail', roles: [] };
