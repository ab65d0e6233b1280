import { describe, expect, it } from 'vitest';
import { pruneChoice, serviceChoice, toggleService, type ChoiceInput } from '../../components/internal/service-choice.js';

const input = (over: Partial<ChoiceInput>): ChoiceInput => ({ mode: 'inline', active: [], chosen: [], country: 'CH', ...over });
const states = (choice: ReturnType<typeof serviceChoice>) => Object.fromEntries(choice.options.map((o) => [o.code, o.state.kind]));

describe('service choice', () => {
  it('books what the mode requires with a new domain, and offers the rest', () => {
    const choice = serviceChoice(input({}));
    expect(choice.booked).toEqual(['SC-SERVICE', 'SC-F-INBOUND']);
    expect(choice.added).toEqual(['SC-SERVICE', 'SC-F-INBOUND']);
    expect(states(choice)).toMatchObject({ 'SC-SERVICE': 'mode', 'SC-F-INBOUND': 'mode', 'SC-F-OUTBOUND': 'available', 'SC-MS365': 'unavailable', 'SC-HIN': 'available' });
  });

  it('adds what a ticked service requires and says by whom', () => {
    const choice = serviceChoice(input({ chosen: ['SC-SIGENC'] }));
    expect(choice.booked).toEqual(['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT']);
    const outbound = choice.options.find((o) => o.code === 'SC-F-OUTBOUND')!;
    expect(outbound).toEqual({ code: 'SC-F-OUTBOUND', booked: true, state: { kind: 'required', by: ['SC-SIGENC'] } });
    expect(choice.options.find((o) => o.code === 'SC-SIGENC')!.state).toEqual({ kind: 'chosen' });
  });

  it('keeps active services apart and orders only what is new', () => {
    const choice = serviceChoice(input({ active: ['SC-SERVICE', 'SC-F-INBOUND'], chosen: ['SC-F-OUTBOUND'] }));
    expect(choice.added).toEqual(['SC-F-OUTBOUND']);
    expect(states(choice)['SC-SERVICE']).toBe('active');
  });

  it('gives the reasons against a service that would break a rule', () => {
    const hin = serviceChoice(input({ country: 'DE' })).options.find((o) => o.code === 'SC-HIN')!;
    expect(hin.booked).toBe(false);
    expect(hin.state.kind).toBe('unavailable');
    expect(hin.state.kind === 'unavailable' && hin.state.reasons.length).toBeGreaterThan(0);
    const outbound = serviceChoice(input({ mode: 'inline-inbound-only' })).options.find((o) => o.code === 'SC-F-OUTBOUND')!;
    expect(outbound.state.kind).toBe('unavailable');
  });

  it('toggles a service and tells what came with it', () => {
    expect(toggleService(input({}), 'SC-SIGENC', true)).toEqual({ chosen: ['SC-SIGENC'], alsoAdded: ['SC-F-OUTBOUND', 'SC-CERT'] });
    expect(toggleService(input({ chosen: ['SC-SIGENC'] }), 'SC-SIGENC', false)).toEqual({ chosen: [], alsoAdded: [] });
    expect(toggleService(input({ chosen: ['SC-CERT'] }), 'SC-CERT', true).chosen).toEqual(['SC-CERT']);
  });

  it('drops what a new mode no longer allows, keeping the order of the rest', () => {
    expect(pruneChoice(input({ mode: 'parallel', chosen: ['SC-F-OUTBOUND', 'SC-SIGONLY'] }))).toEqual({ chosen: ['SC-SIGONLY'], dropped: ['SC-F-OUTBOUND'] });
    expect(pruneChoice(input({ mode: 'inline', chosen: ['SC-F-OUTBOUND', 'SC-SIGENC'] }))).toEqual({ chosen: ['SC-F-OUTBOUND', 'SC-SIGENC'], dropped: [] });
  });
});
