import { AfterGroupFull } from '../../callback/group/after-group-full.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { eventIdOf } from '../../event/event-id.js';
import { GROUP_FULL_V1, type GroupFullV1 } from '../../event/group-full.v1.js';
import { defineCommand } from '../command.js';
import { occurrenceOf, toEventTime, toSource } from '../source.js';

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
  toEvent: (body: AfterGroupFull, { query, receivedAt }): GroupFullV1 => {
    const eventTime = toEventTime(body.EventTime);
    return {
      eventId: eventIdOf(GROUP_FULL_V1, [
        query.SdkAppid,
        body.GroupId,
        occurrenceOf(eventTime, query, receivedAt),
      ]),
      eventType: GROUP_FULL_V1,
      schemaVersion: 1,
      receivedTime: receivedAt.getTime(),
      source: toSource(query),
      groupId: body.GroupId,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, AfterGroupFull),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
