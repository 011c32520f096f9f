package dev.unstuck.app;

/** Entry point of the unstuck command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(0);
    }
}
