import { createHash } from 'node:crypto';
import { COUNTRY_MAP_CSS } from '../map/country-map';
import { MAP_CSS } from '../map/world-map';

/**
 * The site's one stylesheet, served from `/assets/site.css` so pages can run
 * under `style-src 'self'` with no inline styles. Text colours meet WCAG AA
 * (4.5:1) on their backgrounds; focus is a thick outline on everything
 * focusable; the layout is a single column that works down to 320px.
 */
const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1b1b1b;background:#fff}
a{color:#0b4f9c;text-underline-offset:.15em}
a:visited{color:#54278f}
a:hover{color:#062e5c}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.skip-link{position:absolute;left:-999px;top:0;background:#1b1b1b;color:#fff;padding:.5rem 1rem;z-index:10}
.skip-link:focus{left:.5rem;top:.5rem;color:#fff}
.site-header{background:#112e51;color:#fff;border-bottom:4px solid #02bfe7}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.site-name{color:#fff;font-weight:700;font-size:1.25rem;text-decoration:none}
.site-name:visited,.site-name:hover{color:#fff}
.site-header :focus-visible{outline-color:#fff}
.site-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0;list-style:none}
.site-nav a{color:#fff;text-decoration:none;padding:.25rem 0;border-bottom:2px solid transparent}
.site-nav a:visited{color:#fff}
.site-nav a:hover,.site-nav a[aria-current="page"]{border-bottom-color:#fff}
.wrap{max-width:72rem;margin:0 auto;padding-left:1rem;padding-right:1rem}
main{display:block;padding-top:1.5rem;padding-bottom:2rem}
h1{font-size:1.75rem;line-height:1.2;margin:0 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.lead{font-size:1.125rem;max-width:48rem}
.site-footer{border-top:1px solid #d6d7d9;background:#f1f1f1;color:#3d3d3d;padding:1rem 0;font-size:.9rem}
.site-footer a{color:#0b4f9c}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #a9aeb1}
thead th{border-bottom:2px solid #1b1b1b}
.table-scroll{overflow-x:auto}
.progress-row{margin:.5rem 0 1rem}
.progress-label{margin:0 0 .25rem}
.progress-row progress{width:100%;max-width:32rem;height:1.25rem}
.map-figure{margin:0 0 1rem}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;margin:.5rem 0;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:.4rem}
.swatch{display:inline-block;width:1.1rem;height:1.1rem;border:1px solid #6b6b6b;flex:none}
.swatch.lvl-none{background:var(--map-lvl-none)}
.swatch.lvl-1{background:var(--map-lvl-1)}
.swatch.lvl-2{background:var(--map-lvl-2)}
.swatch.lvl-3{background:var(--map-lvl-3)}
.swatch.lvl-4{background:var(--map-lvl-4)}
.level-meaning{display:inline-block;margin-left:.25rem}
.level{display:inline-block;font-weight:700;padding:.15rem .5rem;border-radius:.2rem;border:2px solid currentColor}
.level-1,a.level-1:visited,a.level-1:hover{background:#fff4cc;color:#1b1b1b}
.level-2,a.level-2:visited,a.level-2:hover{background:#ffe0c7;color:#1b1b1b}
.level-3,a.level-3:visited,a.level-3:hover{background:#fde2e2;color:#8b0000}
.level-4,a.level-4:visited,a.level-4:hover{background:#800026;color:#fff}
.badges{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0;padding:0;list-style:none}
.badge{display:inline-block;padding:.1rem .5rem;border:1px solid #3d3d3d;border-radius:1rem;background:#f1f1f1;color:#1b1b1b;font-size:.9rem}
.badge abbr{text-decoration:none;font-weight:700}
.tlp{padding:.75rem 1rem;margin:0 0 1rem;border-left:6px solid #1b1b1b;background:#f1f1f1}
.tlp-green{border-left-color:#33ff00;background:#1b1b1b;color:#fff}
.tlp-amber{border-left-color:#ffc000;background:#1b1b1b;color:#fff}
.tlp strong{letter-spacing:.03em}
.notice{padding:.75rem 1rem;border:2px solid #1b1b1b;background:#fff8e1;margin:0 0 1rem}
.health-failing strong{color:#8a1c1c}
.health-ok strong{color:#1e5631}
.kind{display:block;text-transform:uppercase;letter-spacing:.05em;font-size:.85rem;font-weight:700;color:#3d3d3d}
.items{list-style:none;margin:0;padding:0}
.items>li{border-top:1px solid #d6d7d9;padding:.75rem 0}
.items>li:last-child{border-bottom:1px solid #d6d7d9}
.items h3{margin:.1rem 0 .25rem;font-size:1.05rem}
.meta{color:#3d3d3d;font-size:.9rem;margin:.25rem 0}
.body{max-width:48rem}
.body pre{overflow-x:auto;background:#f1f1f1;padding:.5rem}
.body blockquote{margin-left:0;padding-left:1rem;border-left:4px solid #a9aeb1}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
.search{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem;margin:.5rem 0 1rem}
.search label{display:block;font-weight:700;width:100%}
.search input{font:inherit;padding:.4rem .5rem;border:2px solid #565c65;border-radius:.2rem;min-width:0;flex:1 1 14rem;max-width:24rem}
.search button{font:inherit;padding:.45rem 1rem;border:2px solid #0b4f9c;border-radius:.2rem;background:#0b4f9c;color:#fff;cursor:pointer}
.search button:hover{background:#062e5c;border-color:#062e5c}
.links{padding-left:1.25rem}
.columns{columns:16rem auto;column-gap:2rem}
.site-search{display:flex;gap:.25rem;margin:0}
.site-search input{font:inherit;padding:.3rem .5rem;border:2px solid #fff;border-radius:.2rem;width:12rem;max-width:50vw;background:#fff;color:#1b1b1b}
.site-search button{font:inherit;padding:.3rem .75rem;border:2px solid #fff;border-radius:.2rem;background:#112e51;color:#fff;cursor:pointer}
.site-search button:hover{background:#062e5c}
.search-layout{display:grid;grid-template-columns:minmax(12rem,16rem) 1fr;gap:1.5rem;align-items:start}
.facets h3{font-size:1rem;margin:.75rem 0 .25rem}
.facets ul{margin:0;padding:0;list-style:none}
.facets li{margin:.15rem 0}
.facets a[aria-current]{font-weight:700;color:#1b1b1b}
.facets .count{color:#3d3d3d}
.snippet{margin:.25rem 0 0;max-width:48rem}
.snippet mark{background:#fff1b8;color:#1b1b1b;padding:0 .1em}
@media (max-width:48rem){.search-layout{grid-template-columns:1fr}.search-hits{order:-1}}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.account{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;margin:0;color:#fff;font-size:.95rem}
.account a,.account a:visited{color:#fff}
.link-button{font:inherit;background:none;border:0;padding:0;color:#fff;text-decoration:underline;cursor:pointer}
.button,a.button{display:inline-block;font:inherit;font-weight:600;line-height:1.25;padding:.55rem 1.1rem;border:2px solid #0b4f9c;border-radius:.2rem;background:#0b4f9c;color:#fff;text-decoration:none;cursor:pointer}
a.button:visited{color:#fff}
.button:hover,a.button:hover{background:#062e5c;border-color:#062e5c;color:#fff}
.button.secondary,a.button.secondary{background:#fff;color:#0b4f9c}
.button.secondary:hover,a.button.secondary:hover{background:#e7f0fa;color:#062e5c}
.button.small{padding:.2rem .6rem;font-size:.9rem}
.button-row{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-start;margin:1rem 0}
.stack{max-width:44rem}
.field{margin:0 0 1.25rem;padding:0;border:0}
.field>label,.field>legend{display:block;font-weight:700;margin-bottom:.25rem;padding:0}
.field input[type=text],.field input[type=email],.field input[type=tel],.field input[type=url],.field input[type=number],.field input[type=date],.field input[type=datetime-local],.field select,.field textarea{display:block;width:100%;font:inherit;padding:.45rem .5rem;border:2px solid #565c65;border-radius:.2rem;background:#fff;color:#1b1b1b}
.field textarea{min-height:4rem;resize:vertical}
.field .input-short{max-width:8rem}
.field .input-medium{max-width:18rem}
.optional{font-weight:400;color:#3d3d3d}
.hint{margin:0 0 .35rem;color:#3d3d3d;font-size:.95rem}
.has-error{border-left:4px solid #b50909;padding-left:.75rem}
.has-error input,.has-error select,.has-error textarea{border-color:#b50909}
.chosen-countries{display:grid;gap:.35rem;margin:.25rem 0 .75rem;padding:0;list-style:none}
.chosen-countries:empty{display:none}
.chosen-country{display:flex;align-items:center;gap:.5rem}
.chosen-country .link-button{color:#0b4f9c}
.picker-add{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem}
.picker-add>label,.picker-add>.hint{flex-basis:100%;font-weight:700;margin:0}
.picker-add>.hint{font-weight:400}
.picker-add select,.picker-add .combobox-input{max-width:24rem}
.combobox-list{margin:.25rem 0 0;padding:0;list-style:none;border:2px solid #565c65;border-radius:.2rem;max-width:24rem;background:#fff;flex-basis:100%}
.combobox-list li{padding:.4rem .5rem;cursor:pointer}
.combobox-list li[aria-selected=true]{background:#0b4f9c;color:#fff}
.get-alerts{margin:.5rem 0 1rem}
.field-error{margin:0 0 .35rem;color:#b50909;font-weight:700}
.choice-list{display:grid;gap:.35rem}
.choice{display:flex;align-items:flex-start;gap:.5rem}
.choice input{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none;accent-color:#0b4f9c}
.error-summary{border:4px solid #b50909;padding:.75rem 1rem;margin:0 0 1.5rem;max-width:44rem}
.error-summary h2{margin-top:0;font-size:1.2rem}
.error-summary a{color:#b50909;font-weight:700}
.preview{margin:0 0 1.5rem}
.preview-frame{border:2px dashed #565c65;padding:.75rem 1rem;max-width:48rem}
.changes ins{background:#dcefdc;text-decoration:underline;color:#1b1b1b}
.changes del{background:#f9dede;color:#1b1b1b}
.changes td p{margin:.25rem 0}
.warning{padding:.75rem 1rem;border-left:6px solid #8a4b00;background:#fff3e0;margin:0 0 1rem;max-width:48rem}
.confirm-box{border:4px solid #112e51;padding:1rem;max-width:44rem;margin:0 0 1.5rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.filters .field{margin:0}
.preview-headline{font-size:1.2rem;font-weight:700;margin:.25rem 0 .5rem}
.breadcrumb{margin:0 0 .5rem}
.step-form{display:inline-block}
.step-form .field{margin-bottom:.75rem}
section>.step-form{display:block;margin-top:1rem;max-width:24rem}
.inline-form{display:inline;margin:0}
.secret-box{border:4px solid #0b4f9c;padding:.75rem 1rem;margin:0 0 1.5rem;background:#e7f0fa}
.secret-box h2{margin-top:0}
.secret{width:100%;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.95rem;padding:.4rem;border:2px solid #565c65}
.message-text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:48rem;margin:0 0 1rem;padding:.75rem 1rem;background:#f1f1f1;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.95rem}
.message-header{overflow-wrap:anywhere}
.message-html{display:block;width:100%;max-width:48rem;height:32rem;border:2px solid #565c65;background:#fff}
@media (max-width:40rem){h1{font-size:1.5rem}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.5rem}th,td{padding:.35rem .3rem}}
@media (forced-colors:active){.swatch{forced-color-adjust:none}.level,.badge,.tlp{border:1px solid CanvasText}}
`.trim();

/** The whole stylesheet: site styles plus the map's. */
export const SITE_CSS = `${BASE_CSS}\n${MAP_CSS}\n${COUNTRY_MAP_CSS}\n.map-figure{margin:1rem 0}\n.place-tools{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}\n.place-tools[hidden]{display:none}\n`;

/** A content hash of the stylesheet: its ETag and the cache-busting query on its URL. */
export const SITE_CSS_HASH = createHash('sha256').update(SITE_CSS).digest('base64url').slice(0, 16);

/** Where pages link the stylesheet; the hash changes the URL whenever the CSS changes, so it may be cached for a year. */
export const SITE_CSS_URL = `/assets/site.css?v=${SITE_CSS_HASH}`;
