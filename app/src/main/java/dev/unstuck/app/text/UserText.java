package dev.unstuck.app.text;

/**
 * Text a user gave (an id read from a file or standard input, a file name) as it is echoed back in a
 * message: control and invisible characters written as visible escapes ({@code \e}, {@code \u0007}),
 * so a pasted escape sequence can neither rewrite the terminal nor hide what is wrong with the input,
 * and cut to a length that fits a line.
 */
public final class UserText {
    /** A conversation id is 36 characters; anything far longer is shown in part. */
    static final int MAX_LENGTH = 80;

    private UserText() {
    }

    public static String shown(String raw) {
        return shown(raw, MAX_LENGTH);
    }

    /** As {@link #shown(String)}, cut after {@code max} characters. */
    public static String shown(String raw, int max) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (shown++ == max) {
                out.append('…');
                break;
            }
            if (c == 0x1B) {
                out.append("\\e");
            } else if (Character.isISOControl(c) || invisible(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** Bidirectional overrides, zero-width characters and line separators: shown text would differ from the input. */
    private static boolean invisible(int c) {
        return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069)
                || c == 0xFEFF || c == 0x2028 || c == 0x2029;
    }
}
