import { describe, expect, it } from 'vitest';
import {
  asciiName,
  EMPTY_WIZARD_DATA,
  firstStepConcerned,
  needsGina,
  stepAfter,
  stepBefore,
  stepOfPath,
  stepProblems,
  wizardBody,
  type WizardData,
  wizardSteps,
} from '../../components/add-domain-wizard/wizard-steps.js';

const required = { name: 'name required', mode: 'mode required', ginaHost: 'host required' };
const data = (over: Partial<WizardData>): WizardData => ({ ...EMPTY_WIZARD_DATA, ...over });
const paths = (problems: { path: string }[]) => problems.map((p) => p.path);
const codes = (problems: object[]) => problems.map((p) => ('code' in p ? p.code : 'required'));

describe('the wizard steps', () => {
  it('has a GINA step only while sign+encrypt is booked, and only once a mode is chosen', () => {
    expect(wizardSteps(data({}), 'CH')).toEqual(['name', 'mode', 'services', 'summary']);
    expect(wizardSteps(data({ chosen: ['SC-SIGENC'] }), 'CH')).toEqual(['name', 'mode', 'services', 'summary']);
    expect(needsGina(data({ mode: 'inline', chosen: ['SC-SIGENC'] }), 'CH')).toBe(true);
    expect(wizardSteps(data({ mode: 'inline', chosen: ['SC-SIGENC'] }), 'CH')).toEqual(['name', 'mode', 'services', 'gina', 'summary']);
    // HIN requires sign+encrypt: it brings the GINA step too.
    expect(needsGina(data({ mode: 'inline', chosen: ['SC-HIN'] }), 'CH')).toBe(true);
  });

  it('goes back and on within the steps in effect', () => {
    const steps = wizardSteps(data({}), 'CH');
    expect(stepBefore('name', steps)).toBeUndefined();
    expect(stepBefore('services', steps)).toBe('mode');
    expect(stepAfter('services', steps)).toBe('summary');
    expect(stepAfter('summary', steps)).toBeUndefined();
  });

  it('takes a refusal to the step of its field, else to the summary', () => {
    const withGina = wizardSteps(data({ mode: 'inline', chosen: ['SC-SIGENC'] }), 'CH');
    const without = wizardSteps(data({}), 'CH');
    expect(stepOfPath('name', without)).toBe('name');
    expect(stepOfPath('ms365TenantId', without)).toBe('mode');
    expect(stepOfPath('services[2]', without)).toBe('services');
    expect(stepOfPath('ginaHost', withGina)).toBe('gina');
    expect(stepOfPath('ginaHost', without)).toBe('summary');
    expect(stepOfPath('tenant', without)).toBe('summary');
    expect(firstStepConcerned(['services', 'name'], without)).toBe('name');
    expect(firstStepConcerned(['x'], without)).toBe('summary');
    expect(firstStepConcerned([], without)).toBe('summary');
  });
});

describe('the guards of the steps', () => {
  it('asks for a domain name the rules allow', () => {
    expect(stepProblems('name', data({}), 'CH', required)).toEqual([{ path: 'name', message: 'name required' }]);
    expect(stepProblems('name', data({ name: 'example.ch' }), 'CH', required)).toEqual([]);
    expect(paths(stepProblems('name', data({ name: 'not a name' }), 'CH', required))).toContain('name');
  });

  it('asks for a mode and a GUID as the Microsoft 365 tenant ID, if one is given', () => {
    expect(stepProblems('mode', data({}), 'CH', required)).toEqual([{ path: 'mode', message: 'mode required' }]);
    expect(stepProblems('mode', data({ mode: 'parallel' }), 'CH', required)).toEqual([]);
    expect(codes(stepProblems('mode', data({ mode: 'parallel', ms365TenantId: 'nope' }), 'CH', required))).toEqual(['ms365-tenant-id-invalid']);
  });

  it('checks the services with the mode and the country', () => {
    expect(stepProblems('services', data({ mode: 'inline', chosen: ['SC-SIGENC'] }), 'CH', required)).toEqual([]);
    expect(codes(stepProblems('services', data({ mode: 'inline', chosen: ['SC-HIN'] }), 'DE', required))).toEqual(['hin-needs-switzerland']);
  });

  it('asks for a GINA host the rules allow', () => {
    const sigenc = { mode: 'inline' as const, chosen: ['SC-SIGENC' as const], name: 'example.ch' };
    expect(stepProblems('gina', data(sigenc), 'CH', required)).toEqual([]);
    expect(stepProblems('gina', data({ ...sigenc, gina: { kind: 'custom', host: ' ' } }), 'CH', required)).toEqual([{ path: 'ginaHost', message: 'host required' }]);
    expect(stepProblems('summary', data({}), 'CH', required)).toEqual([]);
  });
});

describe('the order', () => {
  it('sends the managed name, the mode and the services without the base service', () => {
    expect(asciiName(data({ name: ' Example.CH ' }))).toBe('example.ch');
    expect(wizardBody(data({ name: 'Example.ch', mode: 'inline', chosen: ['SC-F-OUTBOUND'] }), 'CH')).toEqual({
      name: 'example.ch',
      mode: 'inline',
      services: ['SC-F-INBOUND', 'SC-F-OUTBOUND'],
    });
  });

  it('adds the Microsoft 365 tenant ID when given and the GINA host when sign+encrypt is booked', () => {
    const body = wizardBody(data({ name: 'example.ch', mode: 'inline', chosen: ['SC-SIGENC'], ms365TenantId: ' 0b2c3d4e-0000-4000-8000-000000000000 ' }), 'CH');
    expect(body.ms365TenantId).toBe('0b2c3d4e-0000-4000-8000-000000000000');
    expect(body.services).toEqual(['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT']);
    expect(body.ginaHost).toBe('securemail.example.ch');
    expect(wizardBody(data({ name: 'example.ch', mode: 'inline', chosen: ['SC-SIGENC'], gina: { kind: 'existing', host: 'mail.example.ch' } }), 'CH').ginaHost).toBe('mail.example.ch');
    expect(wizardBody(data({ name: 'example.ch', mode: 'inline' }), 'CH')).not.toHaveProperty('ginaHost');
  });
});
