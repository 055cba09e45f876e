// ExcelJS's browser build, loaded only when a reader downloads a table as XLSX.
import ExcelJS from 'exceljs/dist/exceljs.min.js';

export { ExcelJS };
