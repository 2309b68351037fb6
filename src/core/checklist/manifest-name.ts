// The file that makes a folder a checklist pack. Its own module (no imports), so finding packs
// does not load the pack loader.
export const MANIFEST = 'pack.yaml';
