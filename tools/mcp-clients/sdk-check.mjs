// The official TypeScript MCP SDK client against the packaged service: every tool called, every result
// validated by the SDK against the tool's output schema; run by tools/mcp-clients/run.sh.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const base = process.env.BASE;
const key = readFileSync(process.env.KEY ?? '.dev/keys/private.pem', 'utf8');
const b64 = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
function token(tid, sub = 'usr_ts') {
  const now = Math.floor(Date.now() / 1000);
  const scope = 'contact:list contact:read contact:create contact:update contact:delete tag:list tag:create tag:delete custom_field:list custom_field:create custom_field:update custom_field:delete';
  const h = b64({ alg: 'RS256', typ: 'JWT' });
  const p = b64({ iss: 'contact-properties-dev', aud: 'contact-properties', sub, tid, groups: ['owner'], scope, iat: now, exp: now + 3600 });
  const s = createSign('RSA-SHA256').update(h + '.' + p).sign(key).toString('base64url');
  return `${h}.${p}.${s}`;
}
const tid = 'tn_' + randomUUID().replaceAll('-', '');
const client = new Client({ name: 'ts-sdk-check', version: '1' });
await client.connect(new StreamableHTTPClientTransport(new URL(base + '/mcp'), { requestInit: { headers: { Authorization: 'Bearer ' + token(tid) } } }));
console.log('server', JSON.stringify(client.getServerVersion()), 'instructions:', (client.getInstructions() || '').slice(0, 60) + '...');
let updates = 0;
client.setNotificationHandler(ResourceUpdatedNotificationSchema, () => { updates++; });
await client.subscribeResource({ uri: 'contacts://properties' });
const { tools } = await client.listTools();
const problems = [];
for (const t of tools) {
  if (!t.title || !t.annotations || t.annotations.openWorldHint !== false || !t.outputSchema) problems.push('metadata ' + t.name);
}
const called = new Set();
async function call(name, args, expectError = false) {
  try {
    const r = await client.callTool({ name, arguments: args });
    if (r.isError && !expectError) problems.push(`${name}: tool error ${r.content?.[0]?.text}`);
    if (!r.isError) called.add(name);
    return r.structuredContent;
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  }
}
const types = { Note: 'text', Score: 'number', Renewal: 'date', 'Backup Email': 'email', 'Office Phone': 'phone', Website: 'url', Vip: 'boolean', Interests: 'list' };
for (const [title, property_type] of Object.entries(types)) await call('create_contact_property', { title, property_type });
await call('create_contact_property', { title: 'Plan', property_type: 'single_choice', choices: ['Free', 'Pro'], agent_active: true });
await call('create_contact_property', { title: 'Channels Used', property_type: 'multiple_choice', choices: ['Chat', 'Mail'] });
const tag = (await call('create_tag', { name: 'Hot' }))?.id;
const ann = await call('create_contact', { name: 'Ann', email: 'ann@example.com', tag_ids: [tag],
  identities: [{ channel: 'whatsapp', metadata: { phoneNumber: '+48601234567' } }],
  custom_fields: { note: 'x', score: 42.5, renewal: '2026-12-01', 'backup-email': 'a@b.example.com', 'office-phone': '+48601234567',
    website: 'https://ann.example.com', vip: true, interests: ['golf'], plan: 'Pro', 'channels-used': ['Chat'] } });
const id = ann?.id;
console.log('contact custom_fields:', JSON.stringify(ann?.custom_fields), 'identities:', ann?.identities?.length);
await call('get_contact', { id });
await call('search_contacts', { email_domain: 'example.com', custom_fields: { score: { gte: 10 } } });
await call('count_contacts', {});
await call('set_contact_property_value', { id, slug: 'score', value: 7 });
await call('update_contact', { id, name: 'Ann B' });
await call('untag_contact', { contact_id: id, tag_id: tag });
await call('tag_contact', { contact_id: id, tag_id: tag });
await call('archive_contact', { id });
await call('unarchive_contact', { id });
await call('list_tags', {});
const folder = (await call('create_folder', { name: 'March Leads' }))?.id;
await call('list_folders', {});
await call('get_contact_property', { slug: 'plan' });
await call('list_contact_properties', { agent_active: true });
await call('update_contact_property', { slug: 'note', description: 'd' });
const asked = await call('update_contact_property', { slug: 'note', property_type: 'number' });
console.log('retype that clears:', JSON.stringify({ confirmation_required: asked?.confirmation_required, would_clear: asked?.dry_run?.would_clear }));
const bulk = await call('bulk_update_contacts', { contacts: [{ id, updates: { folder_ids: [folder] } }] });
await call('list_batch_tasks', {});
await call('get_batch_task', { id: bulk?.batch_task_id });
const c = await client.callTool({ name: 'cancel_batch_task', arguments: { id: bulk?.batch_task_id } }).catch(e => problems.push('cancel: ' + e.message));
if (c && !c.isError) called.add('cancel_batch_task'); else console.log('cancel_batch_task:', c?.content?.[0]?.text);
const preview = await call('delete_contact_property', { slug: 'website' });
console.log('delete preview:', JSON.stringify({ deleted: preview?.deleted, values_count: preview?.values_count }));
await call('delete_contact_property', { slug: 'website', confirm: true });
const form = new FormData();
const rows = ['email,name'];
for (let i = 0; i < 20000; i++) rows.push(`bulk${i}@example.com,N${i}`);
form.append('file', new Blob([rows.join('\n')], { type: 'text/csv' }), 'contacts.csv');
const upload = await (await fetch(base + '/v1/contacts/import', { method: 'POST', headers: { Authorization: 'Bearer ' + token(tid) }, body: form })).json();
await call('cancel_batch_task', { id: upload.importId });
await call('get_import_status', { id: upload.importId });
const bad = await client.callTool({ name: 'create_contact_property', arguments: { title: 'X', property_type: 'decimal' } });
console.log('enum error:', bad.content[0].text);
console.log('prompts:', (await client.listPrompts()).prompts.map(p => p.name).join(','));
console.log('prompt text:', (await client.getPrompt({ name: 'fill_contact_properties' })).messages[0].content.text.split('\n').slice(-2).join(' | '));
console.log('resources:', (await client.listResources()).resources.map(r => r.uri).join(','));
await client.readResource({ uri: 'contacts://properties' });
await new Promise((resolve) => setTimeout(resolve, 1000));
console.log('contacts://properties updates heard after subscribing:', updates);
if (updates === 0) problems.push('no notifications/resources/updated after the properties changed');
const notCalled = tools.map(t => t.name).filter(n => !called.has(n));
console.log(`tools: ${tools.length}, called ok: ${called.size}, not called ok: ${notCalled.join(',')}`);
console.log(problems.length ? 'PROBLEMS:\n' + problems.join('\n') : 'no schema or call problem');
process.exitCode = problems.length ? 1 : 0;
const evil = await fetch(base + '/mcp', { method: 'POST', headers: { Authorization: 'Bearer ' + token(tid), Origin: 'http://evil.example.com',
  'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
console.log('evil origin:', evil.status);
const other = await fetch(base + '/mcp', { method: 'POST', headers: { Authorization: 'Bearer ' + token('tn_other'), 'Mcp-Session-Id': client.transport.sessionId,
  'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
console.log('other caller on my session:', other.status);
const anon = await fetch(base + '/mcp', { method: 'POST' });
console.log('401 challenge:', anon.status, anon.headers.get('www-authenticate'));
console.log('metadata:', await (await fetch(base + '/.well-known/oauth-protected-resource')).text());
await client.close();
