/**
 * The page's stylesheet, a constant so its CSP hash is fixed. System fonts only: the report must
 * not load anything at view time. Edge kinds differ by dash pattern as well as colour, so they
 * stay distinguishable in greyscale and for colour-blind readers.
 */
export const REPORT_CSS = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0b57d0}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:12px 20px;border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:17px;margin:20px 0 8px}
h3{font-size:15px;margin:14px 0 6px}
h4{font-size:13px;margin:10px 0 4px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
main{padding:0 20px 40px}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
.lede{color:var(--muted);margin:0}
.layout{display:flex;gap:16px;align-items:flex-start}
.graph-wrap{flex:1 1 auto;overflow:auto;border:1px solid var(--line);border-radius:6px;background:var(--soft)}
svg.graph .ns rect{fill:#eef1f4;stroke:#d0d7de}
svg.graph .ns text{font-weight:600;font-size:12px;fill:var(--muted)}
.node rect{fill:#fff;stroke:#8c959f;stroke-width:1.2}
.node.pseudo rect{fill:#fff8e1;stroke:#a15c00;stroke-dasharray:4 2}
.node text.name{font-weight:600;font-size:13px;fill:var(--fg)}
.node text.count{font-size:11px;fill:var(--muted)}
.node:hover rect,.node:focus rect{stroke:var(--accent);stroke-width:2.5}
.node:focus{outline:none}
.node:focus-visible rect{stroke:var(--accent);stroke-width:3.5}
.node.selected rect{fill:#e8f0fe;stroke:var(--accent);stroke-width:3}
.edge{fill:none;stroke-width:1.4;opacity:.75}
.e-policy{stroke:#546e7a}
.e-plaintext{stroke:#c62828;stroke-dasharray:7 4;stroke-width:2}
.e-default-allow{stroke:#a15c00;stroke-dasharray:2 3;stroke-width:1.8}
.e-flagged{stroke:#6a1b9a;stroke-width:2.4}
svg.has-selection .edge{opacity:.08}
svg.has-selection .edge.on{opacity:1;stroke-width:2.6}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:8px 0}
.legend li{display:flex;align-items:center;gap:6px;color:var(--muted)}
#panel{flex:0 0 420px;max-height:calc(100vh - 24px);overflow:auto;position:sticky;top:12px;border:1px solid var(--line);border-radius:6px;padding:4px 14px 14px;background:#fff}
#panel[hidden]{display:none}
#panel h2{margin-top:8px;overflow-wrap:anywhere}
#panel-close{float:right;margin-top:8px;font:inherit;padding:2px 10px;border:1px solid var(--line);border-radius:4px;background:var(--soft);cursor:pointer}
#panel ul{list-style:none;padding:0;margin:0}
.flow{border-left:4px solid #546e7a;background:var(--soft);padding:6px 8px;margin:0 0 8px;border-radius:0 4px 4px 0;overflow-wrap:anywhere}
.flow.finding{border-left-color:#c62828}
.flow .head{margin-bottom:2px}
.kv{font-size:12.5px}
.ops .kv{display:inline-block;margin-right:14px}
.kv .k{color:var(--muted)}
.kv .v{white-space:pre-line}
.via{color:var(--muted);font-size:12px}
.tag{display:inline-block;font-size:11px;font-weight:600;padding:0 6px;border-radius:9px;background:#fde7e9;color:#8a1c1c;border:1px solid #e8a0a6}
.identity{color:var(--muted);overflow-wrap:anywhere}
svg.chart .label{text-anchor:end;font-size:13px;fill:var(--fg)}
svg.chart .value{font-size:12px;fill:var(--muted)}
svg.chart .bar{fill:#0b57d0}
svg.chart .max{stroke:#c62828;stroke-width:3}
svg.chart .axis{stroke:#8c959f}
table.data{border-collapse:collapse;width:100%;margin:4px 0 10px;font-size:12.5px}
table.data th,table.data td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.data thead th{background:var(--soft)}
tr.finding td:last-child{color:#8a1c1c}
table.layers{width:auto;min-width:480px}
table.lint td:nth-child(-n+2){white-space:nowrap}
.help{color:var(--muted);font-size:12px;margin-top:2px}
.workload{border-top:1px solid var(--line);padding-top:4px}
.summary{display:flex;flex-wrap:wrap;gap:8px 24px;margin:8px 0}
.summary dt{color:var(--muted);font-size:12px}
.summary dd{margin:0;font-weight:600;font-size:16px}
.hint{color:var(--muted);font-size:13px}
.js .nojs-only{display:none}
pre.json{background:var(--soft);padding:8px;border-radius:4px;overflow:auto;font-size:12px}
`;
