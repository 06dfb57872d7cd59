/**
 * @module browser/assets
 * Types only: stylesheets imported by browser scripts for their side effect. esbuild emits them as
 * a .css file beside the script's bundle (e.g. dist/static/js/altcha.css); there is no JS value.
 */
declare module '*.css';
