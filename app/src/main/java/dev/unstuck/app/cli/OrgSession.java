package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.Target;
import dev.unstuck.core.genesys.CallRecord;
import dev.unstuck.core.genesys.GenesysClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One command's link to one org: the config it read, the org it resolved and a client to it. Every
 * API call is kept so commands can report how many calls a job cost.
 */
final class OrgSession {
    private final ConfigFile config;
    private final Target target;
    private final GenesysClient client;
    private final List<CallRecord> calls = Collections.synchronizedList(new ArrayList<>());

    private OrgSession(ConfigFile config, Target target) {
        this.config = config;
        this.target = target;
        this.client = GenesysClient.create(target.region(), target.credentials(), target.settings());
        this.client.onCall(calls::add);
    }

    /** A session for an org already resolved (watch runs one per org of the config file). */
    static OrgSession of(ConfigFile config, Target target) {
        return new OrgSession(config, target);
    }

    ConfigFile config() {
        return config;
    }

    Target target() {
        return target;
    }

    GenesysClient client() {
        return client;
    }

    List<CallRecord> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
