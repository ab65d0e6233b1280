/**
 * The fields that the wizard and the manual add share: the domain name with its live checks
 * and punycode form, the integration mode with a sentence on each; and, with the add-services
 * dialog, the GINA host for sign+encrypt.
 */
import { msg } from '../i18n/localization.js';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { MODES, type Mode } from '../../domain/catalog.js';
import { checkDomainName, defaultGinaHost } from '../../domain/rules.js';
import { modeDescription, modeLabel } from '../i18n/labels.js';
import type { ReasonLike } from '../i18n/reasons.js';
import { renderReasons } from './dialog-element.js';
import { type GinaChoice, ginaProblems, nameProblems } from './domain-checks.js';
import { displayName } from '../../domain/punycode.js';

/** The reasons against a domain name as typed: required, then the rules module's checks. */
export function domainNameReasons(input: string): ReasonLike[] {
  return nameProblems(input, msg('Enter the domain name, such as example.ch.', { id: 'domain-name.required' }));
}

/** The punycode form when it differs from what was typed (an IDN), else undefined. */
export function punycodeOf(input: string): string | undefined {
  const { ascii } = checkDomainName(input);
  return ascii && ascii !== input.trim().replace(/\.$/, '').toLowerCase() ? ascii : undefined;
}

export interface DomainNameField {
  value: string;
  /** Reasons the server gave for the name; shown beside the live ones. */
  serverReasons: readonly ReasonLike[];
  /** Whether to mark the field invalid: the person tried to go on. */
  attempted: boolean;
  onInput: (value: string) => void;
}

/** The domain name: checked as it is typed, its punycode form shown when it differs. */
export function renderDomainNameField({ value, serverReasons, attempted, onInput }: DomainNameField): TemplateResult {
  const reasons = value.trim() === '' && !attempted ? [] : [...domainNameReasons(value), ...serverReasons];
  const punycode = punycodeOf(value);
  const invalid = attempted && reasons.length > 0;
  return html`<div part="field" class="field">
    <label part="label" for="name">${msg('Domain name', { id: 'domain-name.label' })}</label>
    <input part="control" id="name" name="name" type="text" autocomplete="off" autocapitalize="off" spellcheck="false"
      data-autofocus aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="name-check"
      .value=${live(value)} @input=${(e: InputEvent) => onInput((e.target as HTMLInputElement).value)} />
    <div id="name-check" part="name-check" aria-live="polite">
      ${punycode
        ? html`<p part="punycode" class="hint">${msg('Managed as', { id: 'domain-name.punycode' })} <span class="code">${punycode}</span></p>`
        : nothing}
      ${reasons.length === 0 && value.trim() !== ''
        ? html`<p part="name-ok" class="hint">${msg('The name can be managed, unless it is managed on the platform already.', { id: 'domain-name.ok' })}</p>`
        : renderReasons('name-reasons', reasons)}
    </div>
  </div>`;
}

export interface ModeField {
  value?: Mode;
  reasons: readonly ReasonLike[];
  onChange: (mode: Mode) => void;
}

/** The integration modes as radio buttons, each with the sentence that explains it. */
export function renderModeField({ value, reasons, onChange }: ModeField): TemplateResult {
  const invalid = reasons.length > 0;
  return html`<fieldset part="modes">
    <legend part="label">${msg('Integration mode', { id: 'domain.mode-legend' })}</legend>
    ${MODES.map((mode, index) => html`<div part="choice" class="choice">
      <input type="radio" id="mode-${mode}" name="mode" value=${mode} .checked=${live(value === mode)}
        ?data-autofocus=${value ? value === mode : index === 0}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby="mode-${mode}-description${invalid ? ' mode-reasons' : ''}"
        @change=${() => onChange(mode)} />
      <label for="mode-${mode}">${modeLabel(mode)}</label>
      <p class="hint" id="mode-${mode}-description">${modeDescription(mode)}</p>
    </div>`)}
    ${renderReasons('mode-reasons', reasons)}
  </fieldset>`;
}

/** Which GINA host: the default name for the domain, one the tenant has, or another name. */
export { type GinaChoice, ginaHostOf } from './domain-checks.js';

export function ginaHostReasons(choice: GinaChoice, domainAscii: string): ReasonLike[] {
  return ginaProblems(choice, domainAscii, msg('Enter the GINA host name, such as securemail.example.ch.', { id: 'gina.required' }));
}

export interface GinaHostField {
  domainAscii: string;
  /** The tenant's GINA hosts, offered for sharing. */
  existing: readonly string[];
  choice: GinaChoice;
  serverReasons: readonly ReasonLike[];
  attempted: boolean;
  onChange: (choice: GinaChoice) => void;
}

/** The GINA host: `securemail.<domain>`, one of the tenant's hosts (shared), or another name. */
export function renderGinaHostField({ domainAscii, existing, choice, serverReasons, attempted, onChange }: GinaHostField): TemplateResult {
  const suggested = defaultGinaHost(domainAscii);
  const others = [...new Set(existing)].filter((host) => host !== suggested);
  const reasons = [...(attempted || choice.kind === 'custom' ? ginaHostReasons(choice, domainAscii) : []), ...serverReasons];
  const invalid = attempted && reasons.length > 0;
  const customHost = choice.kind === 'custom' ? choice.host : '';
  const describedBy = (id: string) => `${id}${invalid ? ' gina-reasons' : ''}`;
  const radio = (id: string, checked: boolean, next: GinaChoice, label: TemplateResult | string, hint: string, first = false) => html`<div part="choice" class="choice">
    <input type="radio" id=${id} name="gina" .checked=${live(checked)} ?data-autofocus=${first}
      aria-invalid=${invalid && checked && next.kind !== 'custom' ? 'true' : 'false'} aria-describedby=${describedBy(`${id}-hint`)} @change=${() => onChange(next)} />
    <label for=${id}>${label}</label>
    <p class="hint" id="${id}-hint">${hint}</p>
  </div>`;
  return html`<fieldset part="gina-hosts">
    <legend part="label">${msg('GINA host', { id: 'gina.legend' })}</legend>
    <p class="hint">${msg('Recipients open encrypted mail on this web mail host. It needs a CNAME record in your DNS; several domains of one tenant may share it.', { id: 'gina.explain' })}</p>
    ${radio('gina-default', choice.kind === 'default', { kind: 'default' }, html`<span class="code">${displayName(suggested)}</span>`,
      msg('The usual name for this domain.', { id: 'gina.default-hint' }), true)}
    ${others.map((host, i) => radio(`gina-existing-${i}`, choice.kind === 'existing' && choice.host === host, { kind: 'existing', host },
      html`<span class="code">${displayName(host)}</span>`, msg('Already a GINA host of this tenant: shared with its other domains.', { id: 'gina.existing-hint' })))}
    ${radio('gina-custom', choice.kind === 'custom', { kind: 'custom', host: customHost },
      msg('Another host name', { id: 'gina.custom' }), msg('A host name of your own, such as webmail.example.ch.', { id: 'gina.custom-hint' }))}
    <div part="field" class="field custom-host">
      <label part="label" for="gina-custom-host">${msg('Host name', { id: 'gina.custom-label' })}</label>
      <input part="control" id="gina-custom-host" type="text" autocomplete="off" autocapitalize="off" spellcheck="false"
        aria-invalid=${invalid && choice.kind === 'custom' ? 'true' : 'false'} aria-describedby=${describedBy('gina-custom-hint')}
        .value=${live(customHost)} @input=${(e: InputEvent) => onChange({ kind: 'custom', host: (e.target as HTMLInputElement).value })} />
    </div>
    <div aria-live="polite">${renderReasons('gina-reasons', reasons)}</div>
  </fieldset>`;
}
