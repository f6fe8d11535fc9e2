package dev.gitlablink.emulator.web;

import io.vertx.ext.web.RoutingContext;

/** Minimal HTML helpers for the emulator's few pages. */
public final class Html {

    private Html() {
    }

    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    public static String hidden(String name, String value) {
        if (value == null) {
            return "";
        }
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">\n";
    }

    /** A complete page in GitLab's minimal layout spirit. */
    public static void render(RoutingContext ctx, int status, String title, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + escape(title) + " · GitLab</title>\n</head>\n<body>\n<main role=\"main\">\n" + body
                + "</main>\n</body>\n</html>\n";
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("X-Frame-Options", "DENY")
                .end(page);
    }
}
