// The municipality root public key compiled into this build [Note: pinned root key].
declare const __ROOT_PUBLIC_KEY__: string;

export const PINNED_ROOT_PUBLIC_KEY: string = __ROOT_PUBLIC_KEY__;
