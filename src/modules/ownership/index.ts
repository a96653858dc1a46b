export { initialOwner, type InitialOwner } from './initial-owner.js';
