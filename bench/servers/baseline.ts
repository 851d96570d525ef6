// The HTTP ceiling of this stack: Koa + koa-bodyparser parsing the callback and answering Tencent's OK body.
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

const app = new Koa();
app.use(bodyParser());
app.use((ctx) => {
  ctx.body = OK;
});
const server = app.listen(Number(process.env['PORT']), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
