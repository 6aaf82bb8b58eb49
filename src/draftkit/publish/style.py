"""The site's one stylesheet (style.css).

Text colours keep a contrast of at least 4.5:1 on their backgrounds. Insertions
and deletions are marked by more than colour: underlined or struck through, and
announced to screen readers by generated text ("insertion start" …) that is
clipped from view, so it never shows and is never copied.
"""

STYLESHEET = """\
:root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #c8c8c8; --link: #0b4f9c;
        --open: #a34700; --ad-ref: #1d5c9e; --agreed: #2b6e2f; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: Georgia, "Times New Roman", serif; color: var(--ink); background: #fff;
       line-height: 1.55; margin: 0; }
main, header, footer { max-width: 52em; margin: 0 auto; padding: 0 1em; }
main.wide { max-width: 84em; }
a { color: var(--link); }
a:focus-visible, .table-wrap:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
.skip { position: absolute; left: -999em; }
.skip:focus { left: 1em; top: 1em; background: #fff; padding: 0.3em; }
.crumbs { list-style: none; padding: 0.8em 0 0; margin: 0; font-size: 0.9em; }
.crumbs li { display: inline; }
.crumbs li + li::before { content: " › "; color: var(--muted); }
h1 { font-size: 1.5em; line-height: 1.25; margin: 0.6em 0; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.2em 0 0.3em; }
footer { color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--line);
         margin-top: 3em; padding-top: 0.5em; }
.muted, .note { color: var(--muted); }
.masthead { text-align: right; font-size: 0.9em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2em 0 0.8em; }
.para { margin: 0.9em 0; padding-left: 0.6em; border-left: 3px solid transparent; }
.para.changed { border-left-color: var(--line); }
.para-head { margin: 0; font-weight: bold; }
.para-head .note { font-weight: normal; }
.status { font-size: 0.85em; font-weight: normal; padding: 0 0.35em; border: 1px solid;
          border-radius: 0.3em; white-space: nowrap; }
.status.open { color: var(--open); } .status.ad-ref { color: var(--ad-ref); }
.status.agreed { color: var(--agreed); }
.toc { background: #f4f4f4; padding: 0.2em 1em 0.5em; margin: 1em 0; }
.toc h2 { border: 0; margin-top: 0.5em; font-size: 1em; }
.toc ol { margin: 0; padding-left: 1.4em; }
.gap { color: var(--muted); font-style: italic; border-top: 1px dashed var(--line);
       border-bottom: 1px dashed var(--line); padding: 0.2em 0.6em; margin: 0.9em 0; }
.change-nav { font-size: 0.85em; margin: 0.2em 0; }
.change-nav a { margin-right: 1em; }
ins { color: #0a5c24; background: #e3f2e6; text-decoration: underline;
      text-decoration-thickness: 2px; }
del { color: #9c0d0d; background: #fbe9e9; text-decoration: line-through; }
.field { color: #2c4a66; font-style: italic; margin: 0.2em 0; }
tr.inserted { background: #e3f2e6; } tr.deleted { background: #fbe9e9; }
ins::before, ins::after, del::before, del::after {
  clip-path: inset(100%); clip: rect(1px, 1px, 1px, 1px); height: 1px; width: 1px;
  overflow: hidden; position: absolute; white-space: nowrap; }
ins::before { content: " [insertion start] "; } ins::after { content: " [insertion end] "; }
del::before { content: " [deletion start] "; } del::after { content: " [deletion end] "; }
u { text-decoration-style: dotted; }
sup.who, span.who { color: #5b2a76; }
sup.who { font-size: 0.75em; }
span.who { font-style: italic; }
.legend { font-size: 0.9em; color: var(--muted); }
table { border-collapse: collapse; margin: 0.8em 0; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid var(--line); padding: 0.25em 0.5em; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #f0f0f0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
.table-wrap table { font-size: 0.92em; }
.chart { max-width: 100%; height: auto; display: block; margin: 0.5em 0; }
.chart text { font-family: Georgia, serif; font-size: 13px; fill: #1a1a1a; }
.chart .open { fill: var(--open); } .chart .ad-ref { fill: var(--ad-ref); }
.chart .agreed { fill: var(--agreed); }
.chart .s0 { fill: #1d5c9e; } .chart .s1 { fill: #a34700; } .chart .s2 { fill: #5b2a76; }
.item { padding: 0.4em 0; } .item + .item { border-top: 1px solid var(--line); }
.item dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0.3em 0; }
.item dt { color: var(--muted); } .item dd { margin: 0; }
ul.plain { list-style: none; padding-left: 0; }
@media (max-width: 40em) { body { font-size: 1.05em; } .item dl { display: block; } }
@media print { .skip, .crumbs, .change-nav, .toc { display: none; } }
"""
