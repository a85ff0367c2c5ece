/** The release gate's message to the open pages when it refused an update [Note: release gate]. */
export const RELEASE_REFUSED = 'release-refused';
