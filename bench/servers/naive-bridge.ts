// The bridge a user would write in 20 lines: one acks=-1 produce awaited per callback, the body as JSON.
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const topic = process.env['BENCH_NAIVE_TOPIC'] ?? 'naive.group-messages';

const kafka = new Kafka({ brokers: [process.env['BENCH_KAFKA'] ?? ''], logLevel: logLevel.WARN });
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
await producer.connect();

const app = new Koa();
app.use(bodyParser());
app.use(async (ctx) => {
  if (ctx.method === 'POST') {
    const body = ctx.request.body as { GroupId?: string };
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: body.GroupId ?? null, value: JSON.stringify(body) }],
    });
  }
  ctx.body = OK;
});
const server = app.listen(Number(process.env['PORT']), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void producer.disconnect().finally(() => process.exit(0));
});
