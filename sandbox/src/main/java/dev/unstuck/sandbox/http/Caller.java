package dev.unstuck.sandbox.http;

import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Token;

/** Who is calling the Genesys-facing API: the OAuth client behind a valid bearer token. */
record Caller(OAuthClient client, Token token) {}
