import type { Migration } from './index';

// PLACEHOLDER owned by the store/importer work (issue 4): the core schema.
export const migration001Core: Migration = {
  name: 'core schema',
  up(db) {
    db.exec(`
      CREATE TABLE documents (id INTEGER PRIMARY KEY);
      CREATE TABLE cases (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id));
    `);
  },
};
