package dev.sluice.core.concurrent;

import java.util.concurrent.Executor;

/**
 * The event loop that the calling thread runs, if it runs one: an executor whose tasks this same
 * thread runs once it has handled the I/O at hand (every request read in one pass of the loop).
 *
 * <p>The core and the stores know nothing of HTTP; the server supplies this from its event loops.
 * A store uses it to finish the work of the requests read in one pass on the loop itself, rather
 * than hand it to another thread and back (the embedded store's group commit).
 */
@FunctionalInterface
public interface CallerLoop {

  /** No thread runs a loop: stores hand their work to their own threads. */
  CallerLoop NONE = () -> null;

  /** The calling thread's loop, or null when the caller does not run one. */
  Executor current();
}
