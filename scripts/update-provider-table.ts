// Rewrites the provider table in README.md from the registry (`npm run providers:table`).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderProviderTable, TABLE_END, TABLE_START } from '../libs/providers/src/catalog.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const start = readme.indexOf(TABLE_START);
const end = readme.indexOf(TABLE_END);
if (start === -1 || end === -1) throw new Error('README.md has no provider-table markers');
writeFileSync(path, readme.slice(0, start) + renderProviderTable() + readme.slice(end + TABLE_END.length));
console.log('README.md provider table updated');
