/**
 * What an OAuth client may do: {@link dev.unstuck.core.access.AccessCheck} reads its roles and
 * permissions and says, per {@link dev.unstuck.core.access.Capability}, what is missing and where to add it.
 */
package dev.unstuck.core.access;
