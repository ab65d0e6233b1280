import { str } from '@lit/localize';
import { msg } from '../i18n/localization.js';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Mode, ServiceCode } from '../../domain/catalog.js';
import { formatList } from '../i18n/format.js';
import { modeLabel, serviceLabel } from '../i18n/labels.js';
import type { ReasonLike } from '../i18n/reasons.js';
import { renderReasons } from './dialog-element.js';
import type { ServiceOption } from './service-choice.js';

export interface ServiceOptionsField {
  options: readonly ServiceOption[];
  mode: Mode;
  /** Reasons against the choice as a whole (the server's, say). */
  problems: readonly ReasonLike[];
  onToggle: (code: ServiceCode, on: boolean) => void;
}

function note(option: ServiceOption, mode: Mode): TemplateResult | string | typeof nothing {
  const { state, code } = option;
  switch (state.kind) {
    case 'mode':
      return code === 'SC-SERVICE'
        ? msg('The base service: booked with every domain.', { id: 'services.note.base' })
        : msg(str`Every domain in mode ${modeLabel(mode)} has it.`, { id: 'services.note.mode' });
    case 'required':
      return state.by.length
        ? msg(str`Added: required by ${formatList(state.by)}.`, { id: 'services.note.required' })
        : msg('Added: a service on this domain requires it.', { id: 'services.note.required-active' });
    case 'unavailable':
      return html`${msg('Cannot be chosen:', { id: 'services.note.unavailable' })}${renderReasons(`service-${code}-reasons`, state.reasons)}`;
    default:
      return nothing;
  }
}

/**
 * The services as checkboxes, ticked when they will be booked. What the mode or a chosen
 * service requires is ticked and locked with the reason; what cannot be chosen is disabled
 * with its reasons. Services active on the domain already are left out.
 */
export function renderServiceOptions({ options, mode, problems, onToggle }: ServiceOptionsField): TemplateResult {
  const invalid = problems.length > 0;
  const first = options.find((o) => !['active', 'mode', 'required', 'unavailable'].includes(o.state.kind))?.code;
  return html`<fieldset part="services">
    <legend part="label">${msg('Services', { id: 'wizard.step.services' })}</legend>
    ${options.filter((o) => o.state.kind !== 'active').map((option) => {
      const { code, state } = option;
      const locked = state.kind === 'mode' || state.kind === 'required' || state.kind === 'unavailable';
      const text = note(option, mode);
      const describedBy = [text === nothing ? '' : `service-${code}-note`, invalid && !locked ? 'services-reasons' : ''].filter(Boolean).join(' ');
      return html`<div part="service choice${state.kind === 'unavailable' ? ' service-unavailable' : ''}" class="choice">
        <input type="checkbox" id="service-${code}" value=${code} .checked=${live(option.booked)} ?disabled=${locked} ?data-autofocus=${code === first}
          aria-invalid=${invalid && !locked ? 'true' : 'false'} aria-describedby=${describedBy || nothing}
          @change=${(e: Event) => onToggle(code, (e.target as HTMLInputElement).checked)} />
        <label for="service-${code}">${serviceLabel(code)} <span class="code">${code}</span></label>
        ${text === nothing ? nothing : html`<div part="service-note" class="hint" id="service-${code}-note">${text}</div>`}
      </div>`;
    })}
    ${renderReasons('services-reasons', problems)}
  </fieldset>`;
}
