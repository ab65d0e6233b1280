import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { can } from '../../domain/roles.js';
import { ApiElement } from '../api/api-element.js';
import type { CheckedDnsRecord, DnsCheck } from '../api/client.js';
import { emit } from '../events.js';
import { dnsPurposeLabel } from '../i18n/labels.js';
import { Caller } from '../internal/caller.js';
import { checkIcon, crossIcon } from '../internal/icons.js';
import { errorAdvice, renderError, renderLoading } from '../internal/states.js';
import { styles } from './dns-guide.styles.js';
import { displayNameWithAscii } from '../../domain/punycode.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, DnsCheckedDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

/** A host name or record value that may wrap after its dots (and nowhere else), as it is copied unchanged. */
function breakable(value: string): TemplateResult {
  const parts = value.split('.');
  return html`${parts.map((part, i) => (i < parts.length - 1 ? html`<span class="label">${part}.</span><wbr>` : html`<span class="label">${part}</span>`))}`;
}

/**
 * @summary What a domain in provisioning waits for: the DNS records to publish (type, name,
 * value, what each is for) and whether DNS answers each now, what to do next, and for those who
 * may change deployment settings a "Check DNS now" button.
 *
 * The records are looked up when the element loads and on `refresh()`. "Check DNS now" asks
 * the BFF to check them at once: when all are published, the domain's services become
 * provisioned (deployed) and billing starts; the element fires `dns-checked` either way, so a
 * host can load the domain again.
 *
 * @fires dns-checked - A check ran; `detail: {domainId, records, provisioned}` with the numbers of the services it provisioned.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart guide - The whole guide.
 * @csspart heading - Its heading.
 * @csspart explanation - What to do next.
 * @csspart table-scroll - Scrolls the table sideways where it is too wide.
 * @csspart table - The records.
 * @csspart header-row - The row of column headers.
 * @csspart header-cell - A column header.
 * @csspart row - A record; also `record-present` or `record-missing`.
 * @csspart cell - A cell.
 * @csspart value - A record's name or value, to copy.
 * @csspart published - "Yes" or "No", with an icon; also `published-yes` or `published-no`.
 * @csspart none - The message when the domain needs no record.
 * @csspart footer - The summary, the check's result and the button.
 * @csspart summary - How many records are published.
 * @csspart check-result - What the last check found (a polite live region).
 * @csspart check-button - "Check DNS now".
 * @csspart loading - The loading message.
 * @csspart error - The panel when the records could not be loaded, with its Retry button.
 *
 * @cssprop --sc-dns-guide-present-color - The colour of "Yes" (defaults to the success colour).
 * @cssprop --sc-dns-guide-missing-color - The colour of "No" (defaults to the danger colour).
 * @keyboard Enter, Space - On "Check DNS now", asks the BFF to check the records at once.
 * @tagname dns-guide
 */
@localized()
export class DnsGuide extends ApiElement {
  static override styles = styles;

  /** The domain whose records are shown. */
  @property({ attribute: 'domain-id' }) domainId?: string;

  /** The domain's name, for the explanation. */
  @property({ attribute: 'domain-name' }) domainName?: string;

  /** The records as last looked up or checked. */
  @state() private records?: CheckedDnsRecord[];
  /** What the last check found, for the live region; empty until a check ran. */
  @state() private checkResult = '';

  private readonly caller = new Caller(this, () => this.client);

  /** The caller's lookup, which the element's tests wait for. */
  protected get meTask(): Caller['task'] {
    return this.caller.task;
  }

  private readonly recordsTask = new Task(this, {
    task: ([client, domainId], { signal }) => (domainId ? client.dnsRecords(domainId, signal) : undefined),
    args: () => [this.client, this.domainId] as const,
    onComplete: (records) => (this.records = records),
  });

  private readonly checkTask = new Task(this, {
    autoRun: false,
    task: ([domainId]: readonly [string]): Promise<DnsCheck> => this.client.dnsCheck(domainId, crypto.randomUUID()),
    onComplete: ({ records, provisioned }) => {
      this.records = records;
      const present = records.filter((r) => r.present).length;
      this.checkResult = present === records.length
        ? msg('Checked just now: every record is published.', { id: 'dns.checked-all' })
        : msg(str`Checked just now: ${present} of ${records.length} records are published.`, { id: 'dns.checked-some' });
      emit(this, 'dns-checked', { domainId: this.domainId!, records, provisioned });
    },
    onError: (error) => {
      const { summary, next } = errorAdvice(error);
      this.checkResult = `${msg('The DNS check failed.', { id: 'dns.check-failed' })} ${summary} ${next}`;
    },
  });

  /** Looks the records up again. */
  refresh(): void {
    void this.recordsTask.run();
  }

  private check(): void {
    if (!this.domainId || this.checkTask.status === TaskStatus.PENDING) return;
    this.checkResult = '';
    void this.checkTask.run([this.domainId]);
  }

  private get mayCheck(): boolean {
    const me = this.caller.me;
    return me !== undefined && can(me, 'deployment.settings');
  }

  override render(): TemplateResult {
    // People read the Unicode form; the records name the punycode, so both are shown.
    const domain = this.domainName ? displayNameWithAscii(this.domainName) : undefined;
    // Not a landmark: a page may hold one guide per domain. The heading names the domain, so
    // that each guide's table region has a name of its own.
    return html`<div part="guide" class="guide">
      <h4 id="dns-heading" part="heading">${domain
        ? msg(str`DNS records to publish for ${domain}`, { id: 'dns.heading-domain' })
        : msg('DNS records to publish', { id: 'dns.heading' })}</h4>
      <p part="explanation" class="explanation">
        ${domain
          ? msg(str`The services of ${domain} stay Provisioning until seppmail.cloud finds every record below in public DNS. Publish the missing ones at the DNS provider of the domain; seppmail.cloud checks regularly, and “Check DNS now” checks at once. Billing starts when the services are deployed.`, { id: 'dns.explanation-domain' })
          : msg('The services of this domain stay Provisioning until seppmail.cloud finds every record below in public DNS. Publish the missing ones at the DNS provider of the domain; seppmail.cloud checks regularly, and “Check DNS now” checks at once. Billing starts when the services are deployed.', { id: 'dns.explanation' })}
      </p>
      ${this.renderRecords()}
      <div part="footer" class="footer">
        <div class="grow">
          ${this.records && this.records.length > 0 ? html`<p part="summary">${this.summary(this.records)}</p>` : nothing}
          <p part="check-result" role="status" class=${this.checkTask.status === TaskStatus.ERROR ? 'error' : ''}>${this.checkResult}</p>
        </div>
        ${this.mayCheck && this.domainId
          ? html`<button part="check-button" class="button" type="button" aria-disabled=${this.checkTask.status === TaskStatus.PENDING ? 'true' : 'false'}
              @click=${() => this.check()}>${this.checkTask.status === TaskStatus.PENDING
                ? msg('Checking DNS…', { id: 'dns.checking' })
                : msg('Check DNS now', { id: 'dns.check' })}</button>`
          : nothing}
      </div>
    </div>`;
  }

  private summary(records: readonly CheckedDnsRecord[]): string {
    const missing = records.filter((r) => !r.present).length;
    return missing === 0
      ? msg('Every record is published.', { id: 'dns.summary-all' })
      : msg(str`${missing} of ${records.length} records are not published yet.`, { id: 'dns.summary-missing' });
  }

  private renderRecords(): TemplateResult {
    if (this.recordsTask.status === TaskStatus.ERROR && !this.records)
      return renderError(msg('The DNS records could not be loaded.', { id: 'dns.load-error' }), this.recordsTask.error, () => this.refresh());
    if (!this.records) return renderLoading(msg('Looking up the DNS records…', { id: 'dns.loading' }));
    if (this.records.length === 0)
      return html`<p part="none" class="state">${msg('This domain needs no DNS record from you: its services are deployed at the next check.', { id: 'dns.none' })}</p>`;
    return html`<div part="table-scroll" class="table-scroll" role="region" aria-labelledby="dns-heading" tabindex="0">
      <table part="table" aria-labelledby="dns-heading">
        <thead>
          <tr part="header-row">
            <th part="header-cell" scope="col">${msg('Type', { id: 'dns.type' })}</th>
            <th part="header-cell" scope="col">${msg('Name', { id: 'dns.name' })}</th>
            <th part="header-cell" scope="col">${msg('Value', { id: 'dns.value' })}</th>
            <th part="header-cell" scope="col">${msg('Published', { id: 'dns.published' })}</th>
            <th part="header-cell" scope="col">${msg('Purpose', { id: 'dns.purpose' })}</th>
          </tr>
        </thead>
        <tbody>
          ${this.records.map((record) => html`<tr part="row ${record.present ? 'record-present' : 'record-missing'}">
            <td part="cell" class="code">${record.type}</td>
            <td part="cell"><span part="value" class="value">${breakable(record.name)}</span></td>
            <td part="cell"><span part="value" class="value">${breakable(record.value)}</span></td>
            <td part="cell">${record.present
              ? html`<span part="published published-yes" class="published yes">${checkIcon}${msg('Yes', { id: 'dns.published-yes' })}</span>`
              : html`<span part="published published-no" class="published no">${crossIcon}${msg('No', { id: 'dns.published-no' })}</span>`}</td>
            <td part="cell">${dnsPurposeLabel(record.purpose)}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }
}
