package io.lakestream.deploy.progress;

import java.io.PrintStream;

/** Where progress goes: a line redrawn in place on a terminal, or one line per update. */
public interface ProgressSink {

    /** Shows the current state (replacing the previous one, where the sink can). */
    void update(String text);

    /** Shows a last line and leaves the cursor on a fresh line. */
    void finish(String text);

    /** A line redrawn in place with {@code \r}, padded over what the previous one left. */
    static ProgressSink bar(PrintStream out) {
        return new ProgressSink() {
            private int width;
            private boolean drawn;

            @Override
            public void update(String text) {
                out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
                out.flush();
                width = Math.max(width, text.length());
                drawn = true;
            }

            @Override
            public void finish(String text) {
                if (drawn) {
                    out.print("\r" + " ".repeat(width) + "\r");
                }
                out.println(text);
                out.flush();
            }
        };
    }

    /** One line per update, for logs and pipes. */
    static ProgressSink lines(PrintStream out) {
        return new ProgressSink() {
            @Override
            public void update(String text) {
                out.println(text);
                out.flush();
            }

            @Override
            public void finish(String text) {
                update(text);
            }
        };
    }
}
