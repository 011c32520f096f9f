package dev.unstuck.sandbox.http;

import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Token;

/**
 * Who is calling the Genesys-facing API: the OAuth client behind a valid bearer token, and the org as that
 * token's grants see it (the org now, or as it was when the token was issued: setting {@code tokenGrants}).
 */
record Caller(OAuthClient client, Token token, Org grants) {}
