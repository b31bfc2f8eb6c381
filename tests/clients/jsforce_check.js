// jsforce against `apex org serve --tls`: log in with the OAuth password grant and with
// SOAP, then create (one and many), read, update, upsert, delete, query more than 2,000
// records with autoFetch, queryAll, describe and read limits. Exits non-zero on a failure.
//
// Usage: NODE_EXTRA_CA_CERTS=CERT node jsforce_check.js ORIGIN

const jsforce = require('jsforce');

const origin = process.argv[2];
const user = 'admin@apex.local';
const password = 'apex-local-password';

function check(label, condition) {
  if (!condition) {
    console.log(`FAIL ${label}`);
    process.exit(1);
  }
  console.log(`ok   ${label}`);
}

async function exercise(conn, tag) {
  const created = await conn.sobject('Account').create({ Name: `${tag} Acme` });
  check(`${tag} create`, created.success && created.id.length === 18);
  const fetched = await conn.sobject('Account').retrieve(created.id);
  check(`${tag} retrieve`, fetched.Name === `${tag} Acme`);
  const updated = await conn.sobject('Account').update({ Id: created.id, Name: `${tag} Acme Corp` });
  check(`${tag} update`, updated.success);
  const upserted = await conn.sobject('Account').upsert({ Name: `${tag} Upserted`, External_Key__c: `${tag}-1` }, 'External_Key__c');
  check(`${tag} upsert`, upserted.success);
  const again = await conn.sobject('Account').upsert({ Name: `${tag} Again`, External_Key__c: `${tag}-1` }, 'External_Key__c');
  check(`${tag} upsert again`, again.success);
  const many = await conn.sobject('Account').create([{ Name: `${tag} One` }, { Name: `${tag} Two` }]);
  check(`${tag} create many`, many.length === 2 && many.every((r) => r.success));
  const removed = await conn.sobject('Account').destroy(created.id);
  check(`${tag} destroy`, removed.success);
  const all = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${created.id}'`, { scanAll: true });
  check(`${tag} queryAll sees the deleted record`, all.totalSize === 1 && all.records[0].IsDeleted === true);
  const describe = await conn.sobject('Account').describe();
  check(`${tag} describe`, describe.name === 'Account' && describe.fields.some((f) => f.name === 'External_Key__c'));
  const limits = await conn.limits();
  check(`${tag} limits`, limits.DailyApiRequests.Max > 0);
}

async function main() {
  const oauth = new jsforce.Connection({
    oauth2: { loginUrl: origin, clientId: 'apex-local-client', clientSecret: 'apex-local-secret' },
    version: '59.0',
  });
  const info = await oauth.login(user, password);
  check('OAuth password login', info.organizationId === '00D000000000001EAA' && oauth.instanceUrl === origin);
  await exercise(oauth, 'oauth');

  const soap = new jsforce.Connection({ loginUrl: origin, version: '59.0' });
  const soapInfo = await soap.login(user, password);
  check('SOAP login', soapInfo.id === '005000000000001AAA');
  await exercise(soap, 'soap');

  const batch = [];
  for (let i = 0; i < 2100; i++) batch.push({ LastName: `Js ${String(i).padStart(5, '0')}` });
  for (let start = 0; start < batch.length; start += 200) {
    const results = await soap.sobject('Contact').create(batch.slice(start, start + 200), { allOrNone: true });
    if (!results.every((r) => r.success)) check('bulk create', false);
  }
  const records = [];
  const result = await soap
    .query("SELECT Id, LastName FROM Contact WHERE LastName LIKE 'Js%' ORDER BY LastName")
    .on('record', (r) => records.push(r))
    .run({ autoFetch: true, maxFetch: 10000 });
  check('autoFetch pages past 2,000', result.totalSize === 2100 && records.length === 2100 && records[2099].LastName === 'Js 02099');
  const count = await soap.sobject('Contact').count({ LastName: { $like: 'Js%' } });
  check('count', count === 2100);
  await soap.logout();
  console.log('jsforce: all checks passed');
}

main().catch((error) => {
  console.log(`FAIL ${error.name}: ${error.message}`);
  process.exit(1);
});
