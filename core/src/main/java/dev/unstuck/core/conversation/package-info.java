/**
 * The conversation as unstuck sees it: {@link dev.unstuck.core.conversation.Conversation} with its
 * {@link dev.unstuck.core.conversation.Participant} legs, their {@link dev.unstuck.core.conversation.Purpose}
 * and {@link dev.unstuck.core.conversation.LegState}. Plain values below both the Genesys client, which
 * builds them, and the engine, which plans on them, so neither depends on the other.
 */
package dev.unstuck.core.conversation;
