// Leaflet as an ES module for the portal's maps.
import L from 'leaflet';

export { L };
