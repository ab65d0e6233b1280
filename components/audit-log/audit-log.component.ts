import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiElement } from '../api/api-element.js';
import type { ApiClient, AuditEntry, AuditPage } from '../api/client.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { auditActionLabel, entityTypeLabel, levelLabel } from '../i18n/labels.js';
import { Caller } from '../internal/caller.js';
import { renderError, renderLoading, renderRefreshButton } from '../internal/states.js';
import { changedFields } from './audit-diff.js';
import { styles } from './audit-log.styles.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';

/**
 * @summary Who changed what and when: the audit events within the caller's scope, newest
 * first, of one tenant or of all, with "Load older" for the pages before.
 *
 * Each entry says when (date and time in the page's language and the viewer's time zone),
 * who (name, level and organisation), what (the action and the entity), the request ID, and
 * in a disclosure the fields that changed, before and after. The audit log is for the roles
 * `Audit` and `ALL`: anyone else sees a message saying so, and the element asks the BFF
 * nothing. After "Load older" the focus goes to the first entry loaded.
 *
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart header - The heading and the buttons.
 * @csspart heading - The heading.
 * @csspart toolbar - The buttons.
 * @csspart refresh-button - "Refresh data": loads the newest entries again.
 * @csspart entries - The list of entries.
 * @csspart entry - One entry.
 * @csspart entry-heading - Its heading: the action and the entity (it takes the focus after "Load older").
 * @csspart action - The action in words.
 * @csspart entity - The entity's kind and ID.
 * @csspart facts - When, who, tenant and request ID.
 * @csspart time - The `<time>` of the entry.
 * @csspart actor - Who made the change.
 * @csspart request-id - The request ID.
 * @csspart changes - The `<details>` with the changed fields.
 * @csspart changes-summary - Its summary: how many fields changed.
 * @csspart diff - The table of changed fields.
 * @csspart diff-header-row - The diff's column headers.
 * @csspart diff-header-cell - One of them.
 * @csspart diff-row - One changed field.
 * @csspart field - A field's name.
 * @csspart before - The value before.
 * @csspart after - The value after.
 * @csspart no-changes - Said when an entry records no changed field.
 * @csspart more - The room for "Load older" or the end of the log.
 * @csspart load-older-button - "Load older".
 * @csspart end - "No older entries."
 * @csspart refusal - The message for callers who may not read the audit log.
 * @csspart empty - The message when there is no entry.
 * @csspart loading - The loading message.
 * @csspart error - The panel when entries could not be loaded, with its Retry button.
 *
 * @cssprop --sc-audit-log-entry-gap - The space between two entries.
 * @keyboard Enter, Space - On an entry's changes, shows or hides the fields that changed, before and after.
 * @keyboard Enter, Space - On "Load older", loads the entries before; the focus goes to the first one loaded.
 * @tagname audit-log
 */
@localized()
export class AuditLog extends ApiElement {
  static override styles = styles;

  /** Only this tenant's entries; unset shows every entry in the caller's scope. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  /** Entries per page (the BFF caps it at 200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** The pages loaded with "Load older", after the first. */
  @state() private older: AuditPage[] = [];

  private readonly caller = new Caller(this, () => this.client);

  /** Whether the caller may read the audit log; undefined until the caller is known (for this client). */
  private get allowed(): boolean | undefined {
    return this.caller.may('audit.read');
  }

  private readonly firstTask = new Task(this, {
    task: async ([client, allowed, tenant, limit], { signal }) => (allowed ? client.audit({ tenant, limit }, signal) : undefined),
    args: () => [this.client, this.allowed, this.tenantId || undefined, this.pageSize] as const,
    onComplete: () => (this.older = []),
  });

  private readonly olderTask = new Task(this, {
    autoRun: false,
    task: ([client, tenant, limit, before]: readonly [ApiClient, string | undefined, number, number], { signal }) =>
      client.audit({ tenant, limit, before }, signal),
    onComplete: async (page) => {
      this.older = [...this.older, page];
      await this.updateComplete;
      const first = page.items[0];
      if (first) this.renderRoot.querySelector<HTMLElement>(`#entry-${first.id}`)?.focus();
    },
  });

  /** Loads the newest entries again (and forgets the older pages). */
  refresh(): void {
    void this.firstTask.run();
  }

  private get nextBefore(): number | null {
    return (this.older.at(-1) ?? this.firstTask.value)?.nextBefore ?? null;
  }

  private loadOlder(): void {
    const before = this.nextBefore;
    if (before === null || this.olderTask.status === TaskStatus.PENDING) return;
    void this.olderTask.run([this.client, this.tenantId || undefined, this.pageSize, before]);
  }

  override render(): TemplateResult {
    return html`
      <div part="header" class="toolbar">
        <h2 id="heading" part="heading" class="heading grow">
          ${this.tenantId ? msg(str`Audit log of ${this.tenantId}`, { id: 'audit.heading-tenant' }) : msg('Audit log', { id: 'audit.heading' })}
        </h2>
        ${this.allowed ? html`<div part="toolbar">${renderRefreshButton(() => this.refresh())}</div>` : nothing}
      </div>
      ${this.renderContent()}
    `;
  }

  private renderContent(): TemplateResult {
    const gate = this.caller.gate('audit.read', {
      loading: msg('Loading the audit log…', { id: 'audit.loading' }),
      refused: msg('Only the roles Audit and ALL read the audit log.', { id: 'audit.refused' }),
    });
    if (gate) return gate;
    if (this.firstTask.status === TaskStatus.ERROR)
      return renderError(msg('The audit log could not be loaded.', { id: 'audit.load-error' }), this.firstTask.error, () => this.refresh());
    const first = this.firstTask.value;
    if (!first) return renderLoading(msg('Loading the audit log…', { id: 'audit.loading' }));
    const entries = [first, ...this.older].flatMap((page) => page.items);
    if (entries.length === 0)
      return html`<div part="empty" class="state"><p>${msg('No changes have been recorded yet.', { id: 'audit.empty' })}</p></div>`;
    return html`<ol part="entries" class="entries" aria-labelledby="heading" aria-busy=${this.firstTask.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${repeat(entries, (entry) => entry.id, (entry) => this.renderEntry(entry))}
      </ol>
      ${this.renderMore()}`;
  }

  private renderEntry(entry: AuditEntry): TemplateResult {
    const { actor } = entry;
    const who = [actor.name, levelLabel(actor.level), actor.org].filter(Boolean).join(' · ');
    return html`<li part="entry" class="entry">
      <h3 part="entry-heading" id="entry-${entry.id}" tabindex="-1">
        <span part="action">${auditActionLabel(entry.action)}</span>
        <span part="entity" class="entity">${entityTypeLabel(entry.entity.type)} <span class="code">${entry.entity.id}</span></span>
      </h3>
      <dl part="facts" class="facts">
        <div><dt>${msg('When', { id: 'audit.when' })}</dt><dd><time part="time" datetime=${entry.at}>${formatDateTime(entry.at)}</time></dd></div>
        <div><dt>${msg('Who', { id: 'audit.who' })}</dt><dd part="actor">${who}</dd></div>
        ${entry.tenantId && !this.tenantId
          ? html`<div><dt>${msg('Tenant', { id: 'usage.tenant' })}</dt><dd class="code">${entry.tenantId}</dd></div>`
          : nothing}
        <div><dt>${msg('Request ID', { id: 'audit.request-id' })}</dt><dd part="request-id" class="code">${entry.requestId ?? '–'}</dd></div>
      </dl>
      ${this.renderChanges(entry)}
    </li>`;
  }

  private renderChanges(entry: AuditEntry): TemplateResult {
    const changes = changedFields(entry.before, entry.after);
    if (changes.length === 0) return html`<p part="no-changes" class="muted">${msg('No field changed.', { id: 'audit.no-changes' })}</p>`;
    const absent = html`<span class="muted">${msg('(none)', { id: 'audit.absent' })}</span>`;
    return html`<details part="changes" class="changes">
      <summary part="changes-summary">${changes.length === 1
        ? msg('1 field changed', { id: 'audit.changed-one' })
        : msg(str`${formatNumber(changes.length)} fields changed`, { id: 'audit.changed' })}</summary>
      <table part="diff">
        <thead>
          <tr part="diff-header-row">
            <th part="diff-header-cell" scope="col">${msg('Field', { id: 'audit.field' })}</th>
            <th part="diff-header-cell" scope="col">${msg('Before', { id: 'audit.before' })}</th>
            <th part="diff-header-cell" scope="col">${msg('After', { id: 'audit.after' })}</th>
          </tr>
        </thead>
        <tbody>
          ${changes.map((change) => html`<tr part="diff-row">
            <th part="field" scope="row" class="code">${change.field || msg('value', { id: 'audit.value' })}</th>
            <td part="before" class="value">${change.before ?? absent}</td>
            <td part="after" class="value">${change.after ?? absent}</td>
          </tr>`)}
        </tbody>
      </table>
    </details>`;
  }

  private renderMore(): TemplateResult {
    if (this.olderTask.status === TaskStatus.ERROR)
      return renderError(msg('Older entries could not be loaded.', { id: 'audit.older-error' }), this.olderTask.error, () => this.loadOlder());
    return html`<div part="more" class="more">
      ${this.nextBefore === null
        ? html`<p part="end" class="muted">${msg('No older entries.', { id: 'audit.end' })}</p>`
        : html`<button part="load-older-button" class="button" type="button"
            aria-disabled=${this.olderTask.status === TaskStatus.PENDING ? 'true' : 'false'} @click=${() => this.loadOlder()}>
            ${msg('Load older', { id: 'audit.load-older' })}
          </button>`}
    </div>`;
  }
}
