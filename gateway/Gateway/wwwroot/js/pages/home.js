import { initLayout } from '../core.js';

initLayout();
document.title = document.documentElement.lang === 'en' ? 'Development strategy platform' : 'Platforma strategii rozwoju';
document.body.dataset.ready = 'true';
