namespace GeoStore.AppHost.Control;

/// <summary>The resource view's page: plain HTML and script, no CDN, refreshed every second.</summary>
internal static class ResourceControlPage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>GeoStore AppHost: resources</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; }
  h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
  p.hint { color: #57606a; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  th { background: #f6f8fa; }
  .state-Ready { color: #1a7f37; font-weight: 600; }
  .state-Exited, .state-FailedToStart { color: #cf222e; font-weight: 600; }
  .state-Starting, .state-Running, .state-Waiting, .state-Stopping { color: #9a6700; font-weight: 600; }
  button { margin-right: .3rem; }
  pre { background: #0d1117; color: #e6edf3; padding: .6rem; max-height: 22rem; overflow: auto; font-size: 12px; }
  .err { color: #ff7b72; }
</style>
</head>
<body>
<h1>GeoStore AppHost: resources</h1>
<p class="hint">Every process the AppHost runs. Stop and start need the admin token (asked once, kept in this tab). JSON: <a href="/api/resources">/api/resources</a>.</p>
<table>
  <thead><tr><th>resource</th><th>kind</th><th>region</th><th>state</th><th>pid</th><th>restarts</th><th>endpoints</th><th></th></tr></thead>
  <tbody id="rows"></tbody>
</table>
<h2 id="log-title" style="font-size:1rem"></h2>
<pre id="log" hidden></pre>
<script>
let selected = null;
function token() {
  let t = sessionStorage.getItem('geostore-admin-token');
  if (!t) { t = prompt('Admin token'); if (t) sessionStorage.setItem('geostore-admin-token', t); }
  return t;
}
async function control(path) {
  const t = token(); if (!t) return;
  const r = await fetch(path, { method: 'POST', headers: { authorization: 'Bearer ' + t } });
  if (r.status === 401) { sessionStorage.removeItem('geostore-admin-token'); alert('The admin token was refused.'); }
  else if (!r.ok) { alert((await r.json()).detail ?? r.statusText); }
  refresh();
}
function cell(text, cls) { const td = document.createElement('td'); td.textContent = text ?? '-'; if (cls) td.className = cls; return td; }
async function refresh() {
  const resources = await (await fetch('/api/resources?lines=200')).json();
  const rows = document.getElementById('rows');
  rows.replaceChildren(...resources.map(r => {
    const tr = document.createElement('tr');
    tr.dataset.resource = r.name;
    tr.append(cell(r.name), cell(r.kind), cell(r.region), cell(r.display, 'state-' + r.state), cell(r.pid), cell(String(r.restarts)));
    const ep = document.createElement('td');
    for (const e of r.endpoints) {
      if (e.url.startsWith('http')) { const a = document.createElement('a'); a.href = e.url; a.textContent = e.url; ep.append(a, ' '); }
      else ep.append(e.name + '=' + e.url.replace(/^tcp:\/\//, '') + ' ');
    }
    tr.append(ep);
    const actions = document.createElement('td');
    const stop = document.createElement('button'); stop.textContent = 'stop'; stop.onclick = () => control('/api/resources/' + r.name + '/stop');
    const start = document.createElement('button'); start.textContent = r.state === 'Exited' || r.state === 'FailedToStart' ? 'start' : 'restart';
    start.onclick = () => control('/api/resources/' + r.name + '/start');
    const logs = document.createElement('button'); logs.textContent = 'log'; logs.onclick = () => { selected = r.name; refresh(); };
    actions.append(stop, start, logs);
    tr.append(actions);
    return tr;
  }));
  const shown = resources.find(r => r.name === selected);
  const log = document.getElementById('log');
  log.hidden = !shown;
  document.getElementById('log-title').textContent = shown ? 'Recent log of ' + shown.name : '';
  if (shown) {
    log.replaceChildren(...shown.log.map(l => { const s = document.createElement('span'); if (l.error) s.className = 'err'; s.textContent = l.text + '\n'; return s; }));
  }
}
refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>
""";
}
