/**
 * Thrown in a run's thread in place of exiting the JVM: by the guard when the program calls
 * System.exit or Runtime.halt, and by the runtime's exit hook. It extends Error so that
 * ordinary {@code catch (Exception e)} blocks in the program let it pass.
 */
final class ExitRequest extends Error {
    final int status;

    ExitRequest(int status) {
        super("exit " + status, null, false, false);
        this.status = status;
    }
}
