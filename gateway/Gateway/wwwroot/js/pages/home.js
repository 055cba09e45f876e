// Home: what the platform offers, and the catalogue's strategies — all, or those concerning an area of the
// TERYT register chosen with the territory search (the catalogue answers ?territory=<code>).
import { api, query, h, t, fmtNumber, initLayout, showError, param } from '../core.js';
import { createTerritorySearch } from '../territory-search.js';

initLayout();
document.title = t('site.name');
const PAGE_SIZE = 100;
const list = document.getElementById('strategy-list');
const count = document.getElementById('strategy-count');
const statusBox = document.getElementById('strategies-status');
let seq = 0;

document.getElementById('strategy-territory').addEventListener('submit', e => e.preventDefault());
const territory = createTerritorySearch(document.getElementById('territory-field'), {
  id: 'f-territory', label: t('home.territory'), hint: t('home.territoryHint'), levels: ['voivodeship', 'powiat', 'gmina'],
  onChange: () => load({ push: true }),
});

const areaName = unit => unit.displayName || unit.name;

async function load({ push = false } = {}) {
  const area = territory.value;
  const q = query({ territory: area?.code });
  if (push) history.pushState(null, '', `${location.pathname}${q}`); else history.replaceState(null, '', `${location.pathname}${q}`);
  const mine = ++seq;
  document.body.dataset.busy = 'true';
  statusBox.replaceChildren();
  try {
    const page = await api(`/api/v1/catalogue/strategies${query({ territory: area?.code, pageSize: PAGE_SIZE })}`);
    if (mine !== seq) return;
    render(page, area);
  } catch (e) {
    if (mine !== seq) return;
    list.replaceChildren();
    count.textContent = '';
    showError(statusBox, e);
  } finally {
    if (mine === seq) delete document.body.dataset.busy;
  }
}

function render(page, area) {
  const n = fmtNumber(page.total);
  count.textContent = [area ? t('home.countArea', { unit: areaName(area), n }) : t('home.countAll', { n }),
    page.total > page.items.length ? t('home.more', { n: page.items.length, total: page.total }) : ''].filter(Boolean).join(' ');
  if (!page.items.length) {
    list.replaceChildren(h('li.muted', null, area ? t('home.noneArea', { unit: areaName(area) }) : t('home.noneAll')));
    return;
  }
  list.replaceChildren(...page.items.map(s => h('li', { dataset: { strategyId: s.id } },
    h('h3', null, h('a', { href: `strategy.html${query({ strategy: s.id })}` }, s.name)),
    h('div.zone-facts', null,
      s.owner?.name ? h('span', null, `${t('home.owner')}: `, h('strong', null, s.owner.name)) : null,
      h('span', null, `${t('home.period')}: `, h('strong', null, `${s.periodFrom}–${s.periodTo}`)),
      h('span', null, `${t('home.directions')}: `, h('strong', null, fmtNumber(s.directionCount)))))));
}

async function fromAddress() {
  try {
    await territory.setValue(param('territory') || null);
  } catch (e) {
    // a code the register does not know: the whole catalogue, and why
    territory.clear();
    await load();
    showError(statusBox, e);
    return;
  }
  await load();
}

window.addEventListener('popstate', fromAddress);
await fromAddress();
document.body.dataset.ready = 'true';
