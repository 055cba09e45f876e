// Chart.js with every controller, scale and plugin registered: the portal's charts.
import { Chart, registerables } from 'chart.js';

Chart.register(...registerables);
export { Chart };
