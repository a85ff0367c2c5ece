// English words of the running build's release (see release-pl.ts).
export const enRelease = {
  release: 'App release',
  releaseSigned: "signed, this page's files match",
  releaseUnsigned: 'unsigned (the server publishes no file list)',
  releaseBad: 'DOES NOT MATCH the signed release: tell the municipal administrator',
  releaseHint:
    'Compare this number with the release number the municipality publishes. Anyone can check the server with npm run verify.',
};
