/** `node --import` entry: installs ts-loader.mjs (see there). */
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
