import { AfterGroupAttrChanged, GroupAttr } from '../../callback/group/after-group-attr-changed.js';
import { bodyParser } from '../../callback/parse-body.js';
import { undocumentedMembersJson } from '../../callback/undocumented-members.js';
import {
  GROUP_ATTRIBUTES_CHANGED_V1,
  type GroupAttributesChangedV1,
  type GroupAttributesOptionV1,
} from '../../event/group-attributes-changed.v1.js';
import { defineCommand } from '../command.js';
import { envelopeOf, toEventTime } from '../source.js';

/** Tencent's documented OptionType values, lower-cased (matched case-insensitively). */
const OPTIONS = new Map<string, GroupAttributesOptionV1>([
  ['set', 'SET'],
  ['modify', 'MODIFY'],
  ['clear', 'CLEAR'],
  ['delete', 'DELETE'],
]);

/** Custom group attributes changed: `GroupAttributesChanged`, one event for the whole list, keyed by the group. */
export const afterGroupAttrChanged = defineCommand({
  command: 'Group.CallbackAfterGroupAttrChanged',
  body: AfterGroupAttrChanged,
  subject: 'group-attributes-changed',
  stream: 'group',
  parse: bodyParser(AfterGroupAttrChanged),
  toEvent: (body: AfterGroupAttrChanged, context): GroupAttributesChangedV1 => {
    const eventTime = toEventTime(body.EventTime);
    const operatorAccount = body.Operator_Account ?? null;
    const optionRaw = body.OptionType ?? null;
    const attributes = body.GroupAttr ?? null;
    return {
      ...envelopeOf(
        GROUP_ATTRIBUTES_CHANGED_V1,
        [
          body.GroupId,
          eventTime,
          operatorAccount,
          optionRaw,
          attributes?.map((item) => item.key ?? null) ?? null,
          attributes?.map((item) => item.value ?? null) ?? null,
        ],
        context,
      ),
      groupId: body.GroupId,
      groupType: body.Type ?? null,
      operatorAccount,
      option: optionRaw === null ? null : (OPTIONS.get(optionRaw.toLowerCase()) ?? 'UNKNOWN'),
      optionRaw,
      attributes:
        attributes?.map((item) => ({
          key: item.key ?? null,
          value: item.value ?? null,
          unmodelledJson: undocumentedMembersJson(item, GroupAttr),
        })) ?? null,
      eventTime,
      unmodelledJson: undocumentedMembersJson(body, AfterGroupAttrChanged),
    };
  },
  key: (event) => event.groupId,
  occurredAt: (event) => event.eventTime,
});
