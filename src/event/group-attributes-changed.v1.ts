import type { EventBase } from './event.js';

/**
 * Version 1 of `tencentim.kafkabridge.event.GroupAttributesChanged`
 * (schemas/group-attributes-changed/v1.avsc): custom group attributes were set (all reset), modified,
 * cleared or deleted. Key: groupId.
 */
export const GROUP_ATTRIBUTES_CHANGED_V1 = 'tencent.im.group.attributes.changed';

/** OptionType; UNKNOWN for a value this version does not know (optionRaw has it). */
export type GroupAttributesOptionV1 = 'UNKNOWN' | 'SET' | 'MODIFY' | 'CLEAR' | 'DELETE';

export interface GroupAttributesChangedV1 extends EventBase {
  readonly eventType: typeof GROUP_ATTRIBUTES_CHANGED_V1;
  readonly groupId: string;
  readonly groupType: string | null;
  readonly operatorAccount: string | null;
  /** Null when Tencent did not say; optionRaw is then null too. */
  readonly option: GroupAttributesOptionV1 | null;
  /** OptionType exactly as sent. */
  readonly optionRaw: string | null;
  /** null when the callback had no GroupAttr. */
  readonly attributes: readonly GroupAttributeV1[] | null;
  /** Milliseconds. */
  readonly eventTime: number | null;
  readonly unmodelledJson: string | null;
}

export interface GroupAttributeV1 {
  readonly key: string | null;
  readonly value: string | null;
  readonly unmodelledJson: string | null;
}
