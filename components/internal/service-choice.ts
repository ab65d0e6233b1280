/**
 * What a person may tick in a list of services, from the one rules module: the wizard's
 * services step and the add-services dialog both show it. Pure, like the rules it reads.
 */
import { type Mode, SERVICE_CODES, type ServiceCode } from '../../domain/catalog.js';
import { checkServices, MODE_RULES, type Reason, withRequirements } from '../../domain/rules.js';

export interface ChoiceInput {
  mode: Mode;
  /** The services active on the domain already (none for a new domain). */
  active: readonly ServiceCode[];
  /** The services the person ticked. */
  chosen: readonly ServiceCode[];
  /** The tenant's country (ISO, upper case). */
  country: string;
}

/** How one service stands in the choice. */
export type OptionState =
  /** Booked on the domain already. */
  | { kind: 'active' }
  /** Every domain of this mode has it: booked with the domain. */
  | { kind: 'mode' }
  /** Added because the ticked services `by` need it. */
  | { kind: 'required'; by: ServiceCode[] }
  | { kind: 'chosen' }
  | { kind: 'available' }
  /** Ticking it would break these rules. */
  | { kind: 'unavailable'; reasons: Reason[] };

export interface ServiceOption {
  code: ServiceCode;
  state: OptionState;
  /** Whether it is booked after the order (ticked in the list). */
  booked: boolean;
}

export interface ServiceChoice {
  /** Every service on the domain after the order. */
  booked: ServiceCode[];
  /** What the order books: `booked` without what is active already. */
  added: ServiceCode[];
  options: ServiceOption[];
}

const key = (r: Reason) => `${r.code}|${r.path}|${r.service ?? ''}|${(r.others ?? []).join(',')}`;

function reasonsOf(input: ChoiceInput, services: readonly ServiceCode[]): Reason[] {
  // The GINA host has its own field; it never makes a service unavailable.
  return checkServices({ mode: input.mode, services, country: input.country, hasGinaHost: true });
}

/** The reasons that ticking `code` as well would add to the current choice. */
function reasonsAgainst(input: ChoiceInput, booked: readonly ServiceCode[], code: ServiceCode): Reason[] {
  const present = new Set(reasonsOf(input, booked).map(key));
  const after = withRequirements([...input.active, ...input.chosen, code], input.mode);
  return reasonsOf(input, after).filter((r) => !present.has(key(r)));
}

export function serviceChoice(input: ChoiceInput): ServiceChoice {
  const { mode, active, chosen } = input;
  const booked = withRequirements([...active, ...chosen], mode);
  const options = SERVICE_CODES.map((code): ServiceOption => {
    const isBooked = booked.includes(code);
    if (active.includes(code)) return { code, booked: true, state: { kind: 'active' } };
    if (MODE_RULES[mode].requires.includes(code)) return { code, booked: isBooked, state: { kind: 'mode' } };
    if (isBooked) {
      const by = chosen.filter((c) => c !== code && withRequirements([c], mode).includes(code));
      if (by.length > 0) return { code, booked: true, state: { kind: 'required', by } };
      if (chosen.includes(code)) return { code, booked: true, state: { kind: 'chosen' } };
      // Needed by an active service only: the domain breaks a rule already; booking it mends that.
      return { code, booked: true, state: { kind: 'required', by: active.filter((c) => withRequirements([c], mode).includes(code)) } };
    }
    const reasons = reasonsAgainst(input, booked, code);
    return { code, booked: false, state: reasons.length > 0 ? { kind: 'unavailable', reasons } : { kind: 'available' } };
  });
  return { booked, added: booked.filter((c) => !active.includes(c)), options };
}

/** Ticks or unticks `code`; answers the new choice and what ticking it added besides. */
export function toggleService(input: ChoiceInput, code: ServiceCode, on: boolean): { chosen: ServiceCode[]; alsoAdded: ServiceCode[] } {
  const before = serviceChoice(input).booked;
  const chosen = on ? [...new Set([...input.chosen, code])] : input.chosen.filter((c) => c !== code);
  const after = serviceChoice({ ...input, chosen }).booked;
  return { chosen, alsoAdded: on ? after.filter((c) => c !== code && !before.includes(c)) : [] };
}

/** The ticked services that the mode (or country) still allows, in order; and those it does not. */
export function pruneChoice(input: ChoiceInput): { chosen: ServiceCode[]; dropped: ServiceCode[] } {
  const chosen: ServiceCode[] = [];
  const dropped: ServiceCode[] = [];
  for (const code of input.chosen) {
    const current = { ...input, chosen };
    const booked = serviceChoice(current).booked;
    if (booked.includes(code) || reasonsAgainst(current, booked, code).length === 0) chosen.push(code);
    else dropped.push(code);
  }
  return { chosen, dropped };
}
