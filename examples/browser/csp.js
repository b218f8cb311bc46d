// This page's Content-Security-Policy allows no eval: zod must not even try to compile its
// validators (it would fall back by itself, but the browser logs the refused attempt as a CSP
// violation). main.js imports this module first, so that the setting holds before the
// library's rulesets load, and reads it, so that no bundler drops the module as unused.
import { config } from 'zod';

/** zod's global settings, made for this page: validators interpreted, never compiled. */
export const zodSettings = config({ jitless: true });
