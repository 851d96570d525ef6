import { describe, expect, it } from 'vitest';
import { createTopicOf, subjectUses, whyBadRoute } from '../../../src/commands/routes.js';

const routing = {
  group: 'tencent-im.group-events.v1',
  app: 'tencent-im.app-events.v1',
  routes: ['Group.CallbackOnMemberStateChange=presence', 'C2C.*=c2c', 'C2C.CallbackAfterMsgReport=reads'],
};

describe('src/commands/routes', () => {
  const topicOf = createTopicOf(routing);

  it('sends each stream to its topic unless a route says otherwise', () => {
    expect(topicOf('Group.CallbackAfterSendMsg', 'group')).toBe(routing.group);
    expect(topicOf('Group.CallbackOnDailyGroupQuotaAlarm', 'app')).toBe(routing.app);
    expect(topicOf('Group.CallbackOnMemberStateChange', 'group')).toBe('presence');
  });

  it('prefers an exact command over its family', () => {
    expect(topicOf('C2C.CallbackAfterSendMsg', 'app')).toBe('c2c');
    expect(topicOf('C2C.CallbackAfterMsgReport', 'app')).toBe('reads');
  });

  it.each(['Group.CallbackAfterSendMsg', 'Group.X=', '=topic', 'group.x=t', 'Group.X=a b', 'Group.X=t=u'])(
    'refuses the route %s',
    (route) => {
      expect(whyBadRoute(route)).toMatch(/is not Command=topic or Family\.\*=topic/);
    },
  );

  it('lists every subject and topic the pipeline can write, kept callbacks on every route they can reach', () => {
    const commands = [
      { command: 'Group.CallbackAfterSendMsg', subject: 'group-message', stream: 'group' as const },
      {
        command: 'Group.CallbackOnMemberStateChange',
        subject: 'group-member-state-changed',
        stream: 'group' as const,
      },
    ];
    expect(subjectUses(commands, routing, 'callback-received')).toEqual([
      { subject: 'group-message', topic: routing.group },
      { subject: 'group-member-state-changed', topic: 'presence' },
      { subject: 'callback-received', topic: routing.app },
      { subject: 'callback-received', topic: 'c2c' },
      { subject: 'callback-received', topic: 'reads' },
    ]);
    expect(subjectUses(commands, routing, undefined)).toHaveLength(2);
  });
});
