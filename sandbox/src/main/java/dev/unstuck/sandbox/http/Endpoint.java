package dev.unstuck.sandbox.http;

/** One Genesys-facing endpoint: answers a call that passed faults, authentication and the rate limit. */
@FunctionalInterface
interface Endpoint {
    /** Throws {@link PlatformError} for a failed check (400, 403, 404, 409...). */
    Answer handle(Call call);
}
