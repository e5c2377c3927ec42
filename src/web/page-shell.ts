import { html, type SafeHtml } from './html';
import { ASSET_VERSION } from './static-assets';

/** A whole page: the stylesheet and the one script come from /web/static (the CSP allows nothing inline). */
export function renderPage(opts: { title: string; body: SafeHtml; live?: { stateUrl: string; version: string } }): string {
  const live = opts.live ? html` data-state-url="${opts.live.stateUrl}" data-version="${opts.live.version}"` : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${opts.title} · Process Factory</title>
<link rel="stylesheet" href="/web/static/app.css?v=${ASSET_VERSION}">
<script src="/web/static/app.js?v=${ASSET_VERSION}" defer></script>
</head>
<body${live}>
<a class="skip" href="#main">Skip to content</a>
<main id="main">
${opts.body}
</main>
</body>
</html>
`.value;
}

/** The refusal and not-found pages: what happened and what to do, nothing about any run. */
export function renderProblemPage(status: number, title: string, advice: string): string {
  return renderPage({ title, body: html`<section class="problem"><h1>${status} · ${title}</h1><p>${advice}</p></section>` });
}
