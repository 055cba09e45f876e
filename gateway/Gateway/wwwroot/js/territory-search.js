// Territory search: an accessible combobox over the TERYT register (labour's GET /api/v1/territory/units).
// Every unit name the portal shows for a choice comes from here; no page keeps its own list of units.
// Pattern: WAI-ARIA APG "editable combobox with list autocomplete" — focus stays in the input,
// the active option is announced through aria-activedescendant.
import { api, query, h, t, locale } from './core.js';

const DEBOUNCE_MS = 200;
const MIN_CHARS = 2;
const LIMIT = 20;
let instances = 0;

/** The kind of a unit in words ("gmina miejsko-wiejska", "powiat", "delegatura"). */
export function unitKind(unit) {
  const key = unit.kind ? `territory.kind.${unit.kind}` : `territory.level.${unit.level}`;
  const text = t(key);
  if (text !== key) return text;
  return unit.description || t(`territory.level.${unit.level}`);
}

// TERC writes powiat names as lower-case adjectives ("krakowski"); a city with powiat rights keeps its name ("Kraków").
const isCityName = name => !!name && name[0] !== name[0].toLocaleLowerCase('pl-PL');

/** A powiat by its register name: "powiat krakowski", "miasto na prawach powiatu Kraków". */
export function powiatName(name) {
  return t(isCityName(name) ? 'territory.inCityPowiat' : 'territory.inPowiat', { name });
}

/**
 * Where a unit lies, nearest first, from its path (names from the voivodeship down to the unit):
 * ["powiat krakowski", "małopolskie"] — what tells the two Czernichów gminy apart.
 */
export function unitContext(unit) {
  const ancestors = (unit.path ?? []).slice(0, -1);
  const parts = [];
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const name = ancestors[i];
    if (i === 0) parts.push(name);
    else if (i === 1) {
      parts.push(isCityName(name) && name === unit.name ? t('territory.cityPowiat') : powiatName(name));
    } else if (!(isCityName(ancestors[1]) && ancestors[1] === name)) {
      // a town or rural part, a district: its gmina (left out when it is the city with powiat rights itself)
      parts.push(t('territory.inGmina', { name }));
    }
  }
  return parts;
}

/** "Skawina — gmina miejsko-wiejska, powiat krakowski, małopolskie". */
export function unitLabel(unit) {
  return `${unit.name} — ${[unitKind(unit), ...unitContext(unit)].join(', ')}`;
}

const details = new Map();
/** A unit of the register with its path and counts of units under it (GET /api/v1/territory/units/{code}); cached per page. */
export function loadUnit(code) {
  if (!details.has(code)) {
    const request = api(`/api/v1/territory/units/${encodeURIComponent(code)}`);
    request.catch(() => details.delete(code));
    details.set(code, request);
  }
  return details.get(code);
}

function plural(n, key) {
  const form = new Intl.PluralRules(locale).select(n);
  return t(`${key}.${form === 'one' ? 'one' : form === 'few' ? 'few' : 'many'}`, { n });
}

/**
 * Builds the combobox into `container` (a .field). Options:
 *  id       – the input's id (the listbox and options derive theirs from it)
 *  label    – the visible label
 *  levels   – allowed levels (UnitLevels: voivodeship, powiat, gmina, gmina_part, district, country); empty = all
 *  within   – only units inside this code
 *  onChange – called with the chosen unit (as the register answers it) or null when the choice is cleared
 * Returns { input, get value(), setValue(code, { emit }), clear({ emit }) }.
 */
export function createTerritorySearch(container, { id, label, levels = [], within, onChange, hint } = {}) {
  const n = ++instances;
  id ??= `territory-${n}`;
  const listId = `${id}-listbox`, hintId = `${id}-hint`, chosenId = `${id}-chosen`;
  let selected = null;
  let results = [];
  let active = -1;
  let seq = 0;
  let timer = 0;

  const input = h('input', {
    id, type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': `${hintId} ${chosenId}`,
  });
  const clearButton = h('button.ts-clear', { type: 'button', 'aria-label': t('territory.clear'), title: t('territory.clear'), hidden: true }, '×');
  const listbox = h('ul.ts-listbox', { id: listId, role: 'listbox', 'aria-label': label });
  const message = h('p.ts-message');
  const popup = h('div.ts-popup', { hidden: true }, message, listbox);
  const status = h('div.visually-hidden', { role: 'status', 'aria-live': 'polite' });
  const chosen = h('p.ts-chosen.small.muted', { id: chosenId });
  const root = h('div.territory-search', { dataset: { territorySearch: id } },
    h('label', { for: id }, label),
    h('div.ts-combo', null, input, clearButton, popup),
    h('p.hint', { id: hintId }, hint ?? t('territory.hint')),
    chosen, status);
  container.append(root);

  function showChosen() {
    input.value = selected ? selected.name : '';
    chosen.textContent = selected ? t('territory.chosen', { label: unitLabel(selected) }) : '';
    clearButton.hidden = !selected;
  }

  /** Hides the list and forgets a search still waiting or under way. */
  function close() {
    clearTimeout(timer);
    seq++;
    popup.hidden = true;
    listbox.replaceChildren();
    results = [];
    setActive(-1);
    input.setAttribute('aria-expanded', 'false');
  }

  function say(text, { visible = true } = {}) {
    status.textContent = text;
    message.textContent = visible ? text : '';
    message.hidden = !visible || !text;
  }

  function setActive(index) {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index < 0) { input.removeAttribute('aria-activedescendant'); return; }
    const li = listbox.children[index];
    input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  function show(items, total, text) {
    results = items;
    listbox.replaceChildren(...items.map((u, i) => h('li.ts-option', {
      id: `${id}-option-${i}`, role: 'option', 'aria-selected': 'false', dataset: { code: u.code, level: u.level },
      onmousedown: e => e.preventDefault(),   // keep the focus in the input
      onmousemove: () => { if (active !== i) setActive(i); },
      onclick: () => choose(i),
    }, h('span.ts-name', null, u.name), ' ', h('span.ts-context', null, `— ${[unitKind(u), ...unitContext(u)].join(', ')}`),
      ' ', h('span.ts-code', null, u.code))));
    popup.hidden = false;
    input.setAttribute('aria-expanded', String(items.length > 0));
    setActive(-1);
    if (!items.length) { say(t('territory.none', { q: text })); return; }
    if (total > items.length) say(t('territory.more', { n: items.length, total }));
    else say(plural(items.length, 'territory.found'), { visible: false });
  }

  async function search(text) {
    const mine = ++seq;
    if (text.length < MIN_CHARS) {
      listbox.replaceChildren();
      results = [];
      setActive(-1);
      input.setAttribute('aria-expanded', 'false');
      popup.hidden = false;
      say(t('territory.tooShort', { n: MIN_CHARS }));
      return;
    }
    listbox.setAttribute('aria-busy', 'true');
    try {
      // One allowed level goes to the register as a filter; several are filtered here from a larger page.
      const single = levels.length === 1 ? levels[0] : undefined;
      const answer = await api(`/api/v1/territory/units${query({ q: text, level: single, within, pageSize: single || !levels.length ? LIMIT : 100 })}`);
      if (mine !== seq) return;
      const items = answer.items.filter(u => !levels.length || levels.includes(u.level));
      const total = single || !levels.length ? answer.total : items.length;
      show(items.slice(0, LIMIT), total, text);
    } catch (e) {
      if (mine !== seq) return;
      listbox.replaceChildren();
      results = [];
      setActive(-1);
      input.setAttribute('aria-expanded', 'false');
      popup.hidden = false;
      say(t('territory.error', { detail: e?.problem?.detail || e?.message || String(e) }));
    } finally {
      if (mine === seq) listbox.removeAttribute('aria-busy');
    }
  }

  function choose(index) {
    const unit = results[index];
    if (!unit) return;
    close();
    setSelected(unit, true);
  }

  function setSelected(unit, emit) {
    const changed = (selected?.code ?? null) !== (unit?.code ?? null);
    selected = unit;
    showChosen();
    if (!emit) return;
    say(unit ? t('territory.chosen', { label: unitLabel(unit) }) : t('territory.cleared'), { visible: false });
    if (changed) onChange?.(unit);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    timer = setTimeout(() => search(text), DEBOUNCE_MS);
  });
  // The native change of the text is not a choice; the page hears about choices through onChange only.
  input.addEventListener('change', e => e.stopPropagation());
  input.addEventListener('focus', () => input.select());
  input.addEventListener('keydown', e => {
    const open = !popup.hidden && results.length > 0;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (open) setActive(active + 1 >= results.length ? 0 : active + 1);
        else { clearTimeout(timer); search(input.value.trim()).then(() => { if (results.length && active < 0) setActive(0); }); }
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (open) setActive(active <= 0 ? results.length - 1 : active - 1);
        break;
      case 'Enter':
        if (open && active >= 0) { e.preventDefault(); choose(active); }
        else if (!input.value.trim() && selected) { e.preventDefault(); close(); setSelected(null, true); }
        break;
      case 'Escape':
        if (!popup.hidden) { e.preventDefault(); close(); say('', { visible: false }); }
        else if (input.value !== (selected?.name ?? '')) { e.preventDefault(); showChosen(); }
        break;
      case 'Tab':
        close();
        break;
      default:
        break;
    }
  });
  // Leaving the field: an emptied field clears the choice; a half-typed text goes back to the chosen unit.
  input.addEventListener('blur', () => {
    close();
    message.hidden = true;
    if (!input.value.trim() && selected) setSelected(null, true);
    else showChosen();
  });
  clearButton.addEventListener('click', () => {
    close();
    setSelected(null, true);
    input.focus();
  });
  showChosen();

  return {
    input,
    element: root,
    get value() { return selected; },
    /** Shows the unit with this code as chosen (from the register); onChange only when emit is true. */
    async setValue(code, { emit = false } = {}) {
      if (!code) { setSelected(null, emit); return null; }
      const unit = (await loadUnit(code)).unit;
      setSelected(unit, emit);
      return unit;
    },
    clear({ emit = false } = {}) { close(); setSelected(null, emit); },
  };
}
