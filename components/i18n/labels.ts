import { msg } from './localization.js';
import type { Mode, ServiceCode } from '../../domain/catalog.js';
import type { DnsPurpose } from '../../domain/dns-records.js';
import type { ServiceStatus } from '../../domain/lifecycle.js';
import type { Level } from '../../domain/roles.js';

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

/** A service's name from the catalogue, in the locale. */
export function serviceLabel(code: ServiceCode): string {
  switch (code) {
    case 'SC-SERVICE': return msg('seppmail.cloud service license', { id: 'service.SC-SERVICE' });
    case 'SC-F-INBOUND': return msg('seppmail.cloud filter inbound', { id: 'service.SC-F-INBOUND' });
    case 'SC-F-OUTBOUND': return msg('seppmail.cloud filter outbound', { id: 'service.SC-F-OUTBOUND' });
    case 'SC-MS365': return msg('seppmail.cloud Microsoft 365 integration', { id: 'service.SC-MS365' });
    case 'SC-SIGONLY': return msg('seppmail.cloud sign-only', { id: 'service.SC-SIGONLY' });
    case 'SC-SIGENC': return msg('seppmail.cloud sign+encrypt (includes GINA)', { id: 'service.SC-SIGENC' });
    case 'SC-CERT': return msg('seppmail.cloud certificate', { id: 'service.SC-CERT' });
    case 'SC-HIN': return msg('seppmail.cloud HIN integration', { id: 'service.SC-HIN' });
  }
}

/** One sentence on how mail flows in the mode, for choosing it. */
export function modeDescription(mode: Mode): string {
  switch (mode) {
    case 'inline':
      return msg('The MX record points to seppmail.cloud: incoming mail passes the gate host, outgoing mail the relay host, so both directions can be filtered, signed and encrypted.', { id: 'mode.inline.description' });
    case 'inline-inbound-only':
      return msg('The MX record points to seppmail.cloud, but only incoming mail passes it (the gate host); outgoing mail leaves directly, so there is no outbound filter and no signing.', { id: 'mode.inline-inbound-only.description' });
    case 'parallel':
      return msg('The MX record stays with Microsoft 365; mail is looped through seppmail.cloud for signing and encryption only, without filtering.', { id: 'mode.parallel.description' });
  }
}

/** What a DNS record the partner publishes is for. */
export function dnsPurposeLabel(purpose: DnsPurpose): string {
  switch (purpose) {
    case 'inbound-mail': return msg('Incoming mail through seppmail.cloud', { id: 'dns.purpose.inbound-mail' });
    case 'swisssign-validation': return msg('Domain validation for the SwissSign certificate', { id: 'dns.purpose.swisssign-validation' });
    case 'gina-host': return msg('GINA host (web mail for encrypted mail)', { id: 'dns.purpose.gina-host' });
    case 'gina-acme-challenge': return msg('TLS certificate of the GINA host', { id: 'dns.purpose.gina-acme-challenge' });
  }
}

export function levelLabel(level: Level): string {
  switch (level) {
    case 'seppmail': return msg('SEPPmail', { id: 'level.seppmail' });
    case 'partner': return msg('Partner', { id: 'level.partner' });
    case 'tenant': return msg('Tenant', { id: 'level.tenant' });
  }
}

/** What an audit event did, in words; an action this version does not know keeps its code. */
export function auditActionLabel(action: string): string {
  switch (action) {
    case 'tenant.add': return msg('Tenant added', { id: 'audit.action.tenant.add' });
    case 'tenant.edit': return msg('Tenant details changed', { id: 'audit.action.tenant.edit' });
    case 'domain.add': return msg('Domain ordered', { id: 'audit.action.domain.add' });
    case 'domain.add-manually': return msg('Domain added manually', { id: 'audit.action.domain.add-manually' });
    case 'services.add': return msg('Services ordered', { id: 'audit.action.services.add' });
    case 'service.cancel': return msg('Service cancelled', { id: 'audit.action.service.cancel' });
    case 'services.confirm': return msg('Services confirmed', { id: 'audit.action.services.confirm' });
    case 'services.deploy': return msg('Services deployed', { id: 'audit.action.services.deploy' });
    case 'services.provision': return msg('Services provisioned (DNS records found)', { id: 'audit.action.services.provision' });
    case 'services.deprovision': return msg('Services deprovisioned', { id: 'audit.action.services.deprovision' });
    case 'domain.release': return msg('Domain released', { id: 'audit.action.domain.release' });
    case 'deployment-settings.change': return msg('Deployment settings changed', { id: 'audit.action.deployment-settings.change' });
    case 'offer.create': return msg('Offer created', { id: 'audit.action.offer.create' });
    case 'usage.import': return msg('User counts imported', { id: 'audit.action.usage.import' });
    default: return action;
  }
}

/** The kind of thing an audit event changed; an unknown kind keeps its code. */
export function entityTypeLabel(type: string): string {
  switch (type) {
    case 'tenant': return msg('Tenant', { id: 'audit.entity.tenant' });
    case 'domain': return msg('Domain', { id: 'audit.entity.domain' });
    case 'offer': return msg('Offer', { id: 'audit.entity.offer' });
    case 'usage': return msg('User counts', { id: 'audit.entity.usage' });
    default: return type;
  }
}
