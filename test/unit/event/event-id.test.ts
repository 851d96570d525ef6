import { describe, expect, it } from 'vitest';
import { EVENT_ID_NAMESPACE, groupMessageEventId, uuidBytes, uuidV5 } from '../../../src/event/event-id.js';

/** RFC 4122 Appendix C / RFC 9562: the DNS namespace. */
const DNS_NAMESPACE = uuidBytes('6ba7b810-9dad-11d1-80b4-00c04fd430c8');

describe('src/event/event-id', () => {
  it("computes the well-known UUIDv5 of python.org in the DNS namespace (Python's uuid docs)", () => {
    expect(uuidV5(DNS_NAMESPACE, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('computes the UUIDv5 of www.example.com in the DNS namespace (RFC 9562 Appendix A.4)', () => {
    expect(uuidV5(DNS_NAMESPACE, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  // Expected ids below were computed independently with Python: uuid.uuid5(UUID(EVENT_ID_NAMESPACE), name).
  it('hashes the name as UTF-8', () => {
    expect(uuidV5(DNS_NAMESPACE, '群聊')).not.toBe(uuidV5(DNS_NAMESPACE, '??'));
    expect(uuidV5(uuidBytes(EVENT_ID_NAMESPACE), '1400399479\n群\n1')).toBe(
      '8a9512f2-be7e-53d1-8793-0332c276e460',
    );
  });

  it("gives the project's pinned ids for a group message and a topic message", () => {
    const message = { sdkAppId: '1400399479', groupId: '@TGS#2J4SZEAEL', topicId: null, msgSeq: 123 };
    expect(groupMessageEventId(message)).toBe('4eadccee-12d4-516b-83a4-2af7aaf3e241');
    const topic = '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic';
    expect(
      groupMessageEventId({
        sdkAppId: '1400399479',
        groupId: '@TGS#_@TGS#cQVLVHIM62CJ',
        topicId: topic,
        msgSeq: 5,
      }),
    ).toBe('b6eea338-0bcf-5d53-908e-4804da78e48d');
  });

  it('gives the same message the same id, every time', () => {
    const message = { sdkAppId: '1400399479', groupId: '@TGS#2J4SZEAEL', topicId: null, msgSeq: 123 };
    expect(groupMessageEventId({ ...message })).toBe(groupMessageEventId(message));
  });

  it('gives different ids when the app, group, sequence or topic differ', () => {
    const message = { sdkAppId: '1400399479', groupId: '@TGS#_@TGS#cQVLVHIM62CJ', topicId: null, msgSeq: 5 };
    const ids = new Set([
      groupMessageEventId(message),
      groupMessageEventId({ ...message, sdkAppId: '1400399478' }),
      groupMessageEventId({ ...message, groupId: '@TGS#_@TGS#cQVLVHIM62CK' }),
      groupMessageEventId({ ...message, msgSeq: 6 }),
      groupMessageEventId({ ...message, topicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_A' }),
      groupMessageEventId({ ...message, topicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_B' }),
    ]);
    expect(ids.size).toBe(6);
  });

  it('writes version 5 and the RFC variant into every id', () => {
    const id = groupMessageEventId({ sdkAppId: 'a', groupId: 'b', topicId: null, msgSeq: 0 });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidBytes('not-a-uuid')).toThrow(RangeError);
  });
});
