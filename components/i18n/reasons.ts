import { str } from '@lit/localize';
import { msg } from './localization.js';
import type { Reason } from '../../domain/rules.js';
import { formatList } from './format.js';

/** A reason as the rules module gives it or the BFF answers it; a 400's reasons have no `code`. */
export type ReasonLike = Pick<Reason, 'path' | 'message'> & Partial<Pick<Reason, 'service' | 'others'>> & { code?: string };

/**
 * A refusal in the locale, chosen by its `code`: the same text whether the rules module found
 * it in the browser or the BFF answered it. A reason without a known code keeps its own message.
 */
export function reasonText(reason: ReasonLike): string {
  const service = reason.service ?? '';
  const all = formatList(reason.others ?? []);
  const any = formatList(reason.others ?? [], 'disjunction');
  switch (reason.code) {
    case 'requires': return msg(str`${service} requires ${all}.`, { id: 'reason.requires' });
    case 'requires-one-of': return msg(str`${service} is booked only together with ${any}.`, { id: 'reason.requires-one-of' });
    case 'excludes': return msg(str`${service} and ${all} exclude each other on one domain.`, { id: 'reason.excludes' });
    case 'mode-requires': return msg(str`This mode requires ${service}.`, { id: 'reason.mode-requires' });
    case 'mode-forbids': return msg(str`${service} cannot be booked in this mode.`, { id: 'reason.mode-forbids' });
    case 'hin-needs-switzerland': return msg(str`${service} is available only to tenants in Switzerland.`, { id: 'reason.hin-needs-switzerland' });
    case 'gina-host-required': return msg(str`${service} needs a GINA host.`, { id: 'reason.gina-host-required' });
    case 'name-invalid':
      return msg('Enter a valid domain name such as example.ch: letters, digits and hyphens in labels separated by dots, at most 253 characters, no IP address.', { id: 'reason.name-invalid' });
    case 'name-freemail': return msg('This domain belongs to a freemail provider; only an organisation’s own domain can be managed.', { id: 'reason.name-freemail' });
    case 'name-onmicrosoft': return msg('Domains under onmicrosoft.com belong to Microsoft and cannot be managed.', { id: 'reason.name-onmicrosoft' });
    case 'name-platform': return msg('The platform’s own domains (seppmail.cloud and those under it) cannot be managed; enter the organisation’s own domain.', { id: 'reason.name-platform' });
    case 'name-special-use':
      return msg('This is a reserved name for tests, examples or local networks (such as .test, .local, .internal or example.com), never a registered domain; enter the organisation’s own domain.', { id: 'reason.name-special-use' });
    case 'name-mixed-script':
      return msg('A label of this name mixes letters of different scripts (such as a Cyrillic “а” among Latin letters), so it could pass for another name; write each label in one script.', { id: 'reason.name-mixed-script' });
    case 'name-symbol-only':
      return msg('A label of this name is made only of symbols or emoji (such as ★ or 😀), with no letter or digit; write each label with letters or digits.', { id: 'reason.name-symbol-only' });
    case 'domain-taken': return msg('This domain is already managed on seppmail.cloud.', { id: 'reason.domain-taken' });
    case 'gina-host-invalid':
      return msg('Enter a host name with at least three labels, such as securemail.example.ch: letters, digits and hyphens, each label in one script; not the domain itself, no wildcard, no IP address, not under seppmail.cloud, onmicrosoft.com or a reserved name such as .test or example.com.', { id: 'reason.gina-host-invalid' });
    case 'gina-host-taken': return msg('Another tenant uses this GINA host; choose another host name.', { id: 'reason.gina-host-taken' });
    case 'ms365-tenant-id-invalid':
      return msg('The Microsoft 365 tenant ID must be a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.', { id: 'reason.ms365-tenant-id-invalid' });
    case 'end-billing-invalid': return msg('Enter the end of billing as a date.', { id: 'reason.end-billing-invalid' });
    case 'end-billing-too-early': return msg('The end of billing must be tomorrow or later.', { id: 'reason.end-billing-too-early' });
    case 'already-booked': return msg(str`${service} is already booked on this domain.`, { id: 'reason.already-booked' });
    case 'not-active': return msg(str`${service} is not active, so it cannot be cancelled.`, { id: 'reason.not-active' });
    case 'ms365-sibling-needs-inbound':
      return msg(str`Another domain with the same Microsoft 365 tenant is inline, so this domain needs ${service} too.`, { id: 'reason.ms365-sibling-needs-inbound' });
    case 'tenant-incomplete': return msg('The tenant’s details are incomplete: complete its name, e-mail, phone and country, then confirm again.', { id: 'reason.tenant-incomplete' });
    case 'discount-not-allowed': return msg('Only SEPPmail staff with Sales or ALL give discounts.', { id: 'reason.discount-not-allowed' });
    case 'deployment-settings-unavailable':
      return msg('Deployment settings are available only while the domain’s SC-SIGENC is confirmed or provisioning.', { id: 'reason.deployment-settings-unavailable' });
    case 'cursor-invalid': return msg('This page of the list is no longer available; start again from the first page.', { id: 'reason.cursor-invalid' });
    default: return reason.message;
  }
}
