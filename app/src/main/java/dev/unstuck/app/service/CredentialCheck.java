package dev.unstuck.app.service;

import dev.unstuck.core.access.AccessCheck;
import dev.unstuck.core.access.Permissions;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.TokenInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether each org's credentials work, for {@code /api/v1/orgs}, {@code unstuck_org_up} and
 * {@code unstuck_org_credentials_ok}: {@code tokens/me} once every {@code every} (on the service's clock),
 * and at every tick while Genesys does not answer, so a passing outage ends as soon as it does.
 *
 * <p>While the token endpoint refuses the org's client, each check asks the login service for a new token:
 * the client's memory of the refusal (a minute) cannot then hide an administrator's fix, which shows at the
 * first check after Genesys applies it (docs/service.md, "Credential recovery"). A refused act clears once
 * the client's roles, read again, grant what it lacked, and a token issued after that read is taken, so
 * it carries the grant even where a token keeps the grants of its issue; a client that may not read its
 * roles ({@code authorization:role:view}) clears it at its next ending that succeeds.
 */
record CredentialCheck(Clock clock, Duration every) {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.serve");

    /**
     * Checks the org if a check is due; otherwise does nothing. True when this check found the token
     * endpoint granting the org's client again after refusing it.
     */
    boolean checkIfDue(OrgRuntime org) {
        Instant now = clock.instant();
        boolean due = !org.lastCredentialCheck().plus(every).isAfter(now);
        boolean outage = org.unreachable().isPresent() && org.credentialProblem().isEmpty();
        if (!due && !outage) {
            return false;
        }
        boolean wasRefused = org.credentialProblem().isPresent();
        check(org, now);
        return wasRefused && org.credentialProblem().isEmpty() && org.unreachable().isEmpty();
    }

    private void check(OrgRuntime org, Instant now) {
        Optional<String> problem;
        Optional<String> unreachable = Optional.empty();
        try {
            TokenInfo token = org.credentialProblem().isPresent() ? org.client().tokenInfoOnNewToken() : org.client().tokenInfo();
            problem = Optional.empty();
            org.actsRefused().ifPresent(acts -> recheck(org, acts, token));
        } catch (GenesysException e) {
            boolean rejected = e.status() == 401 || e.status() == 403 || e.status() == 400;
            problem = rejected ? Optional.of("credentials refused (" + e.status() + "): " + e.getMessage())
                    : org.credentialProblem(); // a passing outage says nothing about the credentials
            unreachable = rejected ? Optional.empty() : Optional.of("Genesys Cloud does not answer: " + e.getMessage());
        }
        if (unreachable.isPresent() != org.unreachable().isPresent()) {
            LOG.info("[{}] Genesys Cloud {}", org.name(), unreachable.isPresent() ? "does not answer" : "answers");
        }
        org.reached(unreachable);
        if (!problem.equals(org.credentialProblem())) {
            LOG.info("[{}] credentials {}", org.name(), problem.map(p -> "not working: " + p).orElse("working"));
        }
        org.credentialsChecked(problem, now);
    }

    /**
     * Clears a refused act once the roles the client holds now grant every permission it lacked, on a token
     * issued after the roles were read (an earlier one may lack the grant).
     */
    private static void recheck(OrgRuntime org, OrgRuntime.ActsRefused acts, TokenInfo token) {
        Optional<List<String>> granted = AccessCheck.granted(org.client(), token);
        if (granted.isEmpty()) {
            org.actsRefusedUnseen(); // roles unreadable: the next ending that succeeds says the permission is back
            return;
        }
        List<String> still = acts.permissions().stream().filter(p -> !Permissions.anyCovers(granted.get(), p)).toList();
        if (still.isEmpty()) {
            org.client().tokenInfoOnNewToken();
            LOG.info("[{}] the OAuth client's roles grant {} again: acts allowed", org.name(), String.join(", ", acts.permissions()));
            org.actsAllowed();
        }
    }
}
