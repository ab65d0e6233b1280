/**
 * The checks of the domain fields that the wizard and the dialogs share, without their view:
 * the domain name and the GINA host, each required and then checked by the rules module. Pure
 * (no Lit, no DOM): the "required" texts come from the caller, which translates them.
 */
import { checkDomainName, checkGinaHost, defaultGinaHost, type Reason } from '../../domain/rules.js';

/** A problem a field's check finds: a rule's reason, or the field left empty. */
export type StepProblem = Reason | { path: string; message: string };

/** The GINA host: the domain's usual one, one the tenant has already, or a name of one's own. */
export type GinaChoice = { kind: 'default' } | { kind: 'existing'; host: string } | { kind: 'custom'; host: string };

export function ginaHostOf(choice: GinaChoice, domainAscii: string): string {
  return choice.kind === 'default' ? defaultGinaHost(domainAscii) : choice.host.trim();
}

/** The reasons against a domain name as typed: required, then the rules module's checks. */
export function nameProblems(name: string, required: string): StepProblem[] {
  if (name.trim() === '') return [{ path: 'name', message: required }];
  return checkDomainName(name).reasons;
}

/** The reasons against the GINA host chosen: required, then the rules module's checks. */
export function ginaProblems(choice: GinaChoice, domainAscii: string, required: string): StepProblem[] {
  const host = ginaHostOf(choice, domainAscii);
  if (host === '') return [{ path: 'ginaHost', message: required }];
  return checkGinaHost(host, domainAscii).reasons;
}

