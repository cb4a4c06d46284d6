/**
 * Paste clean-up lives in core (core/import/clean-blocks.ts), shared with the Word importer, so that the same
 * text pasted or imported gives the same structure. Re-exported here for the editor's paste hooks.
 */
export * from '../../core/import/clean-blocks.js';
