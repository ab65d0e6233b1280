import { msg } from '@lit/localize';
import type { Mode } from '../../domain/catalog.js';
import type { ServiceStatus } from '../../domain/lifecycle.js';

// Functions, not constants: msg() must run at render time to follow the locale.

export function statusLabel(status: ServiceStatus): string {
  switch (status) {
    case 'ordered': return msg('Ordered', { id: 'status.ordered' });
    case 'confirmed': return msg('Confirmed', { id: 'status.confirmed' });
    case 'provisioning': return msg('Provisioning', { id: 'status.provisioning' });
    case 'provisioned': return msg('Deployed', { id: 'status.provisioned' });
    case 'cancelled': return msg('Cancelled', { id: 'status.cancelled' });
    case 'deprovisioning': return msg('Deprovisioning', { id: 'status.deprovisioning' });
    case 'deprovisioned': return msg('Deprovisioned', { id: 'status.deprovisioned' });
  }
}

export function modeLabel(mode: Mode): string {
  switch (mode) {
    case 'inline': return msg('Inline', { id: 'mode.inline' });
    case 'inline-inbound-only': return msg('Inline (inbound only)', { id: 'mode.inline-inbound-only' });
    case 'parallel': return msg('Parallel (Microsoft 365)', { id: 'mode.parallel' });
  }
}
