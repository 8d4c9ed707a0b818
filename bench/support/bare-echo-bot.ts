// The baseline: a bare grammY bot that echoes text, behind the same kind of webhook
// (node:http, secret header checked by grammY), replying through the same fake Bot API.
import { createServer } from 'node:http';
import { Bot, webhookCallback } from 'grammy';

const [apiRoot, portArg, secret] = process.argv.slice(2) as [string, string, string];
const bot = new Bot('7000000001:bench_token_not_real_0000000000000', {
  botInfo: { id: 7000000001, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false },
  client: { apiRoot },
});
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
const handle = webhookCallback(bot, 'http', { secretToken: secret });
const server = createServer((req, res) => void handle(req, res));
server.keepAliveTimeout = 60_000;
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('ready\n'));
