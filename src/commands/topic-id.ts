import type { TProperties } from '@sinclair/typebox';
import { undocumentedMembersJson } from '../callback/undocumented-members.js';

/**
 * TopicId as our `topicId`: null when absent and when `""`, which is how Tencent says "not in a topic" in
 * some bodies (the documented Group.CallbackAfterModifyMsg example). So an event about a message names it
 * exactly as GroupMessageSent does, whose callbacks leave TopicId out outside topics.
 */
export function toTopicId(topicId: string | undefined): string | null {
  return topicId === undefined || topicId === '' ? null : topicId;
}

interface Schema {
  readonly properties: TProperties;
}

const withoutTopicId = new WeakMap<Schema, Schema>();

/**
 * The body's members its schema does not document (undocumentedMembersJson), with an empty TopicId among
 * them: toTopicId reads it as null, and keeping it here is what makes the body rebuild exactly.
 */
export function unmodelledMembersJson(body: { readonly TopicId?: string }, schema: Schema): string | null {
  return undocumentedMembersJson(body, body.TopicId === '' ? schemaWithoutTopicId(schema) : schema);
}

function schemaWithoutTopicId(schema: Schema): Schema {
  let reduced = withoutTopicId.get(schema);
  if (reduced === undefined) {
    const properties: TProperties = { ...schema.properties };
    delete properties['TopicId'];
    reduced = { properties };
    withoutTopicId.set(schema, reduced);
  }
  return reduced;
}
