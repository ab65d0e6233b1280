import { z } from 'zod';
import { unsafeTextReason } from '../../domain/text.js';

/**
 * A text that people read (a tenant's name, a phone number, an invoice reference, a discount's
 * reason): trimmed, at most `max` characters, and free of what could hide or reorder what is
 * shown (control characters, bidirectional overrides and the like; domain/text.ts).
 */
export function displayText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .superRefine((text, ctx) => {
      const reason = unsafeTextReason(text);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });
}
