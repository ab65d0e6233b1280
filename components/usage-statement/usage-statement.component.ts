import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { TenantSummary } from '../../domain/api.js';
import { todayIn } from '../../domain/dates.js';
import { ApiElement } from '../api/api-element.js';
import type { ApiClient, UsageLine, UsageQuery } from '../api/client.js';
import { emit } from '../events.js';
import { formatAmount, formatDiscount, formatMonth, formatNumber } from '../i18n/format.js';
import { serviceLabel } from '../i18n/labels.js';
import { Caller } from '../internal/caller.js';
import { saveBlob } from '../internal/download.js';
import { errorAdvice, renderError, renderLoading, renderRefreshButton } from '../internal/states.js';
import { styles } from './usage-statement.styles.js';
import { displayName } from '../../domain/punycode.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, UsageDownloadDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

/** The tenant filter lists at most this many tenants (the BFF pages by 100); `tenant-id` names any other. */
const MAX_TENANTS = 1000;
const TENANT_PAGE = 100;

type Format = 'csv' | 'json';

/** Every tenant in scope by name, up to {@link MAX_TENANTS}: the first page, then the others at once. */
async function tenantsInScope(client: ApiClient, signal: AbortSignal): Promise<TenantSummary[]> {
  const first = await client.tenants({ sort: 'name', limit: TENANT_PAGE }, signal);
  const offsets: number[] = [];
  for (let offset = first.items.length; offset < Math.min(first.total, MAX_TENANTS) && first.limit > 0; offset += first.limit) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => client.tenants({ sort: 'name', limit: TENANT_PAGE, offset }, signal)));
  return [first, ...rest].flatMap((page) => page.items);
}

/**
 * @summary The usage statement of a month: one line per tenant, domain, service and month
 * with the counted users, the discount and its reason, the unit price and the total, the
 * totals per currency, and downloads as CSV and JSON.
 *
 * Prices are for `Sales` and `ALL` at partner or SEPPmail level: anyone else sees a message
 * saying so, and the element asks the BFF nothing. The month defaults to the current one (in
 * Europe/Zurich, as billing counts); the tenant filter lists the tenants in the caller's scope.
 * Amounts are formatted exactly (never as binary floats) in the page's language.
 *
 * A download fetches the file with the bearer token and saves it through an object URL;
 * `usage-download` (cancelable) comes first, so that a host can handle the file itself.
 *
 * @fires usage-download - A file is about to be saved; `detail: {format, fileName, blob}`. Cancel it to save or send the file yourself.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart header - The heading and the buttons.
 * @csspart heading - The heading.
 * @csspart toolbar - The buttons.
 * @csspart download-csv-button - "Download CSV".
 * @csspart download-json-button - "Download JSON".
 * @csspart refresh-button - "Refresh data".
 * @csspart filters - The month and tenant controls.
 * @csspart field - A label with its control.
 * @csspart label - A control's label.
 * @csspart month-input - The month picker (`<input type="month">`).
 * @csspart tenant-select - The tenant filter.
 * @csspart announcements - The polite live region: what is shown, what was downloaded.
 * @csspart announcement - The line in it that says which file was downloaded.
 * @csspart summary - "12 lines for November 2026".
 * @csspart download-error - Why the last download failed, and what to do.
 * @csspart table-scroll - Scrolls the table sideways where it is too wide.
 * @csspart table - The statement.
 * @csspart header-row - The row of column headers.
 * @csspart header-cell - A column header.
 * @csspart row - A line.
 * @csspart cell - A cell.
 * @csspart code - A tenant's ID or a service's code.
 * @csspart total-row - The total of one currency.
 * @csspart total-label - Its label.
 * @csspart total-amount - Its amount.
 * @csspart refusal - The message for callers who may not see prices.
 * @csspart empty - The message when the month has no chargeable usage.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the statement could not be loaded, with its Retry button.
 *
 * @cssprop --sc-usage-statement-total-background - The background of the totals.
 * @keyboard Tab - Goes from the month to the tenant filter and the CSV and JSON downloads; changing either field loads the statement again.
 * @tagname usage-statement
 */
@localized()
export class UsageStatement extends ApiElement {
  static override styles = styles;

  /** The month shown, `YYYY-MM`; the current month unless set. */
  @property({ reflect: true }) month: string = todayIn(new Date()).slice(0, 7);

  /** One tenant's lines only; unset (or empty) shows every tenant in scope. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  @state() private downloading?: Format;
  @state() private announcement = '';
  @state() private downloadError?: string;

  private readonly caller = new Caller(this, () => this.client);

  /** Whether the caller may see prices; undefined until the caller is known (for this client). */
  private get allowed(): boolean | undefined {
    return this.caller.may('prices.view');
  }

  private readonly tenantsTask = new Task(this, {
    task: async ([client, allowed], { signal }) => (allowed ? tenantsInScope(client, signal) : undefined),
    args: () => [this.client, this.allowed] as const,
  });

  private readonly statementTask = new Task(this, {
    task: async ([client, allowed, month, tenant], { signal }) => (allowed ? client.usage({ month, tenant }, signal) : undefined),
    args: () => [this.client, this.allowed, this.month, this.tenantId || undefined] as const,
  });

  /** Loads the statement and the tenants again. */
  refresh(): void {
    void this.statementTask.run();
    void this.tenantsTask.run();
  }

  private get query(): UsageQuery {
    return { month: this.month, tenant: this.tenantId || undefined };
  }

  private changeMonth(value: string): void {
    // A cleared picker keeps the month it showed.
    if (/^\d{4}-\d{2}$/.test(value)) this.month = value;
  }

  private async download(format: Format): Promise<void> {
    if (this.downloading) return;
    const query = this.query;
    this.downloading = format;
    this.announcement = '';
    this.downloadError = undefined;
    try {
      const file = await this.client.usageFile(query, format);
      const fileName = file.fileName ?? `usage-${query.month}${query.tenant ? `-${query.tenant}` : ''}.${format}`;
      if (emit(this, 'usage-download', { format, fileName, blob: file.blob }, { cancelable: true })) {
        saveBlob(file.blob, fileName, this.renderRoot);
        this.announcement = msg(str`Downloaded ${fileName}.`, { id: 'usage.downloaded' });
      }
    } catch (error) {
      const { summary, next, requestId } = errorAdvice(error);
      const what = msg('The download failed.', { id: 'usage.download-error' });
      this.downloadError = [what, summary, next, requestId ? `(${requestId})` : ''].filter(Boolean).join(' ');
    } finally {
      this.downloading = undefined;
    }
  }

  override render(): TemplateResult {
    const allowed = this.allowed;
    return html`
      <div part="header" class="toolbar">
        <h2 id="heading" part="heading" class="heading grow">${msg('Usage statement', { id: 'usage.heading' })}</h2>
        ${allowed
          ? html`<div part="toolbar" class="toolbar-actions">
              ${this.renderDownloadButton('csv', msg('Download CSV', { id: 'usage.download-csv' }))}
              ${this.renderDownloadButton('json', msg('Download JSON', { id: 'usage.download-json' }))}
              ${renderRefreshButton(() => this.refresh())}
            </div>`
          : nothing}
      </div>
      ${allowed ? this.renderFilters() : nothing}
      ${allowed
        ? html`<div part="announcements" class="announcements" role="status">
            ${this.renderSummary()}
            ${this.announcement ? html`<p part="announcement" class="notice">${this.announcement}</p>` : nothing}
          </div>`
        : nothing}
      ${this.downloadError ? html`<p part="download-error" class="notice error" role="alert">${this.downloadError}</p>` : nothing}
      ${this.renderContent()}
    `;
  }

  private renderDownloadButton(format: Format, label: string): TemplateResult {
    return html`<button part="download-${format}-button" class="button" type="button"
      aria-disabled=${this.downloading === format ? 'true' : 'false'} @click=${() => void this.download(format)}>${label}</button>`;
  }

  private renderFilters(): TemplateResult {
    const tenants = this.tenantsTask.value ?? [];
    const selected = this.tenantId ?? '';
    const listed = selected === '' || tenants.some((t) => t.id === selected);
    return html`<div part="filters" class="filters">
      <label part="field" class="field">
        <span part="label">${msg('Month', { id: 'usage.month' })}</span>
        <input part="month-input" id="month" type="month" required .value=${this.month}
          @change=${(e: Event) => this.changeMonth((e.target as HTMLInputElement).value)} />
      </label>
      <label part="field" class="field">
        <span part="label">${msg('Tenant', { id: 'usage.tenant' })}</span>
        <select part="tenant-select" id="tenant" aria-busy=${this.tenantsTask.status === TaskStatus.PENDING ? 'true' : 'false'}
          @change=${(e: Event) => (this.tenantId = (e.target as HTMLSelectElement).value || undefined)}>
          <option value="" ?selected=${selected === ''}>${msg('All tenants', { id: 'usage.all-tenants' })}</option>
          ${tenants.map((t) => html`<option value=${t.id} ?selected=${t.id === selected}>${t.name} (${t.id})</option>`)}
          ${listed ? nothing : html`<option value=${selected} selected>${selected}</option>`}
        </select>
      </label>
    </div>`;
  }

  private renderSummary(): TemplateResult | typeof nothing {
    const statement = this.statementTask.value;
    if (!statement || this.statementTask.status !== TaskStatus.COMPLETE) return nothing;
    const month = formatMonth(statement.month);
    const count = statement.lines.length;
    return html`<p part="summary" class="muted">${count === 1
      ? msg(str`1 line for ${month}`, { id: 'usage.summary-one' })
      : msg(str`${formatNumber(count)} lines for ${month}`, { id: 'usage.summary' })}</p>`;
  }

  private renderContent(): TemplateResult {
    const gate = this.caller.gate('prices.view', {
      loading: msg('Loading the usage statement…', { id: 'usage.loading' }),
      refused: msg('Only the roles Sales and ALL, at partner or SEPPmail level, see prices and the usage statement.', { id: 'usage.refused' }),
    });
    if (gate) return gate;
    if (this.statementTask.status === TaskStatus.ERROR)
      return renderError(msg('The usage statement could not be loaded.', { id: 'usage.load-error' }), this.statementTask.error, () => this.refresh());
    const statement = this.statementTask.value;
    if (!statement) return renderLoading(msg('Loading the usage statement…', { id: 'usage.loading' }));
    if (statement.lines.length === 0) {
      return html`<div part="empty" class="state">
        <p>${msg(str`No chargeable usage in ${formatMonth(statement.month)}.`, { id: 'usage.empty' })}</p>
        <p>${msg('Only deployed services with counted users are billed. Choose another month or tenant.', { id: 'usage.empty-next' })}</p>
      </div>`;
    }
    return html`<div part="table-scroll" class="table-scroll" role="region" aria-labelledby="heading" tabindex="0">
      <table part="table" aria-labelledby="heading" aria-busy=${this.statementTask.status === TaskStatus.PENDING ? 'true' : 'false'}>
        <thead>
          <tr part="header-row">
            <th part="header-cell" scope="col">${msg('Tenant', { id: 'usage.tenant' })}</th>
            <th part="header-cell" scope="col">${msg('Domain', { id: 'usage.domain' })}</th>
            <th part="header-cell" scope="col">${msg('Service', { id: 'services.service' })}</th>
            <th part="header-cell" scope="col">${msg('Month', { id: 'usage.month' })}</th>
            <th part="header-cell" scope="col" class="number">${msg('Users', { id: 'usage.users' })}</th>
            <th part="header-cell" scope="col" class="number">${msg('Discount (%)', { id: 'services.discount' })}</th>
            <th part="header-cell" scope="col" class="number">${msg('Unit price', { id: 'usage.unit-price' })}</th>
            <th part="header-cell" scope="col" class="number">${msg('Total', { id: 'usage.total' })}</th>
          </tr>
        </thead>
        <tbody>${statement.lines.map((line) => this.renderLine(line))}</tbody>
        <tfoot>
          ${statement.totals.map(({ currency, total }) => html`<tr part="total-row">
            <th part="total-label" scope="row" colspan="7">${msg(str`Total ${currency}`, { id: 'usage.total-currency' })}</th>
            <td part="total-amount" class="number">${formatAmount(total, currency)}</td>
          </tr>`)}
        </tfoot>
      </table>
    </div>`;
  }

  private renderLine(line: UsageLine): TemplateResult {
    const discount = line.discountPercent > 0 ? { percent: line.discountPercent, reason: line.discountReason ?? '' } : null;
    return html`<tr part="row">
      <td part="cell">${line.tenantName} <span part="code" class="code">${line.tenantId}</span></td>
      <td part="cell">${displayName(line.domain)}</td>
      <td part="cell">${serviceLabel(line.service)} <span part="code" class="code">${line.service}</span></td>
      <td part="cell">${formatMonth(line.month)}</td>
      <td part="cell" class="number">${formatNumber(line.quantity)}</td>
      <td part="cell" class="number">${formatDiscount(discount)}</td>
      <td part="cell" class="number">${formatAmount(line.unitPrice, line.currency)}</td>
      <td part="cell" class="number">${formatAmount(line.total, line.currency)}</td>
    </tr>`;
  }
}
