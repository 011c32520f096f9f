package dev.unstuck.app.service.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame every signed-in page shares (head, skip link, page bar with the navigation and the
 * sign-out button), written once in {@code pages/layout.html}. A page file opens with a comment naming
 * its title and scripts, {@code <!-- layout: title=Now; module=/ui/js/now.js -->}, and holds only its
 * own content; a file without that comment (sign-in) is served as written. Put together once, when the
 * service starts.
 */
final class Layout {
    private static final Pattern META = Pattern.compile("\\A<!-- layout: (.*?) -->\\R");
    private static final Pattern LEADING_COMMENT = Pattern.compile("\\A<!--.*?-->\\R", Pattern.DOTALL);

    private Layout() {
    }

    /** The layout file without its own leading comment: nothing may come before the doctype. */
    static String frame(String layoutFile) {
        return LEADING_COMMENT.matcher(layoutFile).replaceFirst("");
    }

    static String render(String frame, String page, String file) {
        Matcher meta = META.matcher(file);
        if (!meta.find()) {
            return file;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : meta.group(1).split(";")) {
            String[] pair = field.trim().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalStateException("dashboard page " + page + ": '" + field.trim() + "' in its layout comment is not key=value");
            }
            fields.put(pair[0], pair[1]);
        }
        StringBuilder scripts = new StringBuilder();
        for (String src : list(fields.get("classic"))) {
            scripts.append("<script src=\"").append(src).append("\"></script>\n");
        }
        for (String src : list(fields.get("module"))) {
            scripts.append("<script type=\"module\" src=\"").append(src).append("\"></script>\n");
        }
        String title = fields.get("title");
        if (title == null) {
            throw new IllegalStateException("dashboard page " + page + " has no title in its layout comment");
        }
        return frame.replace("{{title}}", title).replace("{{scripts}}", scripts).replace("{{page}}", page)
                .replace("{{main}}", file.substring(meta.end()));
    }

    private static String[] list(String value) {
        return value == null || value.isBlank() ? new String[0] : value.split(",");
    }
}
