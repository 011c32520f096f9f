package dev.unstuck.sandbox.org;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The access tokens issued so far, and what a presented token is worth now. */
public final class Tokens {
    /** What a presented bearer token turned out to be. */
    public sealed interface Check {
        record Valid(Token token) implements Check {}
        record Unknown() implements Check {}
        record Expired(Token token) implements Check {}
        record Revoked(Token token) implements Check {}
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> issued = new HashMap<>();
    private final Set<String> revoked = new HashSet<>();
    private final Map<String, Org> grantsAtIssue = new HashMap<>();

    public Token issue(OAuthClient client, Instant now, Duration lifetime, Org grants) {
        return issue(client, Optional.empty(), now, lifetime, grants);
    }

    /** A token of a user who signed in through {@code client} (the authorization code grant). */
    public Token issue(OAuthClient client, Optional<String> userId, Instant now, Duration lifetime, Org grants) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Token token = new Token(value, client.id(), now, now.plus(lifetime), userId);
        issued.put(value, token);
        grantsAtIssue.put(value, grants);
        return token;
    }

    /** The org's clients, users and roles as they were when the token was issued (setting {@code tokenGrants: atIssue}). */
    public Org grantsAtIssue(Token token) {
        return grantsAtIssue.get(token.value());
    }

    public Check check(String value, Instant now) {
        Token token = issued.get(value);
        if (token == null) {
            return new Check.Unknown();
        }
        if (revoked.contains(value)) {
            return new Check.Revoked(token);
        }
        return token.expiredAt(now) ? new Check.Expired(token) : new Check.Valid(token);
    }

    /** Revokes one token (no matter whether it was issued). */
    public void revoke(String value) {
        revoked.add(value);
    }

    /** Revokes every token issued to the client (its users' included); returns how many were still live. */
    public int revokeClient(String clientId, Instant now) {
        return revokeWhere(t -> t.clientId().equals(clientId), now);
    }

    /** Revokes every token issued so far; returns how many were still live. */
    public int revokeAll(Instant now) {
        return revokeWhere(t -> true, now);
    }

    private int revokeWhere(Predicate<Token> which, Instant now) {
        int live = 0;
        for (Token t : issued.values()) {
            if (which.test(t) && revoked.add(t.value()) && !t.expiredAt(now)) {
                live++;
            }
        }
        return live;
    }
}
