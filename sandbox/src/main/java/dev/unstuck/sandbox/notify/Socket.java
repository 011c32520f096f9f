package dev.unstuck.sandbox.notify;

/** One open WebSocket, seen without the web server's types. Sends may happen on any thread. */
public interface Socket {
    void send(String text);

    /** A polite close frame. */
    void close(int code, String reason);

    /** Gone without a close frame, as a network failure looks to the client. */
    void drop();
}
