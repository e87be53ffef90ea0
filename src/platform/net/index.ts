export { AddressGuard } from './address-guard.js';
