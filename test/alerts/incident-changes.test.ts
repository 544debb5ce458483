import { describe, expect, it } from 'vitest';
import { certificateEvents, incidentChanges, incidentUrl } from '../../src/alerts/incident-changes.ts';
import { config, incident, repository } from './helpers.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

const opening = { at: '2026-03-10T10:05Z', status: 'investigating', message: 'Errors on the API.' };
const identified = { at: '2026-03-10T10:30Z', status: 'identified', message: 'A bad deploy.' };
const resolved = { at: '2026-03-10T11:00Z', status: 'resolved', message: 'Rolled back.' };

function apiIncident(updates: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return incident('2026-03-10-api', { title: 'API errors', started: '2026-03-10T10:00Z', affected: { api: 'partial_outage' }, updates, ...extra });
}

describe('incidentChanges', () => {
  it('reports a new incident as opened', () => {
    const events = incidentChanges(repository([]), repository([apiIncident([opening])]), NOW);
    expect(events).toHaveLength(1);
    expect(events[0]!.kind).toBe('opened');
    expect(events[0]!.update?.number).toBe(1);
    expect(events[0]!.status).toBe('investigating');
    expect(events[0]!.impact).toBe('major');
    expect(events[0]!.services).toEqual(['api']);
  });

  it('reports new updates with their status', () => {
    const events = incidentChanges(repository([apiIncident([opening])]), repository([apiIncident([opening, identified])]), NOW);
    expect(events.map((event) => event.kind)).toEqual(['updated']);
    expect(events[0]!.update).toMatchObject({ number: 2, status: 'identified', message: 'A bad deploy.' });
    expect(events[0]!.at.toISOString()).toBe('2026-03-10T10:30:00.000Z');
  });

  it('reports the resolved update as resolved', () => {
    const events = incidentChanges(repository([apiIncident([opening, identified])]), repository([apiIncident([opening, identified, resolved])]), NOW);
    expect(events.map((event) => event.kind)).toEqual(['resolved']);
    expect(events[0]!.update?.number).toBe(3);
    expect(events[0]!.status).toBe('resolved');
  });

  it('reports every step of an incident new in one push', () => {
    const events = incidentChanges(repository([]), repository([apiIncident([opening, identified, resolved])]), NOW);
    expect(events.map((event) => `${event.kind}#${event.update?.number}`)).toEqual(['opened#1', 'updated#2', 'resolved#3']);
  });

  it('resolves an incident recorded without updates', () => {
    const past = incident('2026-03-01-web', { title: 'Web down', started: '2026-03-01T10:00Z', resolved: '2026-03-01T11:00Z', affected: { web: 'major_outage' } });
    const events = incidentChanges(repository([]), repository([past]), NOW);
    expect(events.map((event) => event.kind)).toEqual(['opened', 'resolved']);
    expect(events[1]!.at.toISOString()).toBe('2026-03-01T11:00:00.000Z');
  });

  it('reports an impact change', () => {
    const worse = { ...identified, affected: { api: 'major_outage' } };
    const events = incidentChanges(repository([apiIncident([opening])]), repository([apiIncident([opening, worse])]), NOW);
    expect(events.map((event) => event.kind)).toEqual(['updated', 'impact_changed']);
    expect(events[1]).toMatchObject({ previousImpact: 'major', impact: 'critical' });
  });

  it('reports a set impact override', () => {
    const events = incidentChanges(repository([apiIncident([opening])]), repository([apiIncident([opening], { impact: 'minor' })]), NOW);
    expect(events.map((event) => event.kind)).toEqual(['impact_changed']);
    expect(events[0]!.impact).toBe('minor');
  });

  it('reports nothing for unchanged content', () => {
    const content = repository([apiIncident([opening, identified])]);
    expect(incidentChanges(content, content, NOW)).toEqual([]);
  });

  it('reports nothing for an edited old update', () => {
    const edited = { ...opening, message: 'Errors on the API, fixed typo.' };
    expect(incidentChanges(repository([apiIncident([opening])]), repository([apiIncident([edited])]), NOW)).toEqual([]);
  });

  it('ignores updates dated after now', () => {
    const later = { at: '2026-03-10T13:00Z', status: 'monitoring', message: 'Later.' };
    const events = incidentChanges(repository([apiIncident([opening])]), repository([apiIncident([opening, later])]), NOW);
    expect(events).toEqual([]);
  });

  it('ignores incidents that have not started', () => {
    const future = incident('2026-03-11-later', { title: 'Later', started: '2026-03-11T10:00Z', updates: [{ at: '2026-03-11T10:00Z', status: 'investigating', message: 'x' }] });
    expect(incidentChanges(repository([]), repository([future]), NOW)).toEqual([]);
  });

  it('reports nothing for a removed incident', () => {
    expect(incidentChanges(repository([apiIncident([opening])]), repository([]), NOW)).toEqual([]);
  });

  it('treats missing before content as empty', () => {
    expect(incidentChanges(undefined, repository([apiIncident([opening])]), NOW).map((event) => event.kind)).toEqual(['opened']);
  });
});

describe('certificateEvents', () => {
  it('forwards certificate warnings only', () => {
    const report = {
      services: [
        { id: 'api', name: 'Public API', warnings: ['certificate expires on 2026-03-20, in 10 days'] },
        { id: 'web', name: 'Website', warnings: ['something else'] },
        { id: 'db', warnings: [] },
      ],
    };
    const events = certificateEvents(report, NOW);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'certificate', serviceId: 'api', serviceName: 'Public API', message: 'certificate expires on 2026-03-20, in 10 days' });
  });

  it('rejects a report without services', () => {
    expect(() => certificateEvents({}, NOW)).toThrow(/sitrep check --json/);
  });
});

describe('incidentUrl', () => {
  it('includes the base path', () => {
    expect(incidentUrl(config(), 'x-1')).toBe('https://status.example.com/status/incidents/x-1/');
  });
});
