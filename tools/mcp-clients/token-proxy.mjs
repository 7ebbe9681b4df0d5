// Adds a valid bearer token to every request, since the conformance CLI has no header option.
import http from 'node:http';
import { createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
const key = readFileSync(process.env.KEY ?? '.dev/keys/private.pem', 'utf8');
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const h = b64({ alg: 'RS256', typ: 'JWT' });
const p = b64({ iss: 'contact-properties-dev', aud: 'contact-properties', sub: 'usr_conf', tid: 'tn_' + randomUUID().replaceAll('-', ''),
  groups: ['owner'], scope: 'contact:list contact:read custom_field:list', iat: now, exp: now + 7200 });
const token = `${h}.${p}.` + createSign('RSA-SHA256').update(h + '.' + p).sign(key).toString('base64url');
http.createServer((req, res) => {
  const up = http.request({ host: '127.0.0.1', port: Number(process.env.UPSTREAM_PORT), path: req.url, method: req.method,
    headers: { ...req.headers, authorization: 'Bearer ' + token } }, (r) => { res.writeHead(r.statusCode, r.headers); r.pipe(res); });
  up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
  req.pipe(up);
}).listen(Number(process.env.PROXY_PORT));
