import { str } from '@lit/localize';
import { msg } from '../i18n/localization.js';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../api/client.js';
import { refreshIcon } from './icons.js';

/** What went wrong and what the person can do about it, for any error a request may throw. */
export function errorAdvice(error: unknown): { summary: string; next: string; requestId?: string } {
  if (error instanceof ApiError) {
    const summary = error.detail ?? error.title;
    const requestId = error.requestId;
    if (error.status === 401)
      return { summary, requestId, next: msg('Your sign-in has expired or is missing. Sign in again, then retry.', { id: 'error.next.401' }) };
    if (error.status === 403)
      return { summary, requestId, next: msg('Your role does not allow this. Ask an administrator who has the right role.', { id: 'error.next.403' }) };
    if (error.status === 404)
      return { summary, requestId, next: msg('It does not exist, or it is outside what you may see. Check the selection, then retry.', { id: 'error.next.404' }) };
    if (error.status >= 500)
      return { summary, requestId, next: msg('The service had a problem. Retry in a moment; if it persists, contact SEPPmail support and quote the request ID.', { id: 'error.next.5xx' }) };
    return { summary, requestId, next: msg('Retry; if it fails again, contact SEPPmail support.', { id: 'error.next.other' }) };
  }
  return {
    summary: error instanceof Error ? error.message : String(error),
    next: msg('The service could not be reached. Check your connection, then retry.', { id: 'error.next.network' }),
  };
}

/** The error panel with the advice and a Retry button. */
export function renderError(heading: string, error: unknown, retry: () => void): TemplateResult {
  const advice = errorAdvice(error);
  return html`<div part="error" class="state error" role="alert">
    <p part="error-heading"><strong>${heading}</strong></p>
    <p part="error-detail">${advice.summary}</p>
    <p part="error-next">${advice.next}</p>
    ${advice.requestId
      ? html`<p part="error-request-id" class="muted">${msg(str`Request ID: ${advice.requestId}`, { id: 'error.request-id' })}</p>`
      : nothing}
    <button part="retry-button" class="button" type="button" @click=${retry}>${msg('Retry', { id: 'common.retry' })}</button>
  </div>`;
}

/** Why an element shows nothing: the caller's role does not allow it, so it asked the BFF nothing. */
export function renderRefusal(text: string): TemplateResult {
  return html`<div part="refusal" class="state" role="note">
    <p>${text}</p>
    <p>${msg('Ask an administrator of your organisation if you need it.', { id: 'refusal.next' })}</p>
  </div>`;
}

export function renderLoading(text: string): TemplateResult {
  return html`<div part="loading" class="state" role="status">${text}</div>`;
}

export function renderRefreshButton(refresh: () => void): TemplateResult {
  return html`<button part="refresh-button" class="button" type="button" @click=${refresh}>
    ${refreshIcon}${msg('Refresh data', { id: 'common.refresh' })}
  </button>`;
}
