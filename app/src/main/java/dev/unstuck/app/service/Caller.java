package dev.unstuck.app.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who called the service, as the audit records it: an API token's name, an OIDC subject or a person
 * signed in with Genesys Cloud, and the role it was granted. Never holds the credential itself.
 *
 * @param person present for a person signed in with Genesys Cloud: their org, id, and where they may end
 */
public record Caller(String name, Role role, String via, Optional<Person> person) {

    /**
     * A person signed in with their Genesys Cloud account.
     *
     * @param endDivisions the divisions where their Genesys roles grant {@code conversation:communication:disconnect}
     * @param csrfToken what a state-changing request made with their session cookie must send in {@code X-CSRF-Token}
     */
    public record Person(String org, String userId, List<String> endDivisions, String csrfToken) {
        public Person {
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(userId, "userId");
            endDivisions = List.copyOf(endDivisions);
            Objects.requireNonNull(csrfToken, "csrfToken");
        }
    }

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(person, "person");
    }

    /** A machine's caller: a token or a JWT, with no org or division of its own. */
    public Caller(String name, Role role, String via) {
        this(name, role, via, Optional.empty());
    }

    /**
     * The audit's "requested by": {@code token:billing-backend}, {@code oidc:alice@example.com}, or for a
     * person signed in with Genesys Cloud their name and Genesys user id, {@code genesys:Sam Supervisor (3f2b…)}.
     */
    public String auditName() {
        return via + ":" + name + person.map(p -> " (" + p.userId() + ")").orElse("");
    }
}
