package migrate.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dynamic CALL: finds the program class by the naming rule of the generated Java
 * ({@code POST-TRAN} is class {@code PostTran}) and calls its static {@code call} method.
 *
 * <p>The method is looked up once per class and argument count, then cached. GnuCOBOL
 * 3.1.2 reports a missing program as "libcob: error: module 'NAME' not found" and exits
 * with status 1, which {@link ProgramNotFound} reproduces through {@link RunUnit#runMain}.
 */
public final class Programs {
    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();
    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean",
            "break", "byte", "case", "catch", "char", "class", "const", "continue", "default",
            "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
            "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
            "record", "yield");

    private Programs() {
    }

    /**
     * Runs {@code CALL name USING args}: invokes {@code javaPackage.ClassName.call(args)}.
     * Throws {@link ProgramNotFound} when no such program exists, and passes on any
     * unchecked exception of the callee, such as {@link StopRun}.
     */
    public static void call(String javaPackage, String programName, Area... args) {
        Method method = find(javaPackage, programName, args.length);
        if (method == null) {
            throw new ProgramNotFound(programName);
        }
        Object[] passed = Arrays.copyOf(args, method.getParameterCount(), Object[].class);
        try {
            method.invoke(null, passed);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("program " + programName + " is not public", e);
        }
    }

    /**
     * Runs {@code CALL identifier}: the program name is the item's text without trailing
     * spaces.
     */
    public static void call(String javaPackage, Area programName, Area... args) {
        call(javaPackage, stripTrailing(programName.text()), args);
    }

    /** Returns whether a program of that name exists in {@code javaPackage}. */
    public static boolean exists(String javaPackage, String programName) {
        return loadClass(javaPackage, programName) != null;
    }

    /**
     * Returns the Java class name for a COBOL program name ({@code 1STPASS} is {@code
     * P1stpass}).
     */
    public static String className(String programName) {
        StringBuilder out = new StringBuilder();
        for (String part : programName.trim().split("[-_]")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT));
                out.append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        if (out.length() > 0 && Character.isDigit(out.charAt(0))) {
            out.insert(0, 'P');
        }
        return out.toString();
    }

    /** Returns the Java field or method name for a COBOL data or paragraph name. */
    public static String memberName(String cobolName) {
        String upper = className(cobolName);
        if (upper.isEmpty()) {
            return upper;
        }
        String lower = upper.substring(0, 1).toLowerCase(Locale.ROOT) + upper.substring(1);
        return JAVA_KEYWORDS.contains(lower) ? lower + "_" : lower;
    }

    private static Method find(String javaPackage, String programName, int argumentCount) {
        String key = javaPackage + "." + className(programName) + "/" + argumentCount;
        Method cached = METHODS.get(key);
        if (cached != null) {
            return cached;
        }
        Class<?> type = loadClass(javaPackage, programName);
        if (type == null) {
            return null;
        }
        Method method = lookup(type, argumentCount);
        if (method != null) {
            METHODS.put(key, method);
        }
        return method;
    }

    private static Method lookup(Class<?> type, int argumentCount) {
        Class<?>[] exact = new Class<?>[argumentCount];
        Arrays.fill(exact, Area.class);
        try {
            return type.getMethod("call", exact);
        } catch (NoSuchMethodException e) {
            // GnuCOBOL passes as many arguments as the CALL has; extra USING items of the
            // callee get null, and extra arguments are dropped.
            for (Method candidate : type.getMethods()) {
                boolean areas = Arrays.stream(candidate.getParameterTypes())
                        .allMatch(p -> p == Area.class);
                boolean isStatic = java.lang.reflect.Modifier.isStatic(candidate.getModifiers());
                if (candidate.getName().equals("call") && areas && isStatic) {
                    return candidate;
                }
            }
            return null;
        }
    }

    private static Class<?> loadClass(String javaPackage, String programName) {
        String name = className(stripTrailing(programName));
        String qualified = javaPackage.isEmpty() ? name : javaPackage + "." + name;
        try {
            return Class.forName(qualified);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }
}
