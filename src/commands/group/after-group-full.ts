import { AfterGroupFull } from '../../callback/group/after-group-full.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { GROUP_FULL_V1, type GroupFullV1 } from '../../event/group-full.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, occurrenceOf, toEventTime } from '../source.js';

/**
 * A group is full: `GroupFull`, keyed by the group. It repeats on every join refused for being full, so
 * the EventTime tells occurrences apart; without one, every occurrence of a group shares one eventId.
 */
export const afterGroupFull = defineCommand({
  command: 'Group.CallbackAfterGroupFull',
  body: AfterGroupFull,
  subject: 'group-full',
  stream: 'group',
  parse: bodyParser(AfterGroupFull),
  toEvent: (body: AfterGroupFull, context): GroupFullV1 => {
    const eventTime = toEventTime(body.EventTime);
    return {
      ...envelopeOf(GROUP_FULL_V1, [body.GroupId, occurrenceOf(eventTime, context)], context),
      groupId: body.GroupId,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, AfterGroupFull),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
