/**
 * The add-domain wizard without its view: what was entered, the steps in effect, which step a
 * refusal's path belongs to, each step's guard (the rules module's checks that Next applies),
 * and the order sent. Pure (no Lit, no DOM); the texts of the "required" problems come from the
 * element, which translates them.
 */
import type { Mode, ServiceCode } from '../../domain/catalog.js';
import { checkDomainName, checkMs365TenantId, checkServices } from '../../domain/rules.js';
import type { NewDomain } from '../api/client.js';
import { type GinaChoice, ginaHostOf, ginaProblems, nameProblems, type StepProblem } from '../internal/domain-checks.js';
import { type ServiceChoice, serviceChoice } from '../internal/service-choice.js';

export type { GinaChoice, StepProblem } from '../internal/domain-checks.js';

export type WizardStep = 'name' | 'mode' | 'services' | 'gina' | 'summary';

/** What the person entered, kept across Back and Next. */
export interface WizardData {
  name: string;
  mode?: Mode;
  ms365TenantId: string;
  /** The services ticked; what they require is added to them. */
  chosen: ServiceCode[];
  gina: GinaChoice;
}

/** The texts of the fields left empty, in the element's locale. */
export type RequiredTexts = Record<'name' | 'mode' | 'ginaHost', string>;

export const EMPTY_WIZARD_DATA: WizardData = { name: '', ms365TenantId: '', chosen: [], gina: { kind: 'default' } };

/** The step where a field's refusal is corrected. */
export const STEP_OF_PATH: Readonly<Record<string, WizardStep>> = {
  name: 'name',
  mode: 'mode',
  ms365TenantId: 'mode',
  services: 'services',
  ginaHost: 'gina',
};

/** The name as it will be managed: punycode, lower case (as typed while it is no valid name). */
export function asciiName(data: Pick<WizardData, 'name'>): string {
  return checkDomainName(data.name).ascii ?? data.name.trim().toLowerCase();
}

/** The services of the order, as ticked with what they and the mode require. */
export function wizardChoice(data: WizardData, country: string): ServiceChoice {
  return serviceChoice({ mode: data.mode ?? 'inline', active: [], chosen: data.chosen, country });
}

/** Whether the order books sign+encrypt, and so needs a GINA host. */
export function needsGina(data: WizardData, country: string): boolean {
  return data.mode !== undefined && wizardChoice(data, country).booked.includes('SC-SIGENC');
}

/** The steps in effect: the GINA host only when sign+encrypt is booked. */
export function wizardSteps(data: WizardData, country: string): WizardStep[] {
  return ['name', 'mode', 'services', ...(needsGina(data, country) ? (['gina'] as const) : []), 'summary'];
}

/** The step where the field of a refusal's path is corrected; the summary when no step in effect has it. */
export function stepOfPath(path: string, steps: readonly WizardStep[]): WizardStep {
  const step = STEP_OF_PATH[path.split(/[./[\]]/).filter(Boolean)[0] ?? ''];
  return step && steps.includes(step) ? step : 'summary';
}

/** The first step in effect that any of the paths concerns; the summary when none does. */
export function firstStepConcerned(paths: readonly string[], steps: readonly WizardStep[]): WizardStep {
  return steps.find((step) => paths.some((path) => stepOfPath(path, steps) === step)) ?? 'summary';
}

export function stepBefore(step: WizardStep, steps: readonly WizardStep[]): WizardStep | undefined {
  const index = steps.indexOf(step);
  return index > 0 ? steps[index - 1] : undefined;
}

export function stepAfter(step: WizardStep, steps: readonly WizardStep[]): WizardStep | undefined {
  const index = steps.indexOf(step);
  return index >= 0 ? steps[index + 1] : undefined;
}

/** The guard of a step: what keeps Next from going on, by the same rules the BFF applies (the server's own reasons apart). */
export function stepProblems(step: WizardStep, data: WizardData, country: string, required: RequiredTexts): StepProblem[] {
  switch (step) {
    case 'name':
      return nameProblems(data.name, required.name);
    case 'mode':
      return [...(data.mode ? [] : [{ path: 'mode', message: required.mode }]), ...checkMs365TenantId(data.ms365TenantId)];
    case 'services':
      return checkServices({ mode: data.mode ?? 'inline', services: wizardChoice(data, country).booked, country, hasGinaHost: true });
    case 'gina':
      return ginaProblems(data.gina, asciiName(data), required.ginaHost);
    case 'summary':
      return [];
  }
}

/** The order: `POST /api/tenants/{id}/domains`. */
export function wizardBody(data: WizardData, country: string): NewDomain {
  const ascii = asciiName(data);
  const ms365 = data.ms365TenantId.trim();
  return {
    name: ascii,
    mode: data.mode!,
    ...(ms365 ? { ms365TenantId: ms365 } : {}),
    // The BFF books the base service itself.
    services: wizardChoice(data, country).booked.filter((c) => c !== 'SC-SERVICE'),
    ...(needsGina(data, country) ? { ginaHost: ginaHostOf(data.gina, ascii) } : {}),
  };
}
