package dev.unstuck.app.service;

/** Caller-supplied text echoed in an error: control characters dropped and the length bounded. */
final class Text {
    private Text() {
    }

    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(max).forEach(out::appendCodePoint);
        return text.codePointCount(0, text.length()) > max ? out + "…" : out.toString();
    }
}
