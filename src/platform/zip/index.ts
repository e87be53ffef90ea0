export { bufferZip, checkExpandedSize, withFileZip, ZipRefused } from './expanded.js';
