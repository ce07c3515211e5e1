/**
 * Credentials for tools that talk to the local cloud: it needs a signature to know who calls,
 * not a real account, so any non-empty pair works; these are the ones the hints print.
 */
export const LOCAL_DUMMY_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
