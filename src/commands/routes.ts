import { isBeforeCommand } from './before.js';
import type { Stream } from './command.js';

/** Where events go: a topic per stream, and operators' routes that override it per command or family. */
export interface Routing {
  /** The per-group stream's topic (BRIDGE_KAFKA_TOPIC). */
  readonly group: string;
  /** The app stream's topic (BRIDGE_KAFKA_APP_TOPIC). */
  readonly app: string;
  /**
   * `Command=topic` or `Family.*=topic` (BRIDGE_KAFKA_ROUTES), e.g. `Group.CallbackOnMemberStateChange=presence`
   * or `C2C.*=tencent-im.c2c.v1`. An exact command wins over its family, a family over the stream's topic.
   */
  readonly routes: readonly string[];
}

const ROUTE = /^([A-Z][A-Za-z0-9]*)\.(\*|[A-Za-z0-9]+)=([A-Za-z0-9._-]{1,249})$/;

/** Why a route is not `Command=topic` or `Family.*=topic`, or undefined when it is. */
export function whyBadRoute(route: string): string | undefined {
  if (ROUTE.test(route)) return undefined;
  return `"${route}" is not Command=topic or Family.*=topic (a topic is 1-249 of A-Z a-z 0-9 . _ -)`;
}

/** The topic of a command's events: its route, its family's route, or its stream's topic. */
export function createTopicOf(routing: Routing): (command: string, stream: Stream) => string {
  const byName = new Map<string, string>();
  for (const route of routing.routes) {
    const match = ROUTE.exec(route);
    if (match === null) throw new Error(`BRIDGE_KAFKA_ROUTES: ${whyBadRoute(route)}`);
    byName.set(`${match[1]}.${match[2]}`, match[3] as string);
  }
  return (command, stream) =>
    byName.get(command) ??
    byName.get(`${command.slice(0, command.indexOf('.'))}.*`) ??
    (stream === 'group' ? routing.group : routing.app);
}

/**
 * Every (schema subject, topic) pair the pipeline can publish, so that encoders are all resolved at start:
 * each entry's subject on its topic and, when unhandled commands are kept, callback-received on the app
 * topic and on every route that can catch a command without an entry.
 */
export function subjectUses(
  commands: readonly { readonly command: string; readonly subject: string; readonly stream: Stream }[],
  routing: Routing,
  keptSubject: string | undefined,
): { subject: string; topic: string }[] {
  const topicOf = createTopicOf(routing);
  const uses = commands.map((entry) => ({
    subject: entry.subject,
    topic: topicOf(entry.command, entry.stream),
  }));
  if (keptSubject === undefined) return uses;
  const entries = new Set(commands.map((entry) => entry.command));
  uses.push({ subject: keptSubject, topic: routing.app });
  for (const route of routing.routes) {
    const [name = '', topic = ''] = route.split('=');
    if (!entries.has(name) && !isBeforeCommand(name)) uses.push({ subject: keptSubject, topic });
  }
  return uses;
}
