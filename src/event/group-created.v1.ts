import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupCreated` (schemas/group-created/v1.avsc): a group was
 * created, with its initial members and custom fields. Key: groupId.
 */
export const GROUP_CREATED_V1 = 'tencent.im.group.created';

export interface GroupCreatedV1 extends EventBase {
  readonly eventType: typeof GROUP_CREATED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  readonly name: string | null;
  readonly operatorAccount: string | null;
  readonly ownerAccount: string | null;
  /** null when the callback had no MemberList. */
  readonly members: readonly CreatedGroupMemberV1[] | null;
  /** null when the callback had no UserDefinedDataList (custom fields not enabled). */
  readonly userDefinedData: readonly GroupUserDefinedDataV1[] | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}

export interface CreatedGroupMemberV1 {
  readonly account: string;
  readonly unmodelledJson: string | null;
}

export interface GroupUserDefinedDataV1 {
  readonly key: string | null;
  readonly value: string | null;
  readonly unmodelledJson: string | null;
}
