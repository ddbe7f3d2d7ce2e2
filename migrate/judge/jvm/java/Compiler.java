import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The {@code compile} request: compiles sources held in memory with the JDK's compiler into
 * an output folder, and reports javac's own text of the diagnostics as well as each one's
 * file, line, column and message.
 *
 * <p>The text is what the javac command prints on standard error for the same sources and
 * options, run from the source root with the given relative paths. It comes from the
 * compiler's own formatter, because a {@code DiagnosticListener} gets messages worded
 * differently (qualified class names), so the structured diagnostics are read back from
 * that text.
 */
final class Compiler {
    /** Options of every compilation, as the judge's javac command passes them. */
    private static final List<String> OPTIONS = List.of(
            "-encoding", "UTF-8", "-proc:none", "-nowarn", "-Xmaxerrs", "100");
    private static final Pattern HEADING =
            Pattern.compile("^(.+?):(\\d+): (error|warning): (.*)$");
    private static final Pattern COUNT = Pattern.compile("^\\d+ (errors?|warnings?)$");

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    Compiler() {
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM; run it from a JDK");
        }
    }

    /** Handles one compile request and returns its response fields. */
    Map<String, Object> compile(Map<String, Object> request) throws IOException {
        File out = new File(Protocol.string(request, "out"));
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException("cannot create the output folder " + out);
        }
        List<File> classpath = new ArrayList<>();
        for (Object entry : Protocol.list(request, "classpath")) {
            classpath.add(new File((String) entry));
        }
        List<JavaFileObject> sources = new ArrayList<>();
        for (Object item : Protocol.list(request, "sources")) {
            Map<?, ?> source = (Map<?, ?>) item;
            sources.add(new MemorySource((String) source.get("path"), (String) source.get("text")));
        }
        List<String> options = new ArrayList<>(OPTIONS);
        for (Object option : Protocol.listOrEmpty(request, "options")) {
            options.add((String) option);
        }

        // A new file manager for each request, because one remembers which class path
        // entries were missing and the contents of archives. Warm compilations measured
        // no slower than with one shared file manager.
        StringWriter text = new StringWriter();
        boolean success;
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocation(StandardLocation.CLASS_PATH, classpath);
            success = javac.getTask(text, files, null, options, null, sources).call();
        }

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", success);
        response.put("output", text.toString());
        response.put("diagnostics", diagnostics(text.toString()));
        return response;
    }

    /**
     * Reads javac's text back into diagnostics. A diagnostic is a heading line
     * {@code file:line: kind: message}, then the source line, a caret line whose caret
     * marks the column, and more message lines (such as {@code symbol:} and
     * {@code location:}).
     */
    static List<Object> diagnostics(String text) {
        List<Object> result = new ArrayList<>();
        Map<String, Object> current = null;
        StringBuilder message = new StringBuilder();
        boolean sourceLine = false;
        for (String line : text.split("\\R")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                current = new LinkedHashMap<>();
                current.put("file", heading.group(1));
                current.put("line", Long.parseLong(heading.group(2)));
                current.put("column", 0L);
                current.put("kind", heading.group(3));
                message = new StringBuilder(heading.group(4));
                current.put("message", message.toString());
                result.add(current);
                sourceLine = true;
            } else if (current == null || COUNT.matcher(line).matches()) {
                continue;
            } else if (sourceLine) {
                sourceLine = false;
            } else if (line.trim().equals("^") && (Long) current.get("column") == 0L) {
                current.put("column", (long) line.indexOf('^') + 1);
            } else {
                message.append('\n').append(line);
                current.put("message", message.toString());
            }
        }
        return result;
    }

    /**
     * A source file held in memory. Its name is the relative path the caller gave, which
     * is the name javac prints in diagnostics. The class files get the same SourceFile
     * attribute (the last part of the path) as when javac reads the file from disk.
     */
    private static final class MemorySource extends SimpleJavaFileObject {
        private final String path;
        private final String text;

        MemorySource(String path, String text) {
            super(uri(path), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        private static URI uri(String path) {
            try {
                return new URI("memory", null, "/" + path, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid source path " + path, e);
            }
        }

        @Override
        public String getName() {
            return path;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
