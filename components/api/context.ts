import { createContext } from '@lit/context';
import type { ApiClient } from './client.js';

/** The API client that an ancestor (`services-provider`, or any of our elements) offers. */
export const apiClientContext = createContext<ApiClient | undefined>(Symbol.for('seppmail-cloud.api-client'));
