/**
 * How a Kafka topic's value schema is named in the registry.
 * - `topic` (Confluent's TopicNameStrategy, the serializers' default): `<topic>-value`, one subject per
 *   topic, so the registry guards exactly what one topic carries. The bridge's default.
 * - `record` (RecordNameStrategy): `<namespace>.<name>` of the record, for topics that mix event types.
 */
export type SubjectNameStrategy = 'topic' | 'record';

/** The subject for `topic`'s values whose schema is `schemaJson`; throws when the record has no name. */
export function subjectName(strategy: SubjectNameStrategy, topic: string, schemaJson: unknown): string {
  if (strategy === 'topic') return `${topic}-value`;
  const { name, namespace } = (typeof schemaJson === 'object' && schemaJson !== null ? schemaJson : {}) as {
    name?: unknown;
    namespace?: unknown;
  };
  if (typeof name !== 'string') throw new Error('record name strategy: the schema has no record name');
  if (name.includes('.') || typeof namespace !== 'string' || namespace === '') return name;
  return `${namespace}.${name}`;
}
