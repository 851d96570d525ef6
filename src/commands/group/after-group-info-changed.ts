import { AfterGroupInfoChanged } from '../../callback/group/after-group-info-changed.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import { GROUP_INFO_CHANGED_V1, type GroupInfoChangedV1 } from '../../event/group-info-changed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** A group's name, introduction, notification or face URL changed: `GroupInfoChanged`, keyed by the group. */
export const afterGroupInfoChanged = defineCommand({
  command: 'Group.CallbackAfterGroupInfoChanged',
  body: AfterGroupInfoChanged,
  subject: 'group-info-changed',
  stream: 'group',
  parse: bodyParser(AfterGroupInfoChanged),
  toEvent: (body: AfterGroupInfoChanged, context): GroupInfoChangedV1 => {
    const eventTime = toEventTime(body.EventTime);
    const operatorAccount = body.Operator_Account ?? null;
    const name = body.Name ?? null;
    const introduction = body.Introduction ?? null;
    const notification = body.Notification ?? null;
    const faceUrl = body.FaceUrl ?? null;
    return {
      ...envelopeOf(
        GROUP_INFO_CHANGED_V1,
        [body.GroupId, eventTime, operatorAccount, name, introduction, notification, faceUrl],
        context,
      ),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      operatorAccount,
      name,
      introduction,
      notification,
      faceUrl,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, AfterGroupInfoChanged),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
