/**
 * The few Genesys Cloud Platform API calls unstuck makes: {@link dev.unstuck.core.genesys.GenesysClient}
 * with its token, retries, rate limit and call records; regions, credentials and settings as values.
 */
package dev.unstuck.core.genesys;
