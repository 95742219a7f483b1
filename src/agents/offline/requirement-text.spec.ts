import type { FeatureDraft } from './features';
import { singular, stepsFor, voiceOf } from './requirement-text';

describe('voiceOf', () => {
  it('names one of the audience the way a requirement sentence does', () => {
    expect(voiceOf('the booking tool', 'independent physiotherapy clinics')).toEqual({
      product: 'the booking tool',
      actors: 'independent physiotherapy clinics',
      actor: 'a clinic',
    });
    expect(voiceOf('the planner', 'event organisers').actor).toBe('an organiser');
    expect(voiceOf('the planner', 'small remote teams').actor).toBe('a team member');
    expect(voiceOf('the rota', 'clinic staff').actor).toBe('a staff member');
    expect(voiceOf('the portal', 'university students').actor).toBe('a student');
    expect(voiceOf('the portal', 'local unions').actor).toBe('a union');
    expect(voiceOf('the portal', 'theatre ushers').actor).toBe('an usher');
    expect(voiceOf('the portal', 'weekend umpires').actor).toBe('an umpire');
  });

  it('speaks of "its users" when the idea names no audience', () => {
    expect(voiceOf('the app', null)).toEqual({
      product: 'the app',
      actors: 'its users',
      actor: 'a user',
    });
  });
});

describe('singular', () => {
  it.each([
    ['families', 'family'],
    ['Bookshops', 'bookshop'],
    ['coaches', 'coach'],
    ['dishes', 'dish'],
    ['boxes', 'box'],
    ['classes', 'class'],
    ['business', 'business'],
    ['campus', 'campus'],
    ['analysis', 'analysis'],
    ['people', 'person'],
    ['staff', 'staff member'],
    ['crew', 'crew'],
  ])('%s → %s', (plural, one) => {
    expect(singular(plural)).toBe(one);
  });
});

describe('stepsFor', () => {
  it('lets the audience choose what they hear about for a message feature named by a noun', () => {
    const reminders: FeatureDraft = {
      title: 'Appointment reminders',
      verb: null,
      object: 'appointment reminders',
      condition: null,
      kind: 'message',
    };
    const steps = stepsFor(reminders, voiceOf('the booking tool', 'dog owners'));
    expect(steps[0]).toBe('Dog owners choose what they want to hear about');
    expect(steps[1]).toBe('The booking tool sends the message when it is due');
  });
});
