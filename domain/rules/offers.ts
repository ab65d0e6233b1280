/**
 * The rules of an offer (docs/domain.md#offers). (decision) An offer does not check that a
 * line's services are complete: it may price an addition to a managed domain, and the mode is
 * not chosen yet; the order and its confirmation check that. It does check what no order could
 * ever book: a name that can never be managed or that another tenant manages, services that
 * exclude each other or that the tenant's country may not book, and a discount from a caller
 * who may not set one.
 */
import type { NewOffer } from '../api.js';
import { can, type Principal } from '../roles.js';
import { checkDomainName } from './names.js';
import type { Reason } from './reasons.js';
import { checkCompatibility } from './services.js';

export type OfferLineInput = NewOffer['lines'][number];

export interface OfferFacts {
  /** Who makes the offer: only some may set discounts. */
  principal: Pick<Principal, 'level' | 'roles'>;
  /** The tenant's country (ISO, upper case). */
  country: string;
  /** Names (punycode, lower case) that another tenant's domains have. */
  takenByOthers: ReadonlySet<string>;
}

export interface CheckedOfferLine {
  /** The line's domain in punycode, lower case; as given when it cannot be read as a name. */
  name: string;
  /** Every reason, each with its path under `lines.<index>` and its message naming the line. */
  reasons: Reason[];
}

/** Every rule one line of an offer breaks, its index being `index`. */
export function checkOfferLine(line: OfferLineInput, index: number, facts: OfferFacts): CheckedOfferLine {
  const at = `lines.${index}`;
  const label = `Line ${index + 1} (${line.domain})`;
  const named = (r: Reason): Reason => ({ ...r, path: r.path === 'name' ? `${at}.domain` : `${at}.${r.path}`, message: `${label}: ${r.message}` });
  const name = checkDomainName(line.domain);
  const reasons = name.reasons.map(named);
  if (name.ascii && facts.takenByOthers.has(name.ascii)) {
    reasons.push(named({ code: 'domain-taken', path: 'name', message: `${name.ascii} is managed for another tenant.` }));
  }
  if (line.discount && !can(facts.principal, 'discount.set')) {
    reasons.push({
      code: 'discount-not-allowed',
      path: `${at}.discount`,
      message: `${label}: only SEPPmail staff with Sales or ALL set discounts; leave the discount out.`,
    });
  }
  reasons.push(...checkCompatibility(line.services, facts.country).map(named));
  return { name: name.ascii ?? line.domain, reasons };
}

/** Every rule the offer breaks, line by line, and each line's domain name as it is stored. */
export function checkOffer(offer: Pick<NewOffer, 'lines'>, facts: OfferFacts): { reasons: Reason[]; names: string[] } {
  const lines = offer.lines.map((line, i) => checkOfferLine(line, i, facts));
  return { reasons: lines.flatMap((l) => l.reasons), names: lines.map((l) => l.name) };
}
