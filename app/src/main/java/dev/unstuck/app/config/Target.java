package dev.unstuck.app.config;

import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.Region;

/** The org a command acts on: where it is, who we are there, and how fast we may go. */
public record Target(String org, Region region, Credentials credentials, ClientSettings settings) {
}
