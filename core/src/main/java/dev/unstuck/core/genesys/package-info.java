/**
 * The few Genesys Cloud Platform API calls unstuck makes: {@link dev.unstuck.core.genesys.GenesysClient}
 * with its token, retries, rate limit and call records; regions, credentials and settings as values;
 * {@link dev.unstuck.core.genesys.NotificationChannel} for the notification stream, so unstuck can hear
 * about queues and conversations instead of polling them.
 */
package dev.unstuck.core.genesys;
